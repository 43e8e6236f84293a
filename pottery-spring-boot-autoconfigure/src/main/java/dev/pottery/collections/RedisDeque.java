package dev.pottery.collections;

import java.util.Collection;
import java.util.Deque;
import java.util.List;
import java.util.OptionalInt;

/**
 * A {@link Deque} stored in a Redis list, as Python pottery's {@code RedisDeque} stores it (wire-format.md section
 * 2.4): each element is the canonical JSON of a value, the head of the deque is the head of the Redis list.
 *
 * <p><b>Bounded deques behave like Python's.</b> With a {@linkplain #maxLength() maximum length}, inserting into a
 * full deque discards elements from the <em>opposite</em> end, atomically (one script doing the push and the
 * {@code LTRIM}): {@code addLast}/{@code offerLast}/{@code add}/{@code offer}/{@code addAll} drop from the head,
 * {@code addFirst}/{@code offerFirst}/{@code push} drop from the tail, and a maximum length of 0 keeps nothing.
 * So, unlike a capacity-restricted JDK deque, insertion never fails and never throws {@code IllegalStateException};
 * the methods return {@code true}. As in pottery, the maximum length is not stored in Redis: every client must use the
 * same one. Opening an existing key that holds more elements than the maximum fails with a
 * {@link dev.pottery.PotteryException} (pottery's {@code IndexError}).
 *
 * <p><b>Atomicity and round trips.</b> Every method is atomic in Redis and costs one round trip: pushes are
 * {@code LPUSH}/{@code RPUSH} (a script when bounded), polls {@code LPOP}/{@code RPOP}, peeks {@code LINDEX},
 * {@code removeFirstOccurrence}/{@code removeLastOccurrence} {@code LREM}, {@code contains} {@code LPOS},
 * {@link #rotate} a script. {@code addAll} is one push. Iterators (both directions) read {@code LRANGE} windows of
 * 1000 elements and support {@code remove}; they are weakly consistent (no
 * {@code ConcurrentModificationException}; concurrent pushes and pops may make them skip or repeat elements).
 *
 * <p><b>Nulls.</b> Null elements are rejected with {@code NullPointerException} ({@code null} means "empty" to
 * {@code poll} and {@code peek}). A JSON {@code null} written by another client (Python's {@code None}) reads as
 * {@code null} in iteration and {@link #toList()}; {@code poll}/{@code peek} at an end holding it throw
 * {@link dev.pottery.EncodingException} naming the key and leave it in place (a polled {@code None} is pushed back
 * at the same end), so it is never mistaken for "empty" and never lost.
 *
 * <p>Thread-safe: the object holds only its key and maximum length; all state is in Redis.
 *
 * <pre>{@code
 * RedisDeque<String> letters = collections.deque("letters", List.of("g", "h", "i"), String.class);
 * letters.addLast("j");       // RPUSH
 * letters.addFirst("f");      // LPUSH
 * letters.rotate(1);          // [j, f, g, h, i]
 * }</pre>
 *
 * @param <E> the element type; {@code null} elements are rejected
 * @since 0.1.0
 */
public interface RedisDeque<E> extends Deque<E> {

	/**
	 * The Redis key of this deque.
	 * @return the key
	 */
	String key();

	/**
	 * Create this structure with initial contents, as pottery's constructors with contents do: the key must not exist
	 * yet, and the check and the write (one RPUSH) are one atomic script, so a concurrent creator cannot interleave.
	 * Opening a structure with {@code Pottery} writes nothing; call this once, right after, to create it.
	 *
	 * <pre>{@code
	 * RedisDeque<String> recent = pottery.deque("recent", 3, String.class).create(List.of("a", "b", "c", "d"));  // b, c, d
	 * }</pre>
	 * @param initial the initial elements, first to last; a bounded deque keeps only the last {@code maxLength} of them, as pottery does
	 * @return this structure
	 * @throws dev.pottery.KeyExistsException if the key already exists, whatever its type (nothing is written)
	 * @throws dev.pottery.EncodingException if an element cannot be encoded (nothing is written)
 * @throws NullPointerException if an initial element is null
	 * @since 0.1.0
	 */
	RedisDeque<E> create(Collection<? extends E> initial);

	/**
	 * The maximum length this deque object enforces, as Python's {@code maxlen}.
	 * @return the maximum length, or empty for an unbounded deque
	 */
	OptionalInt maxLength();

	/**
	 * Rotate the deque {@code n} steps to the right (the last {@code n} elements move to the head), or to the left
	 * when {@code n} is negative, as Python's {@code deque.rotate}; atomic (one script). Does nothing on an empty or
	 * one-element deque.
	 * @param n the number of steps, any size (taken modulo the length)
	 */
	void rotate(int n);

	/**
	 * Copy the whole deque, head first, in one round trip ({@code LRANGE 0 -1}).
	 * @return a new {@link java.util.ArrayList}
	 */
	List<E> toList();

}
