package dev.pottery.probabilistic;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * A Bloom filter in Redis: a set that answers "definitely not added" or "probably added" in constant space, stored as
 * Python pottery's {@code BloomFilter} stores it, so a filter built by one language answers the same in the other.
 *
 * <p><b>How it is stored</b> (wire-format.md section 2.7). The key holds a Redis string used as a bit array of
 * {@code m = ceil(-n ln p / (ln 2)^2)} bits, set with {@code k = ceil(m / n ln 2)} hashes, where {@code n} is
 * {@code numElements} and {@code p} is {@code falsePositives}. A value sets the bits
 * {@code Math.floorMod(MurmurHash3.hash32(json, seed), m)} for the seeds {@code 0 .. k-1}, where {@code json} is the
 * value's canonical JSON ({@code "rajiv"} with the quotes); bit 0 is the most significant bit of the first byte
 * ({@code SETBIT} order). Beside it, the companion key {@code <key>:bloom-params} records the parameters as
 * canonical JSON, for example {@code {"false_positives": 0.01, "k": 7, "m": 959, "num_elements": 100}}, so that a
 * client opening the filter with parameters giving another {@code m} or {@code k} gets a
 * {@link dev.pottery.probabilistic.BloomFilterMismatchException} instead of silently corrupting it (pottery keeps them only in the
 * client). A filter without the record, for example one written by Python pottery, opens and gets one.
 *
 * <p><b>The record follows the bits.</b> It can never outlive or contradict the bit string: opening a filter whose
 * bits are absent (never written, deleted by pottery's {@code clear()}, expired) ignores any record and writes the
 * opener's; a record contradicted by the bits (bits set at or beyond its {@code m}, as after pottery re-created the
 * filter with a larger one) is replaced too; and each open gives the record the bits' expiry ({@code PEXPIRE} with
 * their {@code PTTL}, or {@code PERSIST}). What no client can detect: pottery re-creating the filter with a
 * <em>smaller</em> {@code m} under a still-present record; the mismatch message then says to delete the record.
 * Opening is one atomic script that reads both keys; on a Redis Cluster, where the record may live in another hash
 * slot, the bits' {@code PTTL} and {@code STRLEN} are read first (two more round trips, not atomic with the script).
 *
 * <p><b>Atomicity and cost.</b> {@link #add}, {@link #mightContain} and {@link #containsMany} send one
 * {@code BITFIELD} command with {@code k} {@code SET u1} or {@code GET u1} operations per value: one round trip and
 * atomic (pottery needs {@code WATCH}/{@code MULTI}/{@code SETBIT}.../{@code EXEC}). {@link #addAll} and
 * {@link #containsMany} split more than 1,000 values into several {@code BITFIELD} commands sent in one pipeline: still
 * one round trip, atomic per 1,000 values. Bits are only ever set, so concurrent adds never lose each other. Opening a
 * filter costs one round trip (the parameter script). Instances are thread-safe.
 *
 * <p><b>Deviations.</b> There are no false negatives, but false positives happen at about the configured rate once
 * {@code numElements} values are in, more beyond. Values cannot be removed. A value the codec cannot encode fails
 * with an {@link dev.pottery.EncodingException} (pottery answers "not a member"). {@code null} is a value like any
 * other, hashed as its JSON {@code null} as pottery hashes {@code None}: {@code add(null)}, {@code mightContain(null)}
 * and {@code containsMany} agree. {@link #clear()} deletes the bits and then the parameter record.
 *
 * <pre>{@code
 * BloomFilter<String> dilberts = structures.bloomFilter("dilberts", 100, 0.01, String.class);
 * dilberts.add("rajiv");
 * dilberts.mightContain("rajiv");   // true
 * dilberts.mightContain("dan");     // false
 * }</pre>
 *
 * @param <E> the element type; elements must be encodable by the codec; {@code null} is an element (pottery's
 * {@code None}, hashed as {@code null})
 * @since 0.1.0
 * @see dev.pottery.Pottery#bloomFilter(String, long, double, Class)
 */
public interface BloomFilter<E> {

	/**
	 * Add a value: set its {@code k} bits in one {@code BITFIELD} command.
	 *
	 * <pre>{@code
	 * boolean changed = dilberts.add("rajiv");   // true the first time
	 * }</pre>
	 * @param element the value
	 * @return {@code true} if at least one bit changed, so the value was certainly not in the filter before;
	 * {@code false} if all its bits were already set
	 * @throws dev.pottery.EncodingException if the value cannot be encoded (nothing is written)
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a string
	 */
	boolean add(E element);

	/**
	 * Add many values in one round trip, like pottery's {@code update}.
	 *
	 * <pre>{@code
	 * dilberts.addAll(List.of("raj", "dan"));
	 * }</pre>
	 * @param elements the values; an empty collection sends nothing
	 * @return {@code true} if at least one bit changed
	 * @throws dev.pottery.EncodingException if a value cannot be encoded (nothing is written)
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a string
	 */
	boolean addAll(Collection<? extends E> elements);

	/**
	 * Whether the value might have been added: {@code false} means certainly not, {@code true} means probably (a false
	 * positive happens at about the configured rate). Pottery's {@code value in bf}.
	 *
	 * <pre>{@code
	 * dilberts.mightContain("rajiv");   // true
	 * }</pre>
	 * @param element the value
	 * @return whether all its bits are set; {@code false} for a missing key
	 * @throws dev.pottery.EncodingException if the value cannot be encoded
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a string
	 */
	boolean mightContain(E element);

	/**
	 * {@link #mightContain} for many values in one round trip, like pottery's {@code contains_many}.
	 *
	 * <pre>{@code
	 * dilberts.containsMany(List.of("rajiv", "eric"));   // [true, false]
	 * }</pre>
	 * @param elements the values
	 * @return one answer per value, in iteration order
	 * @throws dev.pottery.EncodingException if a value cannot be encoded
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a string
	 */
	List<Boolean> containsMany(Collection<? extends E> elements);

	/**
	 * {@link #mightContain} for many values in one round trip. With an element type such as {@code Object}, a single
	 * {@code Collection} argument selects {@link #containsMany(Collection)} and tests its elements; use
	 * {@link #mightContain} to test one collection-valued element.
	 *
	 * <pre>{@code
	 * dilberts.containsMany("rajiv", "eric");   // [true, false]
	 * }</pre>
	 * @param elements the values
	 * @return one answer per value, in order
	 * @throws dev.pottery.EncodingException if a value cannot be encoded
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a string
	 */
	@SuppressWarnings("unchecked")
	default List<Boolean> containsMany(E... elements) {
		return containsMany(Arrays.asList(elements));
	}

	/**
	 * An estimate of how many distinct values were added, pottery's {@code len(bf)}:
	 * {@code floor(-m / k * ln(1 - X / m))} where {@code X} is the number of set bits ({@code BITCOUNT}). One round
	 * trip.
	 *
	 * <pre>{@code
	 * long size = dilberts.approximateSize();   // 3 after adding rajiv, raj and dan
	 * }</pre>
	 * @return the estimate; 0 for a missing key; {@link Long#MAX_VALUE} when every bit is set (pottery fails there)
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a string
	 */
	long approximateSize();

	/**
	 * Delete the bits ({@code UNLINK key}), as pottery's {@code clear()}, then the parameter record (a record left
	 * without bits would be ignored and replaced by the next open anyway).
	 *
	 * <pre>{@code
	 * dilberts.clear();
	 * }</pre>
	 */
	void clear();

	/**
	 * The Redis key of the bit string.
	 * @return the key, exactly as given (or the random {@code pottery:<uuid>} key)
	 */
	String key();

	/**
	 * The size of the bit array, pottery's {@code size()}.
	 * @return {@code m}, at most 2<sup>32</sup>
	 */
	long numBits();

	/**
	 * The number of hashes (bits) per value, pottery's {@code num_hashes()}.
	 * @return {@code k}, at least 1
	 */
	int numHashes();

	/**
	 * The number of elements the filter was sized for.
	 * @return {@code n}
	 */
	long numElements();

	/**
	 * The false-positive rate the filter was sized for.
	 * @return {@code p}, in (0, 1)
	 */
	double falsePositives();

}
