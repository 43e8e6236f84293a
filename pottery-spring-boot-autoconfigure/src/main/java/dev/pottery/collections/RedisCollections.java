package dev.pottery.collections;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.pottery.codec.PotteryJson;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.core.ResolvableType;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * Creates Pottery's Redis-backed collections on one Redis connection, with one codec. The {@code Pottery} facade
 * bean delegates here; use this class directly outside Spring Boot.
 *
 * <p>Every factory method takes the Redis key ({@code null} or empty for a random {@code pottery:<uuid>} key that
 * is deleted when the structure becomes unreachable) and the element types, so reads come back typed. Opening a
 * structure costs no round trip (a random key costs one EXISTS); creating one with initial contents fails with
 * {@link dev.pottery.KeyExistsException} if the key already exists.
 *
 * <p>Thread-safe; the structures it creates are thread-safe too.
 *
 * <pre>{@code
 * RedisCollections collections = RedisCollections.create(connectionFactory);
 * RedisMap<String, Integer> tel = collections.map("tel", String.class, Integer.class);
 * tel.put("jack", 4098);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RedisCollections {

	private final StringRedisTemplate template;

	private final PotteryJson codec;

	/**
	 * Create a factory on the given connection with the given codec.
	 * @param connectionFactory the Redis connection (usually the application's Lettuce connection factory)
	 * @param codec the codec
	 */
	public RedisCollections(RedisConnectionFactory connectionFactory, PotteryJson codec) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(codec, "'codec' must not be null");
		this.template = new StringRedisTemplate(connectionFactory);
		this.codec = codec;
	}

	/**
	 * Create a factory on the given connection with the default codec.
	 * @param connectionFactory the Redis connection
	 * @return the factory
	 */
	public static RedisCollections create(RedisConnectionFactory connectionFactory) {
		return new RedisCollections(connectionFactory, PotteryJson.create());
	}

	StructureSupport support(String key, String redisType, String structure) {
		return StructureSupport.attach(this.template, this.codec, key, redisType, structure);
	}

	/**
	 * The codec the structures use.
	 * @return the codec
	 */
	public PotteryJson codec() {
		return this.codec;
	}

	// ---- hashes: RedisMap, RedisCounter, CachedOrderedMap ----

	/**
	 * Open a map on a Redis hash, typed; costs no round trip (a random key costs one EXISTS).
	 *
	 * <pre>{@code
	 * RedisMap<String, Integer> tel = collections.map("tel", String.class, Integer.class);
	 * }</pre>
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param key the Redis key, or {@code null} (or empty) for a random {@code pottery:<uuid>} key deleted when the
	 * map becomes unreachable
	 * @param keyType the class keys are decoded into
	 * @param valueType the class values are decoded into
	 * @return the map
	 * @throws dev.pottery.RandomKeyException if no free random key was found
	 */
	public <K, V> RedisMap<K, V> map(@Nullable String key, Class<K> keyType, Class<V> valueType) {
		Assert.notNull(keyType, "'keyType' must not be null");
		Assert.notNull(valueType, "'valueType' must not be null");
		return map(key, ResolvableType.forClass(keyType), ResolvableType.forClass(valueType));
	}

	/**
	 * Open a map on a Redis hash with generic key or value types.
	 *
	 * <pre>{@code
	 * RedisMap<String, List<Integer>> scores = collections.map("scores", ResolvableType.forClass(String.class),
	 *     ResolvableType.forClassWithGenerics(List.class, Integer.class));
	 * }</pre>
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param key the Redis key, or {@code null} (or empty) for a random key
	 * @param keyType the type keys are decoded into ({@link ResolvableType#NONE} for the natural JSON types)
	 * @param valueType the type values are decoded into ({@link ResolvableType#NONE} for the natural JSON types)
	 * @return the map
	 * @throws dev.pottery.RandomKeyException if no free random key was found
	 */
	public <K, V> RedisMap<K, V> map(@Nullable String key, ResolvableType keyType, ResolvableType valueType) {
		Assert.notNull(keyType, "'keyType' must not be null");
		Assert.notNull(valueType, "'valueType' must not be null");
		StructureSupport support = support(key, "hash", "RedisMap");
		HashRedisMap<K, V> map = new HashRedisMap<>(support, hashJavaType(keyType), hashJavaType(valueType),
				"RedisMap");
		support.unlinkWhenUnreachable(map);
		return map;
	}

	/**
	 * Open an untyped map, decoding keys and values into the natural Java types of their JSON ({@code String},
	 * {@code Integer}/{@code Long}/{@code BigInteger}, {@code Double}, {@code Boolean}, {@code List}, {@code Map}), as
	 * Python would.
	 *
	 * <pre>{@code
	 * RedisMap<Object, Object> raj = collections.map("raj");
	 * }</pre>
	 * @param key the Redis key, or {@code null} (or empty) for a random key
	 * @return the map
	 * @throws dev.pottery.RandomKeyException if no free random key was found
	 */
	public RedisMap<Object, Object> map(@Nullable String key) {
		return map(key, ResolvableType.NONE, ResolvableType.NONE);
	}

	/**
	 * Create a map with initial contents, on a key that must not exist yet: the check and the write (one HSET of all
	 * pairs) are one atomic script.
	 *
	 * <pre>{@code
	 * RedisMap<String, Integer> tel = collections.map("tel", Map.of("jack", 4098, "sape", 4139),
	 *     String.class, Integer.class);
	 * }</pre>
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param key the Redis key, or {@code null} (or empty) for a random key
	 * @param initial the initial entries (possibly empty: the key must still be free)
	 * @param keyType the class keys are decoded into
	 * @param valueType the class values are decoded into
	 * @return the map
	 * @throws dev.pottery.KeyExistsException if the key already exists, whatever its type (nothing is written)
	 * @throws dev.pottery.EncodingException if an entry cannot be encoded (nothing is written)
	 * @throws NullPointerException if an initial key or value is null
	 */
	public <K, V> RedisMap<K, V> map(@Nullable String key, Map<? extends K, ? extends V> initial, Class<K> keyType,
			Class<V> valueType) {
		Assert.notNull(keyType, "'keyType' must not be null");
		Assert.notNull(valueType, "'valueType' must not be null");
		return map(key, initial, ResolvableType.forClass(keyType), ResolvableType.forClass(valueType));
	}

	/**
	 * Create a map with initial contents and generic types, on a key that must not exist yet (one atomic script).
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param key the Redis key, or {@code null} (or empty) for a random key
	 * @param initial the initial entries
	 * @param keyType the type keys are decoded into
	 * @param valueType the type values are decoded into
	 * @return the map
	 * @throws dev.pottery.KeyExistsException if the key already exists, whatever its type (nothing is written)
	 * @throws dev.pottery.EncodingException if an entry cannot be encoded (nothing is written)
	 * @throws NullPointerException if an initial key or value is null
	 */
	public <K, V> RedisMap<K, V> map(@Nullable String key, Map<? extends K, ? extends V> initial,
			ResolvableType keyType, ResolvableType valueType) {
		Assert.notNull(initial, "'initial' must not be null");
		HashRedisMap<K, V> map = (HashRedisMap<K, V>) this.<K, V>map(key, keyType, valueType);
		map.create(initial);
		return map;
	}

	/**
	 * Open a counter on a Redis hash; costs no round trip (a random key costs one EXISTS).
	 *
	 * <pre>{@code
	 * RedisCounter<String> words = collections.counter("words", String.class);
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} (or empty) for a random key
	 * @param elementType the class elements are decoded into
	 * @return the counter
	 * @throws dev.pottery.RandomKeyException if no free random key was found
	 */
	public <E> RedisCounter<E> counter(@Nullable String key, Class<E> elementType) {
		Assert.notNull(elementType, "'elementType' must not be null");
		return counter(key, ResolvableType.forClass(elementType));
	}

	/**
	 * Open a counter with a generic element type ({@link ResolvableType#NONE} for the natural JSON types).
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} (or empty) for a random key
	 * @param elementType the type elements are decoded into
	 * @return the counter
	 * @throws dev.pottery.RandomKeyException if no free random key was found
	 */
	public <E> RedisCounter<E> counter(@Nullable String key, ResolvableType elementType) {
		Assert.notNull(elementType, "'elementType' must not be null");
		StructureSupport support = support(key, "hash", "RedisCounter");
		HashRedisMap<E, Long> map = new HashRedisMap<>(support, hashJavaType(elementType),
				this.codec.constructType(Long.class), "RedisCounter");
		HashRedisCounter<E> counter = new HashRedisCounter<>(map);
		support.unlinkWhenUnreachable(counter);
		return counter;
	}

	/**
	 * Open an untyped counter, decoding elements into the natural Java types of their JSON.
	 * @param key the Redis key, or {@code null} (or empty) for a random key
	 * @return the counter
	 * @throws dev.pottery.RandomKeyException if no free random key was found
	 */
	public RedisCounter<Object> counter(@Nullable String key) {
		return counter(key, ResolvableType.NONE);
	}

	/**
	 * Create a counter with initial counts, on a key that must not exist yet (one atomic script).
	 *
	 * <pre>{@code
	 * RedisCounter<String> c = collections.counter("c", Map.of("a", 4, "b", 2), String.class);
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} (or empty) for a random key
	 * @param initial element to count (integers)
	 * @param elementType the class elements are decoded into
	 * @return the counter
	 * @throws dev.pottery.KeyExistsException if the key already exists (nothing is written)
	 * @throws IllegalArgumentException if a count is not an integer
	 */
	public <E> RedisCounter<E> counter(@Nullable String key, Map<? extends E, ? extends Number> initial,
			Class<E> elementType) {
		Assert.notNull(initial, "'initial' must not be null");
		Map<E, Long> counts = new LinkedHashMap<>();
		initial.forEach((element, count) -> counts.put(element, HashRedisCounter.toLong(count)));
		HashRedisCounter<E> counter = (HashRedisCounter<E>) counter(key, elementType);
		counter.create(counts);
		return counter;
	}

	/**
	 * Create a counter counting the given elements (Python's {@code Counter('gallahad')}), on a key that must not
	 * exist yet (one atomic script).
	 *
	 * <pre>{@code
	 * RedisCounter<String> c = collections.counter("c", List.of("a", "a", "b"), String.class);  // a=2, b=1
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} (or empty) for a random key
	 * @param initial the elements to count
	 * @param elementType the class elements are decoded into
	 * @return the counter
	 * @throws dev.pottery.KeyExistsException if the key already exists (nothing is written)
	 */
	public <E> RedisCounter<E> counter(@Nullable String key, Iterable<? extends E> initial, Class<E> elementType) {
		Assert.notNull(initial, "'initial' must not be null");
		Map<E, Long> counts = new LinkedHashMap<>();
		for (E element : initial) {
			counts.merge(element, 1L, Math::addExact);
		}
		HashRedisCounter<E> counter = (HashRedisCounter<E>) counter(key, elementType);
		counter.create(counts);
		return counter;
	}

	/**
	 * An ordered map of the given keys to their cached values (one HMGET); see {@link CachedOrderedMap}.
	 *
	 * <pre>{@code
	 * CachedOrderedMap<Integer, String> docs = collections.cachedOrderedMap(cache, List.of(3, 1, 2));
	 * }</pre>
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param cache the cache
	 * @param keys the keys, in order
	 * @return a new local map writing through to the cache
	 * @throws NullPointerException if a key is null
	 */
	public <K, V> CachedOrderedMap<K, V> cachedOrderedMap(RedisMap<K, V> cache, Iterable<? extends K> keys) {
		Assert.notNull(cache, "'cache' must not be null");
		Assert.notNull(keys, "'keys' must not be null");
		return new LinkedCachedOrderedMap<>(cache, keys);
	}

	/**
	 * An ordered map of the given keys to their values cached in the hash at {@code cacheKey} (one HMGET).
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param cacheKey the Redis key of the cache, or {@code null} (or empty) for a random key
	 * @param keys the keys, in order
	 * @param keyType the class keys are decoded into
	 * @param valueType the class values are decoded into
	 * @return a new local map writing through to the cache
	 * @throws NullPointerException if a key is null
	 */
	public <K, V> CachedOrderedMap<K, V> cachedOrderedMap(@Nullable String cacheKey, Iterable<? extends K> keys,
			Class<K> keyType, Class<V> valueType) {
		return cachedOrderedMap(map(cacheKey, keyType, valueType), keys);
	}

	private JavaType hashJavaType(ResolvableType type) {
		return (type == ResolvableType.NONE) ? this.codec.constructType(Object.class)
				: this.codec.constructType(type.getType());
	}

	// ---- sets: RedisSet ----

	// ---- lists: RedisList, RedisDeque ----

	// ---- streams: RedisSimpleQueue ----

}
