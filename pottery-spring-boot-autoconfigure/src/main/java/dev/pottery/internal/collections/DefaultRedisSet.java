package dev.pottery.internal.collections;

import java.util.AbstractSet;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

import dev.pottery.collections.RedisSet;
import dev.pottery.internal.StructureSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * A {@link RedisSet} over a Redis set.
 */
final class DefaultRedisSet<E extends @Nullable Object> extends AbstractSet<E> implements RedisSet<E> {

	static final String REDIS_TYPE = "set";

	static final String STRUCTURE = "RedisSet";

	/** The SSCAN COUNT hint of iterators. */
	static final int SCAN_COUNT = 1000;

	private final StructureSupport support;

	private final JavaType elementType;

	DefaultRedisSet(StructureSupport support, JavaType elementType) {
		this.support = support;
		this.elementType = elementType;
	}

	/** Open a set (no round trip); {@link #create} writes initial contents. */
	static <E extends @Nullable Object> DefaultRedisSet<E> open(StructureSupport support, JavaType elementType) {
		DefaultRedisSet<E> set = new DefaultRedisSet<>(support, elementType);
		support.unlinkWhenUnreachable(set);
		return set;
	}

	@Override
	public RedisSet<E> create(Collection<? extends E> initial) {
		Assert.notNull(initial, "'initial' must not be null");
		this.support.create(SetScripts.CREATE, this.support.encodeAll(initial));
		return this;
	}

	@Override
	public String key() {
		return this.support.key();
	}

	private StringRedisTemplate template() {
		return this.support.template();
	}

	// ---- encoding

	/** The canonical JSON of the encodable values; the others cannot be members. */
	private List<String> encodable(Collection<?> values) {
		List<String> encoded = new ArrayList<>(values.size());
		for (Object value : values) {
			String json = this.support.tryEncode(value);
			if (json != null) {
				encoded.add(json);
			}
		}
		return encoded;
	}

	E decode(String json) {
		return this.support.decode(json, this.elementType);
	}

	private <T> T run(RedisScript<T> script, String... args) {
		return this.support.execute(() -> template().execute(script, List.of(key()), (Object[]) args));
	}

	private <T> T write(RedisScript<T> script, String... args) {
		return this.support.write(() -> template().execute(script, List.of(key()), (Object[]) args));
	}

	// ---- Set

	@Override
	public int size() {
		Long size = this.support.execute(() -> template().opsForSet().size(key()));
		return (size == null) ? 0 : (int) Math.min(size, Integer.MAX_VALUE);
	}

	@Override
	public boolean isEmpty() {
		return size() == 0;
	}

	@Override
	public boolean contains(@Nullable Object o) {
		String member = this.support.tryEncode(o);
		return member != null
				&& Boolean.TRUE.equals(this.support.execute(() -> template().opsForSet().isMember(key(), member)));
	}

	@Override
	public boolean add(E e) {
		String member = this.support.encode(e);
		Long added = this.support.write(() -> template().opsForSet().add(key(), member));
		return added != null && added > 0;
	}

	@Override
	public boolean remove(@Nullable Object o) {
		String member = this.support.tryEncode(o);
		if (member == null) {
			return false;
		}
		Long removed = this.support.write(() -> template().opsForSet().remove(key(), member));
		return removed != null && removed > 0;
	}

	@Override
	public boolean containsAll(Collection<?> c) {
		Objects.requireNonNull(c, "'c' must not be null");
		if (c.isEmpty()) {
			return true;
		}
		List<String> members = encodable(c);
		return members.size() == c.size() && containsAllRaw(members);
	}

	private boolean containsAllRaw(Collection<String> members) {
		return members.isEmpty() || membership(members).values().stream().allMatch(Boolean.TRUE::equals);
	}

	@Override
	public boolean addAll(Collection<? extends E> c) {
		String[] members = this.support.encodeAll(c);
		if (members.length == 0) {
			return false;
		}
		Long added = this.support.write(() -> template().opsForSet().add(key(), members));
		return added != null && added > 0;
	}

