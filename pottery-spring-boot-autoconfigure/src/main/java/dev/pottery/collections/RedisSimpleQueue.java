package dev.pottery.collections;

import java.util.concurrent.BlockingQueue;

/**
 * An unbounded FIFO {@link BlockingQueue} stored in a Redis stream, shared by any number of producers and
 * consumers on any number of machines, stored as Python pottery's {@code RedisSimpleQueue} stores it
 * (wire-format.md section 2.6): each item is one stream entry {@code XADD key * item <canonical JSON>}.
 *
 * <p><b>Exactly one consumer gets each item.</b> A consumer takes the oldest entry and deletes it ({@code XRANGE}
 * + {@code XDEL}) in one atomic Lua script, so two consumers never get the same item and none is lost while in
 * Redis. Delivery is at most once: an item is gone from Redis once {@code poll} or {@code take} returns it, so a
 * consumer that crashes while handling it loses it (as with pottery); no consumer group is created.
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
 * {@code poll(timeout)} when an item is there: one script. {@code size}: {@code XLEN}. {@code addAll}: one script
 * (one {@code XADD} per item, atomic). {@code drainTo}: one script per 1000 items. {@code peek}: one script.
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

}
