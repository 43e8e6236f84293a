package dev.pottery.internal.collections;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.LongBinaryOperator;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import dev.pottery.EncodingException;
import dev.pottery.collections.RedisCounter;
import dev.pottery.internal.StructureSupport;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.util.Assert;

/**
 * {@link RedisCounter} over a Redis hash of canonical JSON fields and decimal counts; the {@code Map} side is a
 * {@link HashRedisMap} of {@code Long} values, whose JSON is the same plain decimal.
 */
final class HashRedisCounter<E> implements RedisCounter<E> {

	private final HashRedisMap<E, Long> map;

	private final StructureSupport support;

	private final byte[] rawKey;

	HashRedisCounter(HashRedisMap<E, Long> map) {
		this.map = map;
		this.support = map.support();
		this.rawKey = this.support.key().getBytes(StandardCharsets.UTF_8);
	}

	@Override
	public RedisCounter<E> create(Map<? extends E, ? extends Number> initial) {
		Assert.notNull(initial, "'initial' must not be null");
		Map<E, Long> counts = new LinkedHashMap<>();
		initial.forEach((element, count) -> counts.put(element, toLong(count)));
		return createCounts(counts);
	}

	@Override
	public RedisCounter<E> create(Iterable<? extends E> elements) {
		Assert.notNull(elements, "'elements' must not be null");
		Map<E, Long> counts = new LinkedHashMap<>();
		for (E element : elements) {
			counts.merge(element, 1L, Math::addExact);
		}
		return createCounts(counts);
	}

	/** Write the initial counts if the key does not exist, atomically. */
	private RedisCounter<E> createCounts(Map<E, Long> counts) {
		List<String> args = new ArrayList<>(counts.size() * 2);
		counts.forEach((element, count) -> {
			args.add(this.support.encode(element));
			args.add(Long.toString(count));
		});
		HashRedisMap.createEncoded(this.support, args);
		return this;
	}

	@Override
	public String key() {
		return this.support.key();
	}

	// ---- counting ----

	@Override
	public long count(Object element) {
		Long count = this.map.get(element);
		return (count != null) ? count : 0L;
	}

	@Override
	public long increment(E element) {
		return increment(element, 1L);
	}

	@Override
	public long increment(E element, long delta) {
		byte[] field = HashRedisMap.bytes(this.support.encode(element));
		Long count = counting(() -> this.support.template()
			.execute((RedisCallback<Long>) (connection) -> connection.hashCommands().hIncrBy(this.rawKey, field, delta),
					true));
		return Objects.requireNonNull(count, "HINCRBY returned nothing");
	}

	@Override
	public void update(Map<? extends E, ? extends Number> counts) {
		Map<String, Long> deltas = new LinkedHashMap<>();
		counts.forEach((element, amount) -> add(deltas, element, toLong(amount)));
		apply(deltas);
	}

	@Override
	public void update(Iterable<? extends E> elements) {
		apply(occurrences(elements, 1L));
	}

	@Override
	public void subtract(Map<? extends E, ? extends Number> counts) {
		Map<String, Long> deltas = new LinkedHashMap<>();
		counts.forEach((element, amount) -> add(deltas, element, Math.negateExact(toLong(amount))));
		apply(deltas);
	}

	@Override
	public void subtract(Iterable<? extends E> elements) {
		apply(occurrences(elements, -1L));
	}

	private Map<String, Long> occurrences(Iterable<? extends E> elements, long each) {
		Map<String, Long> deltas = new LinkedHashMap<>();
		for (E element : elements) {
			add(deltas, element, each);
		}
		return deltas;
	}

	private void add(Map<String, Long> deltas, @Nullable Object element, long amount) {
		String field = this.support.encode(element);
		deltas.merge(field, amount, Math::addExact);
	}

	private void apply(Map<String, Long> deltas) {
		if (deltas.isEmpty()) {
			return;
		}
		List<String> args = new ArrayList<>(deltas.size() * 2);
		deltas.forEach((field, delta) -> {
			args.add(field);
			args.add(Long.toString(delta));
		});
		counting(() -> this.support.template()
			.execute(HashScripts.COUNTER_UPDATE, List.of(this.support.key()), args.toArray()));
	}

	static long toLong(@Nullable Number amount) {
		Objects.requireNonNull(amount, "null count");
		if (amount instanceof Long || amount instanceof Integer || amount instanceof Short || amount instanceof Byte
				|| amount instanceof AtomicLong || amount instanceof AtomicInteger) {
			return amount.longValue();
		}
		if (amount instanceof BigInteger big) {
			return big.longValueExact();
		}
		throw new IllegalArgumentException("A count must be an integer, not the " + amount.getClass().getName() + " "
				+ amount);
	}

