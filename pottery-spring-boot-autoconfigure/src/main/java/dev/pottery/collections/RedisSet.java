package dev.pottery.collections;

import java.util.Collection;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * A {@link Set} stored in a Redis set, as Python pottery's {@code RedisSet} stores it: each member is the canonical
 * JSON of an element (wire-format.md section 2.2), so Java and Python services share the same set and find each
 * other's members.
 *
 * <p><b>Atomicity and round trips.</b> Every method is atomic in Redis. {@code add}, {@code remove},
 * {@code contains} and {@code size} are one command; {@link #containsMany}, {@code containsAll}, {@code addAll} and
 * {@code removeAll} are one command each ({@code SMISMEMBER}, {@code SADD}, {@code SREM}); {@code retainAll} is one
 * Lua script. {@link #union}, {@link #intersection} and {@link #difference} with other {@code RedisSet}s on the same
 * connection factory run server-side in one round trip ({@code SUNION}, {@code SINTER}, {@code SDIFF}); on a Redis
 * Cluster only when all keys share a hash slot (use a hash tag such as {@code {fruit}:a} and {@code {fruit}:b}),
 * otherwise they read each operand ({@code SMEMBERS}) and compute client-side, which is not one atomic snapshot of
 * all operands. Iteration runs {@code SSCAN ... COUNT 1000} in batches
 * with constant client memory; {@code Iterator.remove} is supported.
 *
 * <p><b>Equality.</b> Elements are equal when their canonical JSON is: {@code 1} and {@code 1L} are the same member,
 * {@code 1} and {@code 1.0} are not. A value that cannot be encoded is never a member ({@code contains} gives
 * {@code false}, as in pottery).
 *
 * <p><b>Deviations.</b> Iterators are weakly consistent: they never fail with {@code ConcurrentModificationException},
 * and, as Redis' {@code SSCAN} guarantees, return every member present for the whole iteration at least once; a
 * member may come twice if the set is resized (for example shrunk by many removals) while it is iterated.
 * {@code hashCode} and {@code toString} iterate the whole set; {@code toString} shows the stored JSON of at most
 * 100 members with the type name, like pottery's {@code repr}: {@code RedisSet{"apple", "pear"}}.
 *
 * <p>Thread-safe: the object holds only its key; all state is in Redis.
 *
 * <pre>{@code
 * RedisSet<String> basket = collections.set("basket", List.of("apple", "orange", "pear"), String.class);
 * basket.contains("orange");                                 // true
 * basket.containsMany("apple", "banana");                    // [true, false]
 * basket.union(collections.set("cart", String.class));       // a plain Set, computed by SUNION
 * }</pre>
 *
 * @param <E> the element type; {@code null} is a legal element, stored as JSON {@code null} (Python's
 * {@code None})
 * @since 0.1.0
 */
public interface RedisSet<E extends @Nullable Object> extends Set<E> {

	/**
	 * The Redis key of this set.
	 * @return the key
	 */
	String key();

	/**
	 * Create this structure with initial contents, as pottery's constructors with contents do: the key must not exist
	 * yet, and the check and the write (one SADD) are one atomic script, so a concurrent creator cannot interleave.
	 * Opening a structure with {@code Pottery} writes nothing; call this once, right after, to create it.
	 *
	 * <pre>{@code
	 * RedisSet<String> colors = pottery.set("colors", String.class).create(List.of("red", "green"));
	 * }</pre>
	 * @param initial the initial members
	 * @return this structure
	 * @throws dev.pottery.KeyExistsException if the key already exists, whatever its type (nothing is written)
	 * @throws dev.pottery.EncodingException if an element cannot be encoded (nothing is written)
	 * @since 0.1.0
	 */
	RedisSet<E> create(Collection<? extends E> initial);

	/**
	 * Test many values for membership in one round trip ({@code SMISMEMBER}, Redis 6.2 or later), as pottery's
	 * {@code contains_many}. A value that cannot be encoded tests as absent.
	 * @param elements the values to test
	 * @return one answer per value, in order; {@code false} for every value when the key does not exist
	 */
	@SuppressWarnings("unchecked")
	List<Boolean> containsMany(E... elements);

	/**
	 * Test many values for membership in one round trip ({@code SMISMEMBER}); see {@link #containsMany(Object[])}.
	 * @param elements the values to test
	 * @return one answer per value, in iteration order
	 */
	List<Boolean> containsMany(Collection<?> elements);

	/**
	 * The union of this set and others, computed server-side ({@code SUNION}, one round trip) when all of them are
	 * {@code RedisSet}s on this set's connection factory (and, on a Redis Cluster, in one hash slot), client-side
	 * otherwise. Members of the others are decoded as this set's element type. Writes nothing.
	 * @param others the other sets
	 * @return a new {@link java.util.HashSet}
	 */
	Set<E> union(RedisSet<?>... others);

	/**
	 * The intersection of this set and others ({@code SINTER}); see {@link #union}.
	 * @param others the other sets
	 * @return a new {@link java.util.HashSet}
	 */
	Set<E> intersection(RedisSet<?>... others);

	/**
	 * The members of this set that are in none of the others ({@code SDIFF}); see {@link #union}.
	 * @param others the other sets
	 * @return a new {@link java.util.HashSet}
	 */
	Set<E> difference(RedisSet<?>... others);

	/**
	 * Store the union of this set and others at {@code destKey}, replacing what it held ({@code SUNIONSTORE}, one
	 * round trip, when all keys are on this connection factory and, on a Cluster, share a slot; otherwise computed
	 * client-side and written with one atomic script).
	 * @param destKey the key to store the result at; may be this set's key or an operand's
	 * @param others the other sets
	 * @return the result, a {@code RedisSet} with this set's element type at {@code destKey}
	 */
	RedisSet<E> unionStore(String destKey, RedisSet<?>... others);

	/**
	 * Store the intersection of this set and others at {@code destKey} ({@code SINTERSTORE}); see
	 * {@link #unionStore}.
	 * @param destKey the key to store the result at
	 * @param others the other sets
	 * @return the result at {@code destKey}
	 */
	RedisSet<E> intersectionStore(String destKey, RedisSet<?>... others);

	/**
	 * Store the difference of this set and others at {@code destKey} ({@code SDIFFSTORE}); see
	 * {@link #unionStore}.
	 * @param destKey the key to store the result at
	 * @param others the other sets
	 * @return the result at {@code destKey}
	 */
	RedisSet<E> differenceStore(String destKey, RedisSet<?>... others);

	/**
	 * Whether this set and the given collection have no element in common. One round trip: a script when
	 * {@code other} is a {@code RedisSet} on the same server (and slot), otherwise one {@code SMISMEMBER} of its
	 * elements.
	 * @param other the collection
	 * @return {@code true} if no element of {@code other} is a member
	 */
	boolean isDisjoint(Collection<?> other);

	/**
	 * Whether every member of this set is in the given collection. One script when {@code other} is a
	 * {@code RedisSet} on the same server (and slot); otherwise this set is scanned and compared client-side.
	 * @param other the collection
	 * @return {@code true} if this set is a subset of {@code other}
	 */
	boolean isSubsetOf(Collection<?> other);

	/**
	 * Whether every element of the given collection is a member of this set ({@link #containsAll}); one round trip.
	 * @param other the collection
	 * @return {@code true} if this set is a superset of {@code other}
	 */
	boolean isSupersetOf(Collection<?> other);

	/**
	 * The elements in exactly one of this set and the given collection, pottery's (and Python's)
	 * {@code symmetric_difference}, which pottery 3.0.1 itself does not implement. Reads both sides whole (one
	 * {@code SMEMBERS} per {@code RedisSet}; not one atomic snapshot of both); members of another {@code RedisSet} are
	 * decoded as this set's element type. Writes nothing.
	 *
	 * <pre>{@code
	 * Set<String> onlyOne = basket.symmetricDifference(Set.of("apple", "kiwi"));  // orange, pear, kiwi
	 * }</pre>
	 * @param other the other collection (a {@code RedisSet} or any collection)
	 * @return a new {@link java.util.HashSet}
	 */
	Set<E> symmetricDifference(Collection<?> other);

	/**
	 * Whether this set is a proper subset of the given collection (Python's {@code s < t}): a subset
	 * ({@link #isSubsetOf}) with fewer distinct elements. Two or three round trips, not one atomic step.
	 *
	 * <pre>{@code
	 * basket.isProperSubsetOf(Set.of("apple", "orange", "pear", "kiwi"));  // true
	 * }</pre>
	 * @param other the collection
	 * @return {@code true} if every member is in {@code other} and {@code other} has more distinct elements
	 */
	boolean isProperSubsetOf(Collection<?> other);

	/**
	 * Whether this set is a proper superset of the given collection (Python's {@code s > t}): a superset
	 * ({@link #isSupersetOf}) with more distinct elements. Two or three round trips, not one atomic step.
	 *
	 * <pre>{@code
	 * basket.isProperSupersetOf(Set.of("apple"));  // true
	 * }</pre>
	 * @param other the collection
	 * @return {@code true} if every element of {@code other} is a member and this set has more
	 */
	boolean isProperSupersetOf(Collection<?> other);

	/**
	 * A copy of the whole set in one {@code SMEMBERS}, pottery's {@code to_set()}.
	 *
	 * <pre>{@code
	 * Set<String> copy = basket.toSet();
	 * }</pre>
	 * @return a new, modifiable {@link java.util.HashSet}
	 */
	Set<E> toSet();

	/**
	 * Remove and return a random member ({@code SPOP}), atomically.
	 * @return the removed element
	 * @throws NoSuchElementException if the set is empty
	 */
	E pop();

	/**
	 * A random member, not removed ({@code SRANDMEMBER}).
	 * @return an element
	 * @throws NoSuchElementException if the set is empty
	 */
	E randomElement();

}
