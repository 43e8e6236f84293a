/**
 * JDK collections that live in Redis, stored as Python pottery stores them. Pick {@code RedisMap} for a
 * {@code ConcurrentMap} (a Redis hash), {@code RedisSet} for a {@code Set}, {@code RedisList} for a {@code List},
 * {@code RedisDeque} for a (bounded) {@code Deque}, {@code RedisCounter} for counting,
 * {@code RedisSimpleQueue} for a {@code BlockingQueue} shared by many producers and consumers, and
 * {@code CachedOrderedMap} for an ordered view over a Redis cache. {@link dev.pottery.Pottery} opens them (their
 * implementations are internal), and each structure's {@code create(...)} writes its initial contents.
 */
@NullMarked
package dev.pottery.collections;

import org.jspecify.annotations.NullMarked;
