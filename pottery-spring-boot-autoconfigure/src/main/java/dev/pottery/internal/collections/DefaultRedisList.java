package dev.pottery.internal.collections;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

import dev.pottery.collections.RedisList;
import dev.pottery.internal.StructureSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * A {@link RedisList} over a Redis list.
 */
final class DefaultRedisList<E extends @Nullable Object> extends AbstractList<E> implements RedisList<E> {

	static final String REDIS_TYPE = "list";

	static final String STRUCTURE = "RedisList";

	private final StructureSupport support;

	private final JavaType elementType;

	DefaultRedisList(StructureSupport support, JavaType elementType) {
		this.support = support;
		this.elementType = elementType;
	}

	/** Open a list (no round trip); {@link #create} writes initial contents. */
	static <E extends @Nullable Object> DefaultRedisList<E> open(StructureSupport support, JavaType elementType) {
		DefaultRedisList<E> list = new DefaultRedisList<>(support, elementType);
		support.unlinkWhenUnreachable(list);
		return list;
	}

	@Override
	public RedisList<E> create(Collection<? extends E> initial) {
		Assert.notNull(initial, "'initial' must not be null");
		this.support.create(ListScripts.CREATE, this.support.encodeAll(initial));
		return this;
	}

	@Override
	public String key() {
		return this.support.key();
	}

	private StringRedisTemplate template() {
		return this.support.template();
	}

	E decode(String json) {
		return this.support.decode(json, this.elementType);
	}

	private <T> T run(RedisScript<T> script, String... args) {
		return this.support.write(() -> template().execute(script, List.of(key()), (Object[]) args));
	}

	private IndexOutOfBoundsException outOfBounds(int index) {
		return new IndexOutOfBoundsException("Index " + index + " is out of range for RedisList '" + key() + "'");
	}

	// ---- read

	@Override
	public int size() {
		return ListWindow.length(this.support);
	}

	@Override
	public boolean isEmpty() {
		return size() == 0;
	}

	@Override
	public E get(int index) {
		if (index < 0) {
			throw outOfBounds(index);
		}
		String element = this.support.execute(() -> template().opsForList().index(key(), index));
		if (element == null) {
			throw outOfBounds(index);
		}
		return decode(element);
	}

	@Override
	public boolean contains(@Nullable Object o) {
		return indexOf(o) >= 0;
	}

	@Override
	public int indexOf(@Nullable Object o) {
		String element = this.support.tryEncode(o);
		if (element == null) {
			return -1;
		}
		Long index = this.support.execute(() -> template().opsForList().indexOf(key(), element));
		return (index == null) ? -1 : index.intValue();
	}

	@Override
	public int lastIndexOf(@Nullable Object o) {
		String element = this.support.tryEncode(o);
		if (element == null) {
			return -1;
		}
		Long index = this.support.execute(() -> template().opsForList().lastIndexOf(key(), element));
		return (index == null) ? -1 : index.intValue();
	}

	@Override
	public List<E> toList() {
		List<String> elements = range(0, -1);
		List<E> list = new ArrayList<>(elements.size());
		for (String element : elements) {
			list.add(decode(element));
		}
		return list;
	}

	/**
	 * The stored JSON of at most the first 100 elements with the type name, like pottery's {@code repr}:
	 * {@code RedisList[1, 4, 9]}. One {@code LRANGE}.
	 */
	@Override
	public String toString() {
		return "RedisList" + ListWindow.describe(range(0, HashRedisMap.TO_STRING_LIMIT));
	}

	/** LRANGE start end (inclusive, Redis indexes). */
	List<String> range(long start, long end) {
		return ListWindow.range(this.support, start, end);
	}

	// ---- write

	/**
	 * Atomic as a whole, unlike the {@code List} default (one {@code LSET} per element): read the list, apply the
	 * operator to every element, write the results back with one compare-and-set script, and start again if another
	 * client changed the list in between. Every result is encoded before anything is written.
	 */
	@Override
	public void replaceAll(UnaryOperator<E> operator) {
		Objects.requireNonNull(operator, "operator");
		rewrite((values) -> values.replaceAll(operator));
	}