	@Override
	public boolean removeAll(Collection<?> c) {
		Objects.requireNonNull(c, "'c' must not be null");
		List<String> members = encodable(c);
		if (members.isEmpty()) {
			return false;
		}
		Long removed = this.support.write(() -> template().opsForSet().remove(key(), members.toArray()));
		return removed != null && removed > 0;
	}

	@Override
	public boolean retainAll(Collection<?> c) {
		Objects.requireNonNull(c, "'c' must not be null");
		Long removed = write(SetScripts.RETAIN, encodable(c).toArray(String[]::new));
		return removed != null && removed > 0;
	}

	@Override
	public void clear() {
		this.support.write(() -> template().unlink(key()));
	}

	@Override
	public Iterator<E> iterator() {
		return new ScanIterator();
	}

	// ---- RedisSet

	@Override
	@SafeVarargs
	@SuppressWarnings("varargs")
	public final List<Boolean> containsMany(E... elements) {
		return containsMany(Arrays.asList(elements));
	}

	@Override
	public List<Boolean> containsMany(Collection<?> elements) {
		Objects.requireNonNull(elements, "'elements' must not be null");
		List<@Nullable String> members = new ArrayList<>(elements.size());
		for (Object element : elements) {
			members.add(this.support.tryEncode(element));
		}
		List<String> known = members.stream().filter(Objects::nonNull).map(String.class::cast).toList();
		Map<Object, Boolean> found = known.isEmpty() ? Map.of() : membership(known);
		List<Boolean> answers = new ArrayList<>(members.size());
		for (String member : members) {
			answers.add(member != null && Boolean.TRUE.equals(found.get(member)));
		}
		return answers;
	}

	/** One SMISMEMBER. */
	private Map<Object, Boolean> membership(Collection<String> members) {
		Map<Object, Boolean> found = this.support
			.execute(() -> template().opsForSet().isMember(key(), members.toArray()));
		return (found != null) ? found : Map.of();
	}

	@Override
	public Set<E> union(RedisSet<?>... others) {
		return algebra(Operation.UNION, others);
	}

	@Override
	public Set<E> intersection(RedisSet<?>... others) {
		return algebra(Operation.INTERSECTION, others);
	}

	@Override
	public Set<E> difference(RedisSet<?>... others) {
		return algebra(Operation.DIFFERENCE, others);
	}

	@Override
	public RedisSet<E> unionStore(String destKey, RedisSet<?>... others) {
		return algebraStore(Operation.UNION, destKey, others);
	}

	@Override
	public RedisSet<E> intersectionStore(String destKey, RedisSet<?>... others) {
		return algebraStore(Operation.INTERSECTION, destKey, others);
	}

	@Override
	public RedisSet<E> differenceStore(String destKey, RedisSet<?>... others) {
		return algebraStore(Operation.DIFFERENCE, destKey, others);
	}

	private Set<E> algebra(Operation operation, RedisSet<?>[] others) {
		Assert.noNullElements(others, "'others' must not contain null");
		Set<String> members;
		if (isServerSide(others, null)) {
			List<String> keys = keys(others);
			members = this.support.execute(() -> switch (operation) {
				case UNION -> template().opsForSet().union(key(), keys);
				case INTERSECTION -> template().opsForSet().intersect(key(), keys);
				case DIFFERENCE -> template().opsForSet().difference(key(), keys);
			});
		}
		else {
			members = clientSide(operation, others);
		}
		Set<E> result = new HashSet<>();
		if (members != null) {
			for (String member : members) {
				result.add(decode(member));
			}
		}
		return result;
	}