	/** Run a write, turning Redis' integer errors into Java's. */
	private <T> @Nullable T counting(java.util.function.Supplier<@Nullable T> operation) {
		try {
			return this.support.write(operation);
		}
		catch (DataAccessException ex) {
			String message = String.valueOf(ex.getMostSpecificCause().getMessage());
			if (message.contains("overflow")) {
				ArithmeticException overflow = new ArithmeticException(
						"A count in Redis key '" + key() + "' would overflow a long; nothing was written");
				overflow.initCause(ex);
				throw overflow;
			}
			if (message.contains("not an integer")) {
				throw new EncodingException(key(), "Redis key '" + key()
						+ "' holds a count that is not a 64-bit integer; nothing was written (" + message + ")", ex);
			}
			throw ex;
		}
	}

	// ---- reading everything ----

	@Override
	public List<Map.Entry<E, Long>> mostCommon(int n) {
		if (n < 0) {
			throw new IllegalArgumentException("'n' must not be negative");
		}
		Map<byte[], byte[]> all = hgetAll();
		List<Map.Entry<String, Long>> sorted = new ArrayList<>(all.size());
		all.forEach((field, count) -> sorted.add(Map.entry(HashRedisMap.utf8(field), parseCount(count))));
		sorted.sort(Comparator.comparing(Map.Entry<String, Long>::getValue, Comparator.reverseOrder())
			.thenComparing(Map.Entry::getKey));
		return sorted.stream()
			.limit(n)
			.map((entry) -> this.<E>entry(this.map.decodeKey(HashRedisMap.bytes(entry.getKey())), entry.getValue()))
			.toList();
	}

	/** An immutable entry that, unlike {@code Map.entry}, allows the null element. */
	private <T> Map.Entry<T, Long> entry(T element, Long count) {
		return new AbstractMap.SimpleImmutableEntry<>(element, count);
	}

	@Override
	public List<Map.Entry<E, Long>> mostCommon() {
		return mostCommon(Integer.MAX_VALUE);
	}

	@Override
	public Stream<E> elements() {
		Map<byte[], byte[]> all = hgetAll();
		return all.entrySet().stream().flatMap((entry) -> {
			long count = parseCount(entry.getValue());
			if (count <= 0) {
				return Stream.empty();
			}
			E element = this.map.decodeKey(entry.getKey());
			return LongStream.range(0, count).mapToObj((i) -> element);
		});
	}

	@Override
	public long total() {
		List<byte[]> counts = this.support.execute(() -> this.support.template()
			.execute((RedisCallback<List<byte[]>>) (connection) -> connection.hashCommands().hVals(this.rawKey), true));
		long total = 0;
		for (byte[] count : (counts != null) ? counts : List.<byte[]>of()) {
			total = Math.addExact(total, parseCount(count));
		}
		return total;
	}

	@Override
	public LinkedHashMap<E, Long> toMap() {
		return this.map.toMap();
	}

	private Map<byte[], byte[]> hgetAll() {
		Map<byte[], byte[]> all = this.support.execute(() -> this.support.template()
			.execute((RedisCallback<Map<byte[], byte[]>>) (connection) -> connection.hashCommands()
				.hGetAll(this.rawKey), true));
		return (all != null) ? all : Map.of();
	}

	private long parseCount(byte[] raw) {
		String text = HashRedisMap.utf8(raw);
		try {
			return Long.parseLong(text);
		}
		catch (NumberFormatException ex) {
			throw new EncodingException(key(), "Redis key '" + key() + "' holds a count that is not a 64-bit integer: "
					+ ((text.length() > 80) ? text.substring(0, 80) + "\u2026" : text), ex);
		}
	}

	// ---- arithmetic (Python's + - | &, all keeping positive results only) ----

	@Override
	public LinkedHashMap<E, Long> plus(Map<? extends E, ? extends Number> other) {
		return combine(other, Math::addExact, true);
	}

	@Override
	public LinkedHashMap<E, Long> minus(Map<? extends E, ? extends Number> other) {
		return combine(other, Math::subtractExact, true);
	}

	@Override
	public LinkedHashMap<E, Long> union(Map<? extends E, ? extends Number> other) {
		return combine(other, Math::max, true);
	}

	@Override
	public LinkedHashMap<E, Long> intersection(Map<? extends E, ? extends Number> other) {
		return combine(other, Math::min, false);
	}

	@Override
	public LinkedHashMap<E, Long> positive() {
		LinkedHashMap<E, Long> result = new LinkedHashMap<>();
		toMap().forEach((element, count) -> {
			if (count > 0) {
				result.put(element, count);
			}
		});
		return result;
	}

	@Override
	public LinkedHashMap<E, Long> negative() {
		LinkedHashMap<E, Long> result = new LinkedHashMap<>();
		toMap().forEach((element, count) -> {
			if (count < 0) {
				result.put(element, Math.negateExact(count));
			}
		});
		return result;
	}

	// ---- in-place arithmetic (Python's += -= |= &=, keeping positive counts only), one atomic script ----

	@Override
	public void plusInPlace(Map<? extends E, ? extends Number> other) {
		inPlace("add", other, Math::addExact);
	}

	@Override
	public void minusInPlace(Map<? extends E, ? extends Number> other) {
		inPlace("subtract", other, Math::addExact);
	}

