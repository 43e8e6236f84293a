package dev.pottery.collections;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A counter of elements stored in a Redis hash: pottery's {@code RedisCounter}, Python's
 * {@code collections.Counter}. It is a {@code Map<E, Long>} of element to count that many JVMs (and Python
 * processes) can update at once.
 *
 * <p><b>Storage.</b> One hash field per element: the field is the canonical JSON of the element, the value the count
 * in plain decimal ({@code 2}, {@code -2}, {@code 0}), as pottery writes it (wire-format.md §2.5). Counts are 64-bit:
 * a count Python stored beyond {@code long} range cannot be read or incremented
 * ({@link dev.pottery.EncodingException}).
 *
 * <p><b>Atomicity and round trips.</b> {@link #count}, {@link #increment} (HINCRBY) and the {@code Map} reads are one
 * command each. {@link #update} and {@link #subtract} apply all their increments in one Lua script, all or nothing:
 * if one field cannot be incremented (not an integer, or the result would overflow) the others are restored and
 * nothing changes. Unlike pottery, which reads, computes and writes back under WATCH, they never lose a concurrent
 * update. The {@code Map} operations behave as {@link RedisMap}'s do (same atomicity, live views, HSCAN iteration).
 * {@link #mostCommon}, {@link #elements}, {@link #total} and the arithmetic methods read the whole hash in one
 * HGETALL (or HVALS).
 *
 * <p><b>Python differences.</b> Reading a missing element with {@code get} returns {@code null} ({@code Map}
 * contract); use {@link #count} for Python's 0. Ties in {@link #mostCommon} are ordered by the elements' stored JSON,
 * not by first insertion, so every client sees the same order.
 *
 * <p><b>Nulls.</b> The null element is an element like any other, stored as the field {@code null}, as pottery
 * counts {@code None}: {@code increment(null)}, {@code count(null)} and iteration work on it. Counts are never
 * null: writing a null count throws {@code NullPointerException}, and {@code get} returns {@code null} only for an
 * absent element.
 *
 * <pre>{@code
 * RedisCounter<Character> letters = collections.counter("letters", Character.class);
 * "hello world".chars().forEach((c) -> letters.increment((char) c));
 * letters.count('l');       // 3
 * letters.mostCommon(1);    // [l=3]
 * }</pre>
 *
 * @param <E> the element type; {@code null} is an element (pottery's {@code None})
 * @since 0.1.0
 */
public interface RedisCounter<E> extends Map<E, Long> {

	/**
	 * The Redis key of the hash.
	 * @return the key
	 */
	String key();

	/**
	 * Create this counter with initial counts, as pottery's {@code Counter(redis=..., key=..., a=4, b=2)}: the key must
	 * not exist yet, and the check and the write (one HSET) are one atomic script.
	 *
	 * <pre>{@code
	 * RedisCounter<String> c = pottery.counter("c", String.class).create(Map.of("a", 4, "b", 2));
	 * }</pre>
	 * @param initial each element's count (integers)
	 * @return this counter
	 * @throws dev.pottery.KeyExistsException if the key already exists (nothing is written)
	 * @throws IllegalArgumentException if a count is not an integer
	 * @since 0.1.0
	 */
	RedisCounter<E> create(Map<? extends E, ? extends Number> initial);

	/**
	 * Create this counter counting the given elements, as Python's {@code Counter('gallahad')}: the key must not
	 * exist yet, and the check and the write (one HSET) are one atomic script.
	 *
	 * <pre>{@code
	 * RedisCounter<String> c = pottery.counter("c", String.class).create(List.of("a", "a", "b"));  // a=2, b=1
	 * }</pre>
	 * @param elements the elements to count
	 * @return this counter
	 * @throws dev.pottery.KeyExistsException if the key already exists (nothing is written)
	 * @since 0.1.0
	 */
	RedisCounter<E> create(Iterable<? extends E> elements);

	/**
	 * The count of an element, 0 when absent (nothing is written); one HGET.
	 *
	 * <pre>{@code
	 * long zeros = letters.count('z');  // 0
	 * }</pre>
	 * @param element the element
	 * @return its count, possibly zero or negative
	 */
	long count(Object element);

	/**
	 * Add one to the count of an element, atomically (HINCRBY).
	 *
	 * <pre>{@code
	 * letters.increment('a');
	 * }</pre>
	 * @param element the element
	 * @return the new count
	 * @throws ArithmeticException if the count would overflow a {@code long} (nothing is written)
	 */
	long increment(E element);

	/**
	 * Add {@code delta} (possibly negative) to the count of an element, atomically (HINCRBY). A zero delta stores a
	 * zero count for an absent element, as Python's {@code update({e: 0})} does.
	 * @param element the element
	 * @param delta the amount to add
	 * @return the new count
	 * @throws ArithmeticException if the count would overflow a {@code long} (nothing is written)
	 */
	long increment(E element, long delta);

	/**
	 * Add the given counts, atomically in one round trip (Python's {@code Counter.update(mapping)}).
	 *
	 * <pre>{@code
	 * letters.update(Map.of('a', 2, 'b', -1));
	 * }</pre>
	 * @param counts element to amount; amounts must be integers ({@code Long}, {@code Integer}, {@code Short},
	 * {@code Byte} or a {@code BigInteger} in {@code long} range)
	 * @throws NullPointerException if an element or amount is null
	 * @throws IllegalArgumentException if an amount is not an integer
	 * @throws ArithmeticException if a count would overflow (nothing is written)
	 */
	void update(Map<? extends E, ? extends Number> counts);

	/**
	 * Count each element once per occurrence, atomically in one round trip (Python's {@code Counter.update(iterable)}).
	 *
	 * <pre>{@code
	 * letters.update(List.of('a', 'a', 'b'));  // a +2, b +1
	 * }</pre>
	 * @param elements the elements
	 * @throws NullPointerException if an element is null
	 * @throws ArithmeticException if a count would overflow (nothing is written)
	 */
	void update(Iterable<? extends E> elements);

	/**
	 * Subtract the given counts, atomically in one round trip; counts may become zero or negative, as in Python.
	 * @param counts element to amount to subtract
	 * @throws NullPointerException if an element or amount is null
	 * @throws IllegalArgumentException if an amount is not an integer
	 * @throws ArithmeticException if a count would overflow (nothing is written)
	 */
	void subtract(Map<? extends E, ? extends Number> counts);

	/**
	 * Subtract one per occurrence of each element, atomically in one round trip.
	 * @param elements the elements
	 * @throws NullPointerException if an element is null
	 * @throws ArithmeticException if a count would overflow (nothing is written)
	 */
	void subtract(Iterable<? extends E> elements);

	/**
	 * The {@code n} most common elements and their counts, highest first; ties are ordered by the elements' stored
	 * JSON bytes (ascending), so the order is the same in every JVM. Reads the whole hash (one HGETALL).
	 *
	 * <pre>{@code
	 * List<Map.Entry<Character, Long>> top = letters.mostCommon(3);
	 * }</pre>
	 * @param n how many, at least 0
	 * @return at most {@code n} immutable entries
	 * @throws IllegalArgumentException if {@code n} is negative
	 */
	List<Map.Entry<E, Long>> mostCommon(int n);

	/**
	 * All elements and their counts, highest first, ties ordered as in {@link #mostCommon(int)}.
	 * @return immutable entries
	 */
	List<Map.Entry<E, Long>> mostCommon();

	/**
	 * Each element repeated as many times as its count; elements with a count of zero or less are left out, as in
	 * Python. Reads the hash once (HGETALL) and expands lazily, in the hash's order.
	 *
	 * <pre>{@code
	 * String sorted = letters.elements().map(String::valueOf).sorted().collect(Collectors.joining());
	 * }</pre>
	 * @return a sequential stream of the elements
	 */
	Stream<E> elements();

	/**
	 * The sum of all counts (Python's {@code Counter.total()}), negative counts included; one HVALS.
	 * @return the total
	 * @throws ArithmeticException if the sum overflows a {@code long}
	 */
	long total();

	/**
	 * A copy of all counts, in one HGETALL.
	 * @return a new, modifiable map in Redis' order
	 */
	LinkedHashMap<E, Long> toMap();

	/**
	 * This counter plus the other counts, keeping only positive results (Python's {@code counter + other}). Writes
	 * nothing.
	 *
	 * <pre>{@code
	 * Map<Character, Long> sum = letters.plus(Map.of('a', 1L));
	 * }</pre>
	 * @param other the counts to add
	 * @return a new map: this counter's elements in Redis' order, then the other's new elements
	 */
	LinkedHashMap<E, Long> plus(Map<? extends E, ? extends Number> other);

	/**
	 * This counter minus the other counts, keeping only positive results (Python's {@code counter - other}). Writes
	 * nothing.
	 * @param other the counts to subtract
	 * @return a new map, ordered as in {@link #plus}
	 */
	LinkedHashMap<E, Long> minus(Map<? extends E, ? extends Number> other);

	/**
	 * The maximum of each count here and in the other counts, keeping only positive results (Python's
	 * {@code counter | other}). Writes nothing.
	 * @param other the other counts
	 * @return a new map, ordered as in {@link #plus}
	 */
	LinkedHashMap<E, Long> union(Map<? extends E, ? extends Number> other);

	/**
	 * The minimum of each count here and in the other counts, keeping only positive results (Python's
	 * {@code counter & other}). Writes nothing.
	 * @param other the other counts
	 * @return a new map in this counter's order
	 */
	LinkedHashMap<E, Long> intersection(Map<? extends E, ? extends Number> other);

	/**
	 * The positive counts, Python's unary {@code +counter}; one HGETALL, writes nothing.
	 *
	 * <pre>{@code
	 * letters.positive();  // the letters counted more than zero times
	 * }</pre>
	 * @return a new map of the elements with a positive count
	 */
	LinkedHashMap<E, Long> positive();

	/**
	 * The negative counts negated, Python's unary {@code -counter} ({@code {a=-2, b=1}} gives {@code {a=2}}); one
	 * HGETALL, writes nothing.
	 * @return a new map of the elements with a negative count, with that count's absolute value
	 */
	LinkedHashMap<E, Long> negative();

	/**
	 * Add the other counts here, then keep only positive counts (Python's {@code counter += other}; zero and
	 * negative results are deleted), in one atomic script. Unlike {@link #update(Map)}, which keeps them.
	 * @param other the counts to add
	 * @throws ArithmeticException if a count would overflow (nothing changes)
	 * @throws dev.pottery.EncodingException if a stored count is not an integer (nothing changes)
	 */
	void plusInPlace(Map<? extends E, ? extends Number> other);

	/**
	 * Subtract the other counts here, then keep only positive counts (Python's {@code counter -= other}), in one
	 * atomic script. Unlike {@link #subtract(Map)}, which keeps zero and negative counts.
	 * @param other the counts to subtract
	 * @throws ArithmeticException if a count would overflow (nothing changes)
	 * @throws dev.pottery.EncodingException if a stored count is not an integer (nothing changes)
	 */
	void minusInPlace(Map<? extends E, ? extends Number> other);

	/**
	 * Raise each count here to the other's where that is larger, then keep only positive counts (Python's
	 * {@code counter |= other}), in one atomic script.
	 * @param other the counts to take the maximum with
	 * @throws dev.pottery.EncodingException if a stored count is not an integer (nothing changes)
	 */
	void unionInPlace(Map<? extends E, ? extends Number> other);

	/**
	 * Lower each count here to the other's where that is smaller (an element the other lacks counts 0 there), then
	 * keep only positive counts (Python's {@code counter &= other}), in one atomic script.
	 * @param other the counts to take the minimum with
	 * @throws dev.pottery.EncodingException if a stored count is not an integer (nothing changes)
	 */
	void intersectionInPlace(Map<? extends E, ? extends Number> other);

}
