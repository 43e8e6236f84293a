package dev.pottery.collections;

import java.util.Collection;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * A {@link List} stored in a Redis list, as Python pottery's {@code RedisList} stores it: each element is the
 * canonical JSON of a value and index 0 is the head of the Redis list (wire-format.md section 2.3).
 *
 * <p><b>Atomicity and round trips.</b> Every method is atomic in Redis. {@code get} ({@code LINDEX}), {@code add}
 * ({@code RPUSH}), {@code addAll} (one {@code RPUSH}), {@code remove(Object)} ({@code LREM}), {@code indexOf} and
 * {@code lastIndexOf} ({@code LPOS}) and {@code size} ({@code LLEN}) are one command; {@code set}, {@code add(int, E)},
 * {@code addAll(int, Collection)}, {@code remove(int)}, {@code removeAll}, {@code retainAll} and
 * {@code subList(...).clear()} are one Lua script each. Iteration reads {@code LRANGE} windows of 1000 elements
 * (constant client memory); the {@link java.util.ListIterator} supports {@code set}, {@code add} and {@code remove}.
 * {@code sort} and {@code replaceAll} are atomic as a whole: they read the list, compute here, and write it back
 * with one compare-and-set script (a TTL on the list is kept), starting again if another client changed the list in
 * between, so no concurrent update is lost.
 *
 * <p><b>Index access is O(n)</b> in Redis (a linked list, {@code O(min(i, n - i))} per access), so this list does
 * not implement {@link java.util.RandomAccess}: iterate rather than loop over {@code get(i)}.
 *
 * <p><b>Views and iterators</b> are live and write-through: {@link #subList} and the iterators read and write the
 * Redis list. They work by index, so they are weakly consistent: they never throw
 * {@code ConcurrentModificationException} for changes made by other clients, but such changes may make an iterator
 * skip or repeat elements, and a sub-list (which, like the JDK's, remembers its size) go stale. A view is, like a
 * JDK view, for one thread. Elements are equal when their canonical JSON is ({@code indexOf(1L)} finds {@code 1}).
 *
 * <p>Thread-safe: the object holds only its key; all state is in Redis.
 *
 * <pre>{@code
 * RedisList<Integer> squares = collections.list("squares", List.of(1, 4, 9, 16, 25), Integer.class);
 * squares.get(2);          // 9
 * squares.add(36);         // RPUSH
 * squares.subList(0, 2);   // [1, 4], a live view
 * }</pre>
 *
 * @param <E> the element type; {@code null} is a legal element, stored as JSON {@code null} (Python's
 * {@code None})
 * @since 0.1.0
 */
public interface RedisList<E extends @Nullable Object> extends List<E> {

	/**
	 * The Redis key of this list.
	 * @return the key
	 */
	String key();

	/**
	 * Create this structure with initial contents, as pottery's constructors with contents do: the key must not exist
	 * yet, and the check and the write (one RPUSH) are one atomic script, so a concurrent creator cannot interleave.
	 * Opening a structure with {@code Pottery} writes nothing; call this once, right after, to create it.
	 *
	 * <pre>{@code
	 * RedisList<Integer> squares = pottery.list("squares", Integer.class).create(List.of(1, 4, 9));
	 * }</pre>
	 * @param initial the initial elements, in order
	 * @return this structure
	 * @throws dev.pottery.KeyExistsException if the key already exists, whatever its type (nothing is written)
	 * @throws dev.pottery.EncodingException if an element cannot be encoded (nothing is written)
	 * @since 0.1.0
	 */
	RedisList<E> create(Collection<? extends E> initial);

	/**
	 * Copy the whole list in one round trip ({@code LRANGE 0 -1}), as pottery's {@code to_list()}.
	 * @return a new {@link java.util.ArrayList}, empty when the key does not exist
	 */
	List<E> toList();

}