	@Override
	public void unionInPlace(Map<? extends E, ? extends Number> other) {
		inPlace("union", other, Math::max);
	}

	@Override
	public void intersectionInPlace(Map<? extends E, ? extends Number> other) {
		inPlace("intersection", other, Math::min);
	}

	private void inPlace(String mode, Map<? extends E, ? extends Number> other, LongBinaryOperator sameField) {
		Objects.requireNonNull(other, "'other' must not be null");
		Map<String, Long> counts = new LinkedHashMap<>();
		other.forEach((element, count) -> counts.merge(this.support.encode(element), toLong(count),
				(a, b) -> sameField.applyAsLong(a, b)));
		List<String> args = new ArrayList<>(counts.size() * 2 + 1);
		args.add(mode);
		counts.forEach((field, count) -> {
			args.add(field);
			args.add(Long.toString(count));
		});
		counting(() -> this.support.template()
			.execute(HashScripts.COUNTER_IN_PLACE, List.of(this.support.key()), args.toArray()));
	}

	private LinkedHashMap<E, Long> combine(Map<? extends E, ? extends Number> other, LongBinaryOperator operator,
			boolean includeOthers) {
		LinkedHashMap<E, Long> mine = toMap();
		LinkedHashMap<E, Long> result = new LinkedHashMap<>();
		mine.forEach((element, count) -> {
			Number theirs = other.get(element);
			long combined = operator.applyAsLong(count, (theirs != null) ? toLong(theirs) : 0L);
			if (combined > 0) {
				result.put(element, combined);
			}
		});
		if (includeOthers) {
			other.forEach((element, count) -> {
				if (!mine.containsKey(element)) {
					long combined = operator.applyAsLong(0L, toLong(count));
					if (combined > 0) {
						result.put(element, combined);
					}
				}
			});
		}
		return result;
	}

	// ---- Map, delegated to the hash map ----

	@Override
	public int size() {
		return this.map.size();
	}

	@Override
	public boolean isEmpty() {
		return this.map.isEmpty();
	}

	@Override
	public boolean containsKey(Object key) {
		return this.map.containsKey(key);
	}

	@Override
	public boolean containsValue(Object value) {
		return this.map.containsValue(value);
	}

	@Override
	public @Nullable Long get(Object key) {
		return this.map.get(key);
	}

	@Override
	public @Nullable Long getOrDefault(Object key, Long defaultValue) {
		Long count = this.map.get(key);
		return (count != null) ? count : defaultValue;
	}

	@Override
	public @Nullable Long put(E key, Long value) {
		return this.map.put(key, Objects.requireNonNull(value, "null count"));
	}

	@Override
	public @Nullable Long remove(Object key) {
		return this.map.remove(key);
	}

	@Override
	public void putAll(Map<? extends E, ? extends Long> m) {
		m.values().forEach((count) -> Objects.requireNonNull(count, "null count"));
		this.map.putAll(m);
	}

	@Override
	public void clear() {
		this.map.clear();
	}

	@Override
	public Set<E> keySet() {
		return this.map.keySet();
	}

	@Override
	public Collection<Long> values() {
		return this.map.values();
	}

	@Override
	public Set<Entry<E, Long>> entrySet() {
		return this.map.entrySet();
	}

	@Override
	public @Nullable Long putIfAbsent(E key, Long value) {
		return this.map.putIfAbsent(key, Objects.requireNonNull(value, "null count"));
	}

	@Override
	public boolean remove(Object key, @Nullable Object value) {
		return this.map.remove(key, value);
	}

	@Override
	public boolean replace(E key, Long oldValue, Long newValue) {
		return this.map.replace(key, oldValue, Objects.requireNonNull(newValue, "null count"));
	}

	@Override
	public @Nullable Long replace(E key, Long value) {
		return this.map.replace(key, Objects.requireNonNull(value, "null count"));
	}

	@Override
	public @Nullable Long computeIfAbsent(E key, Function<? super E, ? extends @Nullable Long> mappingFunction) {
		return this.map.computeIfAbsent(key, mappingFunction);
	}

	@Override
	public @Nullable Long computeIfPresent(E key,
			BiFunction<? super E, ? super Long, ? extends @Nullable Long> remappingFunction) {
		return this.map.computeIfPresent(key, remappingFunction);
	}

	@Override
	public @Nullable Long compute(E key,
			BiFunction<? super E, ? super @Nullable Long, ? extends @Nullable Long> remappingFunction) {
		return this.map.compute(key, remappingFunction);
	}

	@Override
	public @Nullable Long merge(E key, Long value,
			BiFunction<? super Long, ? super Long, ? extends @Nullable Long> remappingFunction) {
		return this.map.merge(key, value, remappingFunction);
	}

	@Override
	public boolean equals(@Nullable Object other) {
		return this.map.equals(other);
	}

	@Override
	public int hashCode() {
		return this.map.hashCode();
	}

	@Override
	public String toString() {
		return this.map.toString();
	}

}
