package dev.pottery.collections;

import java.util.Collection;
import java.util.concurrent.BlockingQueue;

/**
 * An unbounded FIFO {@link BlockingQueue} stored in a Redis stream, shared by any number of producers and
 * consumers on any number of machines, stored as Python pottery's {@code RedisSimpleQueue} stores it
 * (wire-format.md section 2.6): each item is one stream entry {@code XADD key * item <canonical JSON>}.
 *
 * <p><b>Exactly one consumer gets each item, and no item is lost.</b> Taking an item is two atomic scripts. The
 * <em>claim</em> moves the oldest entry out of the stream (so no other consumer, Java or Python, can take it) into
 * the queue's claim set {@code <key>:claims} with a lease of 30 s; the <em>acknowledgement</em>, once the item is
 * decoded, deletes the claim, and {@code poll}/{@code take} return the item. An item therefore leaves Redis only when
 * it is handed to a caller: if the claim's reply never arrives (the thread was interrupted, the command timed out,
 * the connection dropped) or the consumer JVM dies between the two steps, the claim stays in the claim set, and once
 * its lease has run out the next claim by any consumer puts it back into the stream, at its tail, for any consumer
 * to take (delivery is <em>at least once</em> for such items, exactly once otherwise). A consumer whose lease ran out
 * before it acknowledged does not return the item (another consumer will). If an acknowledgement's reply is lost, the
 * item is returned anyway (it may be delivered again after its lease; it is never lost). {@code drainTo} adds the
 * items to the collection first and then acknowledges them; items the collection refused go back to the queue.
 *
 * <p><b>Foreign and corrupt entries are moved aside.</b> An entry without an {@code item} field (written by
 * something other than a queue), or whose item cannot be decoded into the queue's type, is moved to the dead-letter
 * stream {@link #deadLetterKey()} ({@code <key>:dead}) with all its fields plus {@code pottery-source-id} (its id in
 * the queue) and {@code pottery-reason}, with one WARN log line; it is never deleted silently and never blocks the
 * queue: the consumer goes on with the next entry. On Redis Cluster, for a key without a hash tag, the companion keys
 * are {@code {<key>}:claims} and {@code {<key>}:dead} (the key's slot).
 *
 * <p><b>Blocking happens in Redis.</b> {@link #take()} and {@link #poll(long, java.util.concurrent.TimeUnit)} first
 * try the atomic claim; on an empty queue they wait in {@code XREAD BLOCK <ms> COUNT 1 STREAMS key 0}, which
 * returns as soon as any entry exists (so an item added between the claim and the wait is not missed), then claim
 * again; a consumer that loses the race for an item waits again. There is no client-side polling loop. The blocking
 * {@code XREAD} runs on a dedicated connection (Spring Data Redis' Lettuce connection opens one for blocking
 * commands; the shared connection is never blocked), in slices no longer than half the connection factory's
 * command timeout (at most 10 s), so a long {@code take} never trips that timeout. Interrupting a waiting thread
 * aborts the wait at once (the dedicated connection is closed) and throws {@link InterruptedException}.
 *
 * <p><b>Round trips.</b> {@code put}, {@code offer}: one {@code XADD}. {@code poll()}, {@code take} and
 * {@code poll(timeout)} when an item is there: two scripts (claim, acknowledge). {@code size}: {@code XLEN}. {@code addAll}: one script
 * (one {@code XADD} per item, atomic). {@code drainTo}: two scripts per 1000 items. {@code peek}: one script.
 * Iteration reads {@code XRANGE} windows of 1000 entries and {@code Iterator.remove} deletes the entry;
 * {@code contains} and {@code remove(Object)} iterate (O(n)). {@link #remainingCapacity()} is
 * {@link Integer#MAX_VALUE}; {@code put} never blocks.
 *
 * <p><b>Nulls.</b> As {@code BlockingQueue} requires, {@code null} is never an item: {@code put(null)} throws
 * {@code NullPointerException}, and {@code poll} returns {@code null} only when there is no item. An entry holding
 * {@code null} (a Python producer's {@code None}) is never returned as {@code null}: consumers treat it as an
 * undecodable entry ({@link dev.pottery.EncodingException} naming the key). Thread-safe.
 *
 * <pre>{@code
 * RedisSimpleQueue<String> cars = collections.queue("cars", String.class);
 * cars.put("toyota");                              // XADD cars * item "toyota"
 * String car = cars.take();                        // "toyota", blocks in Redis while empty
 * String next = cars.poll(1, TimeUnit.SECONDS);    // null after 1 s on an empty queue
 * }</pre>
 *
 * @param <E> the item type; {@code null} items are rejected
 * @since 0.1.0
 */
public interface RedisSimpleQueue<E> extends BlockingQueue<E> {

	/**
	 * The Redis key of the stream.
	 * @return the key
	 */
	String key();

	/**
	 * Create this structure with initial contents, as pottery's constructors with contents do: the key must not exist
	 * yet, and the check and the write (one XADD per item, in one script) are one atomic script, so a concurrent creator cannot interleave.
	 * Opening a structure with {@code Pottery} writes nothing; call this once, right after, to create it.
	 *
	 * <pre>{@code
	 * RedisSimpleQueue<String> jobs = pottery.queue("jobs", String.class).create(List.of("a", "b"));
	 * }</pre>
	 * @param initial the initial items, head first
	 * @return this structure
	 * @throws dev.pottery.KeyExistsException if the key already exists, whatever its type (nothing is written)
	 * @throws dev.pottery.EncodingException if an element cannot be encoded (nothing is written)
	 * @since 0.1.0
	 */
	RedisSimpleQueue<E> create(Collection<? extends E> initial);

	/**
	 * The key of the dead-letter stream where entries that are not queue items (no {@code item} field) or cannot be
	 * decoded go, with their fields plus {@code pottery-source-id} and {@code pottery-reason}: {@code <key>:dead}
	 * (on Redis Cluster, for a key without a hash tag, {@code {<key>}:dead}, in the key's slot).
	 * @return the key of the dead-letter stream
	 */
	String deadLetterKey();

}