	private RedisSet<E> algebraStore(Operation operation, String destKey, RedisSet<?>[] others) {
		Assert.hasText(destKey, "'destKey' must not be empty");
		Assert.noNullElements(others, "'others' must not contain null");
		StructureSupport destination = this.support.attachOther(destKey, REDIS_TYPE, STRUCTURE);
		DefaultRedisSet<E> result = new DefaultRedisSet<>(destination, this.elementType);
		if (isServerSide(others, destKey)) {
			List<String> keys = keys(others);
			this.support.write(() -> switch (operation) {
				case UNION -> template().opsForSet().unionAndStore(key(), keys, destKey);
				case INTERSECTION -> template().opsForSet().intersectAndStore(key(), keys, destKey);
				case DIFFERENCE -> template().opsForSet().differenceAndStore(key(), keys, destKey);
			});
		}
		else {
			Set<String> members = clientSide(operation, others);
			result.write(SetScripts.STORE, members.toArray(String[]::new));
		}
		return result;
	}

	private static List<String> keys(RedisSet<?>[] others) {
		return Arrays.stream(others).map(RedisSet::key).toList();
	}

	/**
	 * Whether the others are {@code DefaultRedisSet}s on this connection factory and, where the factory may be a
	 * cluster, all keys (with {@code destKey}) share one slot.
	 */
	private boolean isServerSide(RedisSet<?>[] others, @Nullable String destKey) {
		RedisConnectionFactory factory = template().getConnectionFactory();
		List<String> keys = new ArrayList<>();
		for (RedisSet<?> other : others) {
			if (!(other instanceof DefaultRedisSet<?> set) || set.template().getConnectionFactory() != factory) {
				return false;
			}
			keys.add(other.key());
		}
		if (destKey != null) {
			keys.add(destKey);
		}
		return this.support.sharesSlotWith(keys);
	}

	private Set<String> clientSide(Operation operation, RedisSet<?>[] others) {
		Set<String> members = rawMembers();
		for (RedisSet<?> other : others) {
			Set<String> theirs = rawMembersOf(other);
			switch (operation) {
				case UNION -> members.addAll(theirs);
				case INTERSECTION -> members.retainAll(theirs);
				case DIFFERENCE -> members.removeAll(theirs);
			}
		}
		return members;
	}

	/** All members as stored, in one SMEMBERS. */
	private Set<String> rawMembers() {
		Set<String> members = this.support.execute(() -> template().opsForSet().members(key()));
		return (members != null) ? new HashSet<>(members) : new HashSet<>();
	}

	/** The canonical JSON of another collection's elements: as stored for a Redis set, else encoded here. */
	private Set<String> rawMembersOf(Collection<?> other) {
		if (other instanceof DefaultRedisSet<?> set) {
			return set.rawMembers();
		}
		return new HashSet<>(encodable(other));
	}

	@Override
	public boolean isDisjoint(Collection<?> other) {
		Objects.requireNonNull(other, "'other' must not be null");
		if (other instanceof DefaultRedisSet<?> set && isServerSide(new RedisSet<?>[] { set }, null)) {
			return compare(key(), set.key(), "disjoint");
		}
		return !containsMany(other).contains(Boolean.TRUE);
	}

	@Override
	public boolean isSubsetOf(Collection<?> other) {
		Objects.requireNonNull(other, "'other' must not be null");
		if (other instanceof DefaultRedisSet<?> set && isServerSide(new RedisSet<?>[] { set }, null)) {
			return compare(key(), set.key(), "subset");
		}
		Set<String> theirs = rawMembersOf(other);
		ScanIterator members = new ScanIterator();
		while (members.hasNext()) {
			if (!theirs.contains(members.nextRaw())) {
				return false;
			}
		}
		return true;
	}

	@Override
	public boolean isSupersetOf(Collection<?> other) {
		Objects.requireNonNull(other, "'other' must not be null");
		if (other instanceof DefaultRedisSet<?> set && isServerSide(new RedisSet<?>[] { set }, null)) {
			return compare(set.key(), key(), "subset");
		}
		if (other instanceof DefaultRedisSet<?> set) {
			return containsAllRaw(set.rawMembers());
		}
		return containsAll(other);
	}