	/**
	 * Atomic as a whole, unlike the {@code List} default: read the list, sort it here, write it back with one
	 * compare-and-set script, and start again if another client changed the list in between.
	 */
	@Override
	public void sort(@Nullable Comparator<? super E> comparator) {
		rewrite((values) -> values.sort(comparator));
	}

	private void rewrite(Consumer<List<E>> change) {
		while (true) {
			List<String> read = range(0, -1);
			if (read.isEmpty()) {
				return;
			}
			List<E> values = new ArrayList<>(read.size());
			for (String element : read) {
				values.add(decode(element));
			}
			change.accept(values);
			String[] args = new String[read.size() + 2];
			args[0] = Integer.toString(read.size());
			args[1] = digest(read);
			for (int i = 0; i < read.size(); i++) {
				args[i + 2] = this.support.encode(values.get(i));
			}
			Long rewritten = run(ListScripts.REWRITE, args);
			if (rewritten != null && rewritten == 1) {
				return;
			}
		}
	}

	/** What list_rewrite.lua compares: SHA-1 over each element's byte length, ':', and bytes. */
	private static String digest(List<String> elements) {
		MessageDigest sha1;
		try {
			sha1 = MessageDigest.getInstance("SHA-1");
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
		for (String element : elements) {
			byte[] bytes = element.getBytes(StandardCharsets.UTF_8);
			sha1.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
			sha1.update((byte) ':');
			sha1.update(bytes);
		}
		return HexFormat.of().formatHex(sha1.digest());
	}

	@Override
	public E set(int index, E element) {
		String json = this.support.encode(element);
		if (index < 0) {
			throw outOfBounds(index);
		}
		List<Object> old = run(ListScripts.SET, Integer.toString(index), json);
		if (old == null || old.isEmpty()) {
			throw outOfBounds(index);
		}
		return decode((String) old.get(0));
	}

	@Override
	public boolean add(E e) {
		String json = this.support.encode(e);
		this.support.write(() -> template().opsForList().rightPush(key(), json));
		this.modCount++;
		return true;
	}

	@Override
	public void add(int index, E element) {
		insert(index, new String[] { this.support.encode(element) });
	}

	@Override
	public boolean addAll(Collection<? extends E> c) {
		String[] elements = this.support.encodeAll(c);
		if (elements.length == 0) {
			return false;
		}
		this.support.write(() -> template().opsForList().rightPushAll(key(), elements));
		this.modCount++;
		return true;
	}

	@Override
	public boolean addAll(int index, Collection<? extends E> c) {
		String[] elements = this.support.encodeAll(c);
		insert(index, elements);
		return elements.length > 0;
	}

	private void insert(int index, String[] elements) {
		if (index < 0) {
			throw outOfBounds(index);
		}
		String[] args = new String[elements.length + 1];
		args[0] = Integer.toString(index);
		System.arraycopy(elements, 0, args, 1, elements.length);
		Long length = run(ListScripts.INSERT, args);
		if (length == null || length < 0) {
			throw outOfBounds(index);
		}
		if (elements.length > 0) {
			this.modCount++;
		}
	}

	@Override
	public E remove(int index) {
		if (index < 0) {
			throw outOfBounds(index);
		}
		String removed = removeAt(index, null);
		if (removed == null) {
			throw outOfBounds(index);
		}
		return decode(removed);
	}

	/** Remove at a Redis index; with {@code expected}, only if that element is there. */
	@Nullable String removeAt(int index, @Nullable String expected) {
		List<Object> removed = (expected != null)
				? run(ListScripts.REMOVE_AT, Integer.toString(index), "expect", expected)
				: run(ListScripts.REMOVE_AT, Integer.toString(index), "any");
		if (removed == null || removed.isEmpty()) {
			return null;
		}
		this.modCount++;
		return (String) removed.get(0);
	}

	@Override
	public boolean remove(@Nullable Object o) {
		String element = this.support.tryEncode(o);
		if (element == null) {
			return false;
		}
		Long removed = this.support.write(() -> template().opsForList().remove(key(), 1, element));
		if (removed != null && removed > 0) {
			this.modCount++;
			return true;
		}
		return false;
	}

	@Override
	public boolean removeAll(Collection<?> c) {
		return filter("remove", c);
	}

	@Override
	public boolean retainAll(Collection<?> c) {
		return filter("retain", c);
	}

	private boolean filter(String mode, Collection<?> c) {
		Objects.requireNonNull(c, "'c' must not be null");
		List<String> args = new ArrayList<>(c.size() + 1);
		args.add(mode);
		for (Object element : c) {
			String json = this.support.tryEncode(element);
			if (json != null) {
				args.add(json);
			}
		}
		Long removed = run(ListScripts.FILTER, args.toArray(String[]::new));
		if (removed != null && removed > 0) {
			this.modCount++;
			return true;
		}
		return false;
	}

	@Override
	protected void removeRange(int fromIndex, int toIndex) {
		if (fromIndex < toIndex) {
			run(ListScripts.REMOVE_RANGE, Integer.toString(fromIndex), Integer.toString(toIndex));
			this.modCount++;
		}
	}

	@Override
	public void clear() {
		this.support.write(() -> template().unlink(key()));
		this.modCount++;
	}

	// ---- iteration

	@Override
	public Iterator<E> iterator() {
		return new WindowIterator(0);
	}

	@Override
	public ListIterator<E> listIterator() {
		return new WindowIterator(0);
	}

	@Override
	public ListIterator<E> listIterator(int index) {
		if (index < 0 || (index > 0 && index > size())) {
			throw outOfBounds(index);
		}
		return new WindowIterator(index);
	}

	/** A list iterator over {@link ListWindow}s read from the head. */
	private final class WindowIterator implements ListIterator<E> {

		private final ListWindow window;

		private int cursor;

		private int lastReturned = -1;

		WindowIterator(int index) {
			this.cursor = index;
			this.window = new ListWindow(DefaultRedisList.this::range, index);
		}

		@Override
		public boolean hasNext() {
			return this.window.has(this.cursor);
		}

		@Override
		public E next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			String element = this.window.get(this.cursor);
			this.lastReturned = this.cursor++;
			return decode(element);
		}

		@Override
		public boolean hasPrevious() {
			return this.cursor > 0;
		}

		@Override
		public E previous() {
			if (this.cursor <= 0) {
				throw new NoSuchElementException();
			}
			int index = this.cursor - 1;
			if (!this.window.cached(index)) {
				this.window.fetchBackward(index);
				if (!this.window.cached(index)) {
					throw new NoSuchElementException();
				}
			}
			this.cursor = index;
			this.lastReturned = index;
			return decode(this.window.get(index));
		}

		@Override
		public int nextIndex() {
			return this.cursor;
		}

		@Override
		public int previousIndex() {
			return this.cursor - 1;
		}

		@Override
		public void remove() {
			int index = this.lastReturned;
			if (index < 0) {
				throw new IllegalStateException("next() or previous() has not been called since the last change");
			}
			String expected = this.window.getIfCached(index);
			if (removeAt(index, expected) == null && expected != null) {
				// another client changed the list since next(): the element moved or is gone. Weakly consistent, as
				// the Javadoc says: remove one element equal to it wherever it is now (LREM 1), none if it is gone
				DefaultRedisList.this.support
					.execute(() -> template().opsForList().remove(key(), 1, expected));
			}
			this.window.removed(index);
			if (index < this.cursor) {
				this.cursor--;
			}
			this.lastReturned = -1;
		}

		@Override
		public void set(E e) {
			int index = this.lastReturned;
			if (index < 0) {
				throw new IllegalStateException("next() or previous() has not been called since the last change");
			}
			String json = DefaultRedisList.this.support.encode(e);
			DefaultRedisList.this.set(index, e);
			this.window.replaced(index, json);
		}

		@Override
		public void add(E e) {
			String json = DefaultRedisList.this.support.encode(e);
			insert(this.cursor, new String[] { json });
			this.window.inserted(this.cursor, json);
			this.cursor++;
			this.lastReturned = -1;
		}

	}

}
