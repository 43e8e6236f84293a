package dev.pottery.probabilistic;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A HyperLogLog in Redis: counts distinct values in at most 12 KB with a standard error of 0.81%, stored as Python
 * pottery's {@code HyperLogLog} stores it.
 *
 * <p><b>How it is stored</b> (wire-format.md section 2.8). The key holds Redis' own HyperLogLog string; each value is
 * added ({@code PFADD}) as its canonical JSON, so the string {@code a} counts as {@code "a"} with the quotes, exactly
 * as pottery adds it. A Java and a Python client counting into the same key count the same values once.
 *
 * <p><b>Atomicity and cost.</b> Every operation is one round trip and atomic: {@link #add}, {@link #addAll}
 * ({@code PFADD}; more than 1,000 values go out as several {@code PFADD}s in one pipeline, atomic per 1,000),
 * {@link #size} ({@code PFCOUNT}), {@link #union} ({@code PFMERGE}), {@link #unionSize} ({@code PFCOUNT} of several
 * keys) and {@link #contains}/{@link #containsMany}, which run pottery's "temporary copy" trick in one Lua script:
 * copy the HyperLogLog to a scratch key, {@code PFADD} the value there, the value is contained if no register
 * changed; the scratch key is deleted inside the script and never replicated, so it cannot leak (pottery needs a
 * {@code WATCH}/{@code MULTI} transaction and an {@code EXISTS} per scratch key). Instances are thread-safe.
 *
 * <p><b>Deviations and limits.</b> Counts are estimates. Membership has no false negatives but does have false
 * positives, more as the count grows. {@link #union} and {@link #unionSize} need all HyperLogLogs on one connection
 * factory. On a Redis Cluster they run server-side in one command when the keys share a hash slot (give them a common
 * hash tag such as {@code {searches}:2024} and {@code {searches}:2025}); otherwise they fall back to client-side work:
 * each HyperLogLog of another slot is read with {@code GET} (one round trip each), and one script merges or counts
 * copies of them in this key's slot and deletes the copies (the result is the same, but the reads and the merge are
 * not one atomic step). A value the codec cannot encode fails with an {@link dev.pottery.EncodingException} (pottery
 * answers "not a member"). {@code null} is a value like any other, added as its JSON {@code null} as pottery adds
 * {@code None}: {@code add(null)}, {@code contains(null)} and {@code containsMany} agree.
 *
 * <pre>{@code
 * HyperLogLog<String> googleSearches = structures.hyperLogLog("google-searches", String.class);
 * googleSearches.addAll(List.of("sonic the hedgehog video game", "google in 1998", "minesweeper"));
 * googleSearches.size();                        // 3
 * googleSearches.contains("minesweeper");       // true
 * }</pre>
 *
 * @param <E> the element type; elements must be encodable by the codec; {@code null} is an element (pottery's
 * {@code None}, added as {@code null})
 * @since 0.1.0
 * @see dev.pottery.Pottery#hyperLogLog(String, Class)
 */
public interface HyperLogLog<E> {

	/**
	 * Add a value ({@code PFADD}).
	 *
	 * <pre>{@code
	 * googleSearches.add("joey tribbiani");
	 * }</pre>
	 * @param element the value
	 * @return {@code true} if a register changed (the estimated count may have grown)
	 * @throws dev.pottery.EncodingException if the value cannot be encoded (nothing is written)
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a HyperLogLog
	 */
	boolean add(E element);

	/**
	 * Add many values in one round trip, like pottery's {@code update}.
	 *
	 * <pre>{@code
	 * googleSearches.addAll(List.of("wizard of oz", "rgb to hex"));
	 * }</pre>
	 * @param elements the values; an empty collection sends nothing
	 * @return {@code true} if a register changed
	 * @throws dev.pottery.EncodingException if a value cannot be encoded (nothing is written)
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a HyperLogLog
	 */
	boolean addAll(Collection<? extends E> elements);

	/**
	 * The estimated number of distinct values ({@code PFCOUNT}), pottery's {@code len(hll)}.
	 *
	 * <pre>{@code
	 * long searches = googleSearches.size();
	 * }</pre>
	 * @return the estimate; 0 for a missing key
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a HyperLogLog
	 */
	long size();

	/**
	 * Merge other HyperLogLogs into this one ({@code PFMERGE key key other...}), like pottery's {@code update} with
	 * HyperLogLog arguments.
	 *
	 * <pre>{@code
	 * googleSearches.union(bingSearches);
	 * }</pre>
	 * @param others HyperLogLogs on the same connection factory (on a Redis Cluster, those in other hash slots than
	 * this one are copied here first, see the type's Javadoc); none sends nothing
	 * @throws IllegalArgumentException if another HyperLogLog uses another Redis connection factory
	 * @throws dev.pottery.WrongTypeException if a key holds something other than a HyperLogLog
	 */
	void union(HyperLogLog<?>... others);

	/**
	 * A new HyperLogLog at {@code destKey} holding the union of this and other HyperLogLogs, leaving them unchanged:
	 * pottery's {@code union(*others, key=...)}, which returns a new HyperLogLog. {@code PFMERGE destKey key
	 * other...}; as in pottery, an existing HyperLogLog at {@code destKey} is merged in too. With a {@code null} key
	 * the result gets a random {@code pottery:<uuid>} key, deleted when the returned object becomes unreachable.
	 *
	 * <pre>{@code
	 * HyperLogLog<String> allSearches = googleSearches.unionStore("all-searches", bingSearches);
	 * }</pre>
	 * @param destKey the key of the result, or {@code null} for a random one
	 * @param others HyperLogLogs on the same connection factory
	 * @return the result, with this HyperLogLog's element type
	 * @throws IllegalArgumentException if another HyperLogLog uses another Redis connection factory
	 * @throws dev.pottery.WrongTypeException if a key holds something other than a HyperLogLog
	 */
	HyperLogLog<E> unionStore(@Nullable String destKey, HyperLogLog<?>... others);

	/**
	 * The estimated number of distinct values in the union of this and other HyperLogLogs, without changing any
	 * ({@code PFCOUNT key other...}).
	 *
	 * <pre>{@code
	 * long all = googleSearches.unionSize(bingSearches);
	 * }</pre>
	 * @param others HyperLogLogs on the same connection factory (on a Redis Cluster, those in other hash slots than
	 * this one are copied here first, see the type's Javadoc)
	 * @return the estimate
	 * @throws IllegalArgumentException if another HyperLogLog uses another Redis connection factory
	 * @throws dev.pottery.WrongTypeException if a key holds something other than a HyperLogLog
	 */
	long unionSize(HyperLogLog<?>... others);

	/**
	 * Whether the value was probably added, pottery's {@code value in hll}: {@code false} is certain, {@code true} may
	 * be a false positive. One script; the HyperLogLog is not changed.
	 *
	 * <pre>{@code
	 * googleSearches.contains("jennifer aniston");  // false
	 * }</pre>
	 * @param element the value
	 * @return whether adding it would change no register; {@code false} for a missing key
	 * @throws dev.pottery.EncodingException if the value cannot be encoded
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a HyperLogLog
	 */
	boolean contains(E element);

	/**
	 * {@link #contains} for many values in one round trip, pottery's {@code contains_many}.
	 *
	 * <pre>{@code
	 * googleSearches.containsMany(List.of("minesweeper", "jennifer aniston"));  // [true, false]
	 * }</pre>
	 * @param elements the values
	 * @return one answer per value, in iteration order
	 * @throws dev.pottery.EncodingException if a value cannot be encoded
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a HyperLogLog
	 */
	List<Boolean> containsMany(Collection<? extends E> elements);

	/**
	 * {@link #contains} for many values in one round trip. With an element type such as {@code Object}, a single
	 * {@code Collection} argument selects {@link #containsMany(Collection)} and tests its elements; use
	 * {@link #contains} to test one collection-valued element.
	 *
	 * <pre>{@code
	 * googleSearches.containsMany("minesweeper", "jennifer aniston");  // [true, false]
	 * }</pre>
	 * @param elements the values
	 * @return one answer per value, in order
	 * @throws dev.pottery.EncodingException if a value cannot be encoded
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a HyperLogLog
	 */
	@SuppressWarnings("unchecked")
	default List<Boolean> containsMany(E... elements) {
		return containsMany(Arrays.asList(elements));
	}

	/**
	 * Delete the HyperLogLog ({@code UNLINK key}), as pottery's {@code clear()}.
	 *
	 * <pre>{@code
	 * googleSearches.clear();
	 * }</pre>
	 */
	void clear();

	/**
	 * The Redis key.
	 * @return the key, exactly as given (or the random {@code pottery:<uuid>} key)
	 */
	String key();

}
