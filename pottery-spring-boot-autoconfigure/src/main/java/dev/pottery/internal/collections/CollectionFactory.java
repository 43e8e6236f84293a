package dev.pottery.internal.collections;

import dev.pottery.codec.PotteryJson;
import dev.pottery.collections.CachedOrderedMap;
import dev.pottery.collections.RedisCounter;
import dev.pottery.collections.RedisDeque;
import dev.pottery.collections.RedisList;
import dev.pottery.collections.RedisMap;
import dev.pottery.collections.RedisSet;
import dev.pottery.collections.RedisSimpleQueue;
import dev.pottery.internal.StructureContext;
import dev.pottery.internal.StructureSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.core.ResolvableType;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * Not API: opens the collections behind {@code dev.pottery.Pottery} on one Redis connection, with one codec and one
 * durability level. Every method takes the Redis key ({@code null} or empty for a random {@code pottery:<uuid>} key
 * that is deleted when the structure becomes unreachable) and the element types as {@link ResolvableType}s
 * ({@link ResolvableType#NONE} or {@code Object} for the natural JSON types). Opening a structure costs no round trip
 * (a random key costs one EXISTS). Thread-safe.
 */
public final class CollectionFactory {

	private final StructureContext context;

	/**
	 * Create a factory on the given connection with the given codec.
	 * @param connectionFactory the Redis connection
	 * @param codec the codec
	 */
	public CollectionFactory(RedisConnectionFactory connectionFactory, PotteryJson codec) {
		this(new StructureContext(connectionFactory, codec));
	}

	/**
	 * Create a factory in the given context.
	 * @param context the connection, codec and durability the structures share
	 */
	public CollectionFactory(StructureContext context) {
		Assert.notNull(context, "'context' must not be null");
		this.context = context;
	}

	/**
	 * The shared plumbing of one structure at {@code key}.
	 * @param key the Redis key, or {@code null} for a random one
	 * @param redisType the Redis type the key must hold
	 * @param structure the structure's name for messages
	 * @return the support
	 */
	public StructureSupport support(@Nullable String key, String redisType, String structure) {
		return this.context.support(key, redisType, structure);
	}

	/**
	 * Open a map on a Redis hash.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param keyType the type keys are decoded into
	 * @param valueType the type values are decoded into
	 * @return the map
	 */
	public <K, V> RedisMap<K, V> map(@Nullable String key, ResolvableType keyType, ResolvableType valueType) {
		StructureSupport support = support(key, "hash", "RedisMap");
		HashRedisMap<K, V> map = new HashRedisMap<>(support, jsonType(keyType), jsonType(valueType), "RedisMap");
		support.unlinkWhenUnreachable(map);
		return map;
	}

	/**
	 * Open a counter on a Redis hash.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param elementType the type elements are decoded into
	 * @return the counter
	 */
	public <E> RedisCounter<E> counter(@Nullable String key, ResolvableType elementType) {
		StructureSupport support = support(key, "hash", "RedisCounter");
		HashRedisMap<E, Long> map = new HashRedisMap<>(support, jsonType(elementType),
				this.context.codec().constructType(Long.class), "RedisCounter", false);
		HashRedisCounter<E> counter = new HashRedisCounter<>(map);
		support.unlinkWhenUnreachable(counter);
		return counter;
	}

	/**
	 * An ordered map of the given keys to their cached values (one HMGET).
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param cache the cache
	 * @param keys the keys, in order
	 * @return a new local map writing through to the cache
	 */
	public <K, V> CachedOrderedMap<K, V> cachedOrderedMap(RedisMap<K, V> cache, Iterable<? extends K> keys) {
		Assert.notNull(cache, "'cache' must not be null");
		Assert.notNull(keys, "'keys' must not be null");
		return new LinkedCachedOrderedMap<>(cache, keys);
	}

	/**
	 * Open a set on a Redis set.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param elementType the type elements are decoded into
	 * @return the set
	 */
	public <E> RedisSet<E> set(@Nullable String key, ResolvableType elementType) {
		return DefaultRedisSet.open(support(key, DefaultRedisSet.REDIS_TYPE, DefaultRedisSet.STRUCTURE),
				jsonType(elementType));
	}

	/**
	 * Open a list on a Redis list.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param elementType the type elements are decoded into
	 * @return the list
	 */
	public <E> RedisList<E> list(@Nullable String key, ResolvableType elementType) {
		return DefaultRedisList.open(support(key, DefaultRedisList.REDIS_TYPE, DefaultRedisList.STRUCTURE),
				jsonType(elementType));
	}

	/**
	 * Open an unbounded deque on a Redis list.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param elementType the type elements are decoded into
	 * @return the deque
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, ResolvableType elementType) {
		return deque(key, ListRedisDeque.UNBOUNDED, elementType);
	}

	/**
	 * Open a bounded deque on a Redis list, checking that the existing list is not longer than {@code maxLength}
	 * (one LLEN).
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param maxLength the maximum length, at least 0
	 * @param elementType the type elements are decoded into
	 * @return the deque
	 * @throws IllegalArgumentException if {@code maxLength} is negative
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, int maxLength, ResolvableType elementType) {
		Assert.isTrue(maxLength >= 0 || maxLength == ListRedisDeque.UNBOUNDED, "'maxLength' must not be negative");
		return ListRedisDeque.open(support(key, ListRedisDeque.REDIS_TYPE, ListRedisDeque.STRUCTURE),
				jsonType(elementType), maxLength);
	}

	/**
	 * Open a queue on a Redis stream.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param itemType the type items are decoded into
	 * @return the queue
	 */
	public <E> RedisSimpleQueue<E> queue(@Nullable String key, ResolvableType itemType) {
		return StreamRedisSimpleQueue.open(
				support(key, StreamRedisSimpleQueue.REDIS_TYPE, StreamRedisSimpleQueue.STRUCTURE),
				jsonType(itemType));
	}

	private JavaType jsonType(ResolvableType type) {
		Assert.notNull(type, "'elementType' must not be null");
		return (type == ResolvableType.NONE) ? this.context.codec().constructType(Object.class)
				: this.context.codec().constructType(type.getType());
	}

}