	private boolean compare(String a, String b, String mode) {
		Long answer = this.support.execute(() -> template().execute(SetScripts.COMPARE, List.of(a, b), mode));
		return answer != null && answer == 1;
	}

	@Override
	public E pop() {
		String member = this.support.write(() -> template().opsForSet().pop(key()));
		if (member == null) {
			throw new NoSuchElementException("RedisSet '" + key() + "' is empty");
		}
		return decode(member);
	}

	@Override
	public E randomElement() {
		String member = this.support.execute(() -> template().opsForSet().randomMember(key()));
		if (member == null) {
			throw new NoSuchElementException("RedisSet '" + key() + "' is empty");
		}
		return decode(member);
	}

	@Override
	public Set<E> symmetricDifference(Collection<?> other) {
		Objects.requireNonNull(other, "'other' must not be null");
		Set<String> mine = rawMembers();
		Set<String> theirs = rawMembersOf(other);
		Set<E> result = new HashSet<>();
		for (String member : mine) {
			if (!theirs.contains(member)) {
				result.add(decode(member));
			}
		}
		for (String member : theirs) {
			if (!mine.contains(member)) {
				result.add(decode(member));
			}
		}
		return result;
	}

	@Override
	public boolean isProperSubsetOf(Collection<?> other) {
		Objects.requireNonNull(other, "'other' must not be null");
		return isSubsetOf(other) && size() < distinctSize(other);
	}

	@Override
	public boolean isProperSupersetOf(Collection<?> other) {
		Objects.requireNonNull(other, "'other' must not be null");
		return isSupersetOf(other) && size() > distinctSize(other);
	}

	/** The number of distinct members another collection would have as a Redis set. */
	private int distinctSize(Collection<?> other) {
		return (other instanceof DefaultRedisSet<?> set) ? set.size() : rawMembersOf(other).size();
	}

	@Override
	public Set<E> toSet() {
		Set<E> copy = new HashSet<>();
		for (String member : rawMembers()) {
			copy.add(decode(member));
		}
		return copy;
	}

	@Override
	public String toString() {
		StringBuilder text = new StringBuilder("RedisSet{");
		int shown = 0;
		for (ScanIterator it = new ScanIterator(); it.hasNext();) {
			String member = it.nextRaw();
			if (shown == HashRedisMap.TO_STRING_LIMIT) {
				text.append(", ...");
				break;
			}
			text.append((shown++ > 0) ? ", " : "").append(member);
		}
		return text.append('}').toString();
	}

	private enum Operation {

		UNION, INTERSECTION, DIFFERENCE

	}

	/** SSCAN in batches of about {@link #SCAN_COUNT}, through a script so no connection is held in between. */
	private final class ScanIterator implements Iterator<E> {

		private final ArrayDeque<String> batch = new ArrayDeque<>();

		private String cursor = "0";

		private boolean started;

		private @Nullable String last;

		@Override
		public boolean hasNext() {
			while (this.batch.isEmpty() && (!this.started || !"0".equals(this.cursor))) {
				fetch();
			}
			return !this.batch.isEmpty();
		}

		@SuppressWarnings("unchecked")
		private void fetch() {
			List<Object> reply = run(SetScripts.SCAN, this.cursor, Integer.toString(SCAN_COUNT));
			this.started = true;
			this.cursor = String.valueOf(reply.get(0));
			this.batch.addAll((Collection<String>) reply.get(1));
		}

		String nextRaw() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			this.last = this.batch.poll();
			return this.last;
		}

		@Override
		public E next() {
			return decode(nextRaw());
		}

		@Override
		public void remove() {
			String member = this.last;
			if (member == null) {
				throw new IllegalStateException("next() has not been called, or remove() was already called");
			}
			this.last = null;
			DefaultRedisSet.this.support.write(() -> template().opsForSet().remove(key(), member));
		}

	}

}
