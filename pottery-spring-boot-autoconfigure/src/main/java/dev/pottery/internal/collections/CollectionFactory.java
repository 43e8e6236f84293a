package dev.pottery.internal.collections;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.pottery.Durability;
import dev.pottery.codec.PotteryJson;
import dev.pottery.collections.CachedOrderedMap;
import dev.pottery.collections.RedisCounter;
import dev.pottery.collections.RedisDeque;
import dev.pottery.collections.RedisList;
import dev.pottery.collections.RedisMap;
import dev.pottery.collections.RedisSet;
import dev.pottery.collections.RedisSimpleQueue;
import dev.pottery.internal.PotteryConnection;
import dev.pottery.internal.StructureSupport;
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
 * CollectionFactory collections = CollectionFactory.create(connectionFactory);
 * RedisMap<String, Integer> tel = collections.map("tel", String.class, Integer.class);
 * tel.put("jack", 4098);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CollectionFactory {

	private final StringRedisTemplate template;

	private final PotteryJson codec;

	private final Durability durability;

	/**
	 * Create a factory on the given connection with the given codec.
	 * @param connectionFactory the Redis connection (usually the application's Lettuce connection factory)
	 * @param codec the codec
	 */
	public CollectionFactory(RedisConnectionFactory connectionFactory, PotteryJson codec) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(codec, "'codec' must not be null");
		this.template = new StringRedisTemplate(connectionFactory);
		this.codec = codec;
		this.durability = Durability.NONE;
	}

	private CollectionFactory(CollectionFactory collections, Durability durability) {
		this.template = collections.template;
		this.codec = collections.codec;
		this.durability = durability;
	}

	/**
	 * The same factory, whose structures wait for {@code durability.replicas()} replicas after each write (see
	 * {@link Durability}); reads are unchanged. No round trip.
	 *
	 * <pre>{@code
	 * CollectionFactory durable = collections.withDurability(Durability.replicas(1, Duration.ofSeconds(1)));
	 * }</pre>
	 * @param durability how many replicas must confirm each write, and how long to wait for them
	 * @return a factory with that durability ({@code this} if it already has it)
	 * @throws IllegalStateException if {@code durability} waits for replicas and this factory does not run on
	 * Pottery's own connection factory ({@link PotteryConnection#connectionFactory()})
	 */
	public CollectionFactory withDurability(Durability durability) {
		Assert.notNull(durability, "'durability' must not be null");
		if (durability.equals(this.durability)) {
			return this;
		}
		StructureSupport.checkDurability(this.template, durability);
		return new CollectionFactory(this, durability);
	}

	/**
	 * How many replicas must confirm the writes of the structures this factory opens.
	 * @return the durability level
	 */
	public Durability durability() {
		return this.durability;
	}

	/**
	 * Create a factory on the given connection with the default codec.
	 * @param connectionFactory the Redis connection
	 * @return the factory
	 */
	public static CollectionFactory create(RedisConnectionFactory connectionFactory) {
		return new CollectionFactory(connectionFactory, PotteryJson.create());
	}

	public StructureSupport support(String key, String redisType, String structure) {
		return StructureSupport.attach(this.template, this.codec, key, redisType, structure, this.durability);
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
		HashRedisMap<K, V> map = new HashRedisMap<>(support, jsonType(keyType), jsonType(valueType),
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
		HashRedisMap<E, Long> map = new HashRedisMap<>(support, jsonType(elementType),
				this.codec.constructType(Long.class), "RedisCounter", false);
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

	// ---- sets: RedisSet ----

	/**
	 * Open the {@link RedisSet} at a key, with typed elements. No round trip (a random key costs one EXISTS).
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} (or empty) for a random {@code pottery:<uuid>} key
	 * @param elementType the element class
	 * @return the set
	 */
	public <E> RedisSet<E> set(@Nullable String key, Class<E> elementType) {
		return set(key, null, jsonType(elementType));
	}

	/**
	 * Open the {@link RedisSet} at a key, with elements of a generic type.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param elementType the element type, for example {@code ResolvableType.forClassWithGenerics(List.class,
	 * Integer.class)}
	 * @return the set
	 */
	public <E> RedisSet<E> set(@Nullable String key, ResolvableType elementType) {
		return set(key, null, jsonType(elementType));
	}

	/**
	 * Open the {@link RedisSet} at a key, untyped: members decode to the natural Java types ({@code String},
	 * {@code Integer}, {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map}, {@code null}).
	 * @param key the Redis key, or {@code null} for a random key
	 * @return the set
	 */
	public RedisSet<@Nullable Object> set(@Nullable String key) {
		return set(key, null, jsonType(Object.class));
	}

	/**
	 * Create a {@link RedisSet} with initial members: checks that the key does not exist and adds the members in one
	 * atomic script.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param initial the initial members (encoded before anything is written)
	 * @param elementType the element class
	 * @return the set
	 * @throws dev.pottery.KeyExistsException if the key exists (nothing is written)
	 */
	public <E> RedisSet<E> set(@Nullable String key, Collection<? extends E> initial, Class<E> elementType) {
		Assert.notNull(initial, "'initial' must not be null");
		return set(key, initial, jsonType(elementType));
	}

	/**
	 * Create a {@link RedisSet} with initial members and elements of a generic type; see
	 * {@link #set(String, Collection, Class)}.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param initial the initial members
	 * @param elementType the element type
	 * @return the set
	 * @throws dev.pottery.KeyExistsException if the key exists (nothing is written)
	 */
	public <E> RedisSet<E> set(@Nullable String key, Collection<? extends E> initial, ResolvableType elementType) {
		Assert.notNull(initial, "'initial' must not be null");
		return set(key, initial, jsonType(elementType));
	}

	private <E> RedisSet<E> set(@Nullable String key, @Nullable Collection<? extends E> initial, JavaType type) {
		return DefaultRedisSet.open(support(key, DefaultRedisSet.REDIS_TYPE, DefaultRedisSet.STRUCTURE), type,
				initial);
	}

	private JavaType jsonType(Class<?> type) {
		Assert.notNull(type, "'elementType' must not be null");
		return this.codec.constructType(type);
	}

	private JavaType jsonType(ResolvableType type) {
		Assert.notNull(type, "'elementType' must not be null");
		return (type == ResolvableType.NONE) ? this.codec.constructType(Object.class)
				: this.codec.constructType(type.getType());
	}

	// ---- lists: RedisList, RedisDeque ----

	/**
	 * Open the {@link RedisList} at a key, with typed elements. No round trip (a random key costs one EXISTS).
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} (or empty) for a random {@code pottery:<uuid>} key
	 * @param elementType the element class
	 * @return the list
	 */
	public <E> RedisList<E> list(@Nullable String key, Class<E> elementType) {
		return list(key, null, jsonType(elementType));
	}

	/**
	 * Open the {@link RedisList} at a key, with elements of a generic type.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param elementType the element type
	 * @return the list
	 */
	public <E> RedisList<E> list(@Nullable String key, ResolvableType elementType) {
		return list(key, null, jsonType(elementType));
	}

	/**
	 * Open the {@link RedisList} at a key, untyped: elements decode to the natural Java types.
	 * @param key the Redis key, or {@code null} for a random key
	 * @return the list
	 */
	public RedisList<@Nullable Object> list(@Nullable String key) {
		return list(key, null, jsonType(Object.class));
	}

	/**
	 * Create a {@link RedisList} with initial elements: checks that the key does not exist and pushes the elements
	 * in one atomic script.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param initial the initial elements, head first (encoded before anything is written)
	 * @param elementType the element class
	 * @return the list
	 * @throws dev.pottery.KeyExistsException if the key exists (nothing is written)
	 */
	public <E> RedisList<E> list(@Nullable String key, Collection<? extends E> initial, Class<E> elementType) {
		Assert.notNull(initial, "'initial' must not be null");
		return list(key, initial, jsonType(elementType));
	}

	/**
	 * Create a {@link RedisList} with initial elements of a generic type; see
	 * {@link #list(String, Collection, Class)}.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param initial the initial elements, head first
	 * @param elementType the element type
	 * @return the list
	 * @throws dev.pottery.KeyExistsException if the key exists (nothing is written)
	 */
	public <E> RedisList<E> list(@Nullable String key, Collection<? extends E> initial, ResolvableType elementType) {
		Assert.notNull(initial, "'initial' must not be null");
		return list(key, initial, jsonType(elementType));
	}

	private <E> RedisList<E> list(@Nullable String key, @Nullable Collection<? extends E> initial, JavaType type) {
		return DefaultRedisList.open(support(key, DefaultRedisList.REDIS_TYPE, DefaultRedisList.STRUCTURE), type,
				initial);
	}

	/**
	 * Open the unbounded {@link RedisDeque} at a key, with typed elements. No round trip.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} (or empty) for a random {@code pottery:<uuid>} key
	 * @param elementType the element class
	 * @return the deque
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, Class<E> elementType) {
		return deque(key, null, ListRedisDeque.UNBOUNDED, jsonType(elementType));
	}

	/**
	 * Open the unbounded {@link RedisDeque} at a key, with elements of a generic type.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param elementType the element type
	 * @return the deque
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, ResolvableType elementType) {
		return deque(key, null, ListRedisDeque.UNBOUNDED, jsonType(elementType));
	}

	/**
	 * Open the unbounded {@link RedisDeque} at a key, untyped: elements decode to the natural Java types.
	 * @param key the Redis key, or {@code null} for a random key
	 * @return the deque
	 */
	public RedisDeque<Object> deque(@Nullable String key) {
		return deque(key, null, ListRedisDeque.UNBOUNDED, jsonType(Object.class));
	}

	/**
	 * Open a bounded {@link RedisDeque} at a key: inserting into a full deque discards from the opposite end, as
	 * Python's {@code deque(maxlen=...)}. Costs one LLEN.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param maxLength the maximum length, 0 or more
	 * @param elementType the element class
	 * @return the deque
	 * @throws dev.pottery.PotteryException if the key holds a list longer than {@code maxLength}
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, int maxLength, Class<E> elementType) {
		Assert.isTrue(maxLength >= 0, "'maxLength' must not be negative");
		return deque(key, null, maxLength, jsonType(elementType));
	}

	/**
	 * Open a bounded {@link RedisDeque} at a key, with elements of a generic type; see
	 * {@link #deque(String, int, Class)}.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param maxLength the maximum length, 0 or more
	 * @param elementType the element type
	 * @return the deque
	 * @throws dev.pottery.PotteryException if the key holds a list longer than {@code maxLength}
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, int maxLength, ResolvableType elementType) {
		Assert.isTrue(maxLength >= 0, "'maxLength' must not be negative");
		return deque(key, null, maxLength, jsonType(elementType));
	}

	/**
	 * Create an unbounded {@link RedisDeque} with initial elements: checks that the key does not exist and pushes
	 * them in one atomic script.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param initial the initial elements, head first; no {@code null}
	 * @param elementType the element class
	 * @return the deque
	 * @throws dev.pottery.KeyExistsException if the key exists (nothing is written)
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, Collection<? extends E> initial, Class<E> elementType) {
		Assert.notNull(initial, "'initial' must not be null");
		return deque(key, initial, ListRedisDeque.UNBOUNDED, jsonType(elementType));
	}

	/**
	 * Create a bounded {@link RedisDeque} with initial elements, of which only the last {@code maxLength} are
	 * stored (none for 0), as pottery does; the key must not exist.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param initial the initial elements, head first; no {@code null}
	 * @param maxLength the maximum length, 0 or more
	 * @param elementType the element class
	 * @return the deque
	 * @throws dev.pottery.KeyExistsException if the key exists (nothing is written)
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, Collection<? extends E> initial, int maxLength,
			Class<E> elementType) {
		Assert.notNull(initial, "'initial' must not be null");
		Assert.isTrue(maxLength >= 0, "'maxLength' must not be negative");
		return deque(key, initial, maxLength, jsonType(elementType));
	}

	private <E> RedisDeque<E> deque(@Nullable String key, @Nullable Collection<? extends E> initial, int maxLength,
			JavaType type) {
		return ListRedisDeque.open(support(key, ListRedisDeque.REDIS_TYPE, ListRedisDeque.STRUCTURE), type,
				maxLength, initial);
	}

	// ---- streams: RedisSimpleQueue ----

	/**
	 * Open the {@link RedisSimpleQueue} (a Redis stream) at a key, with typed items. No round trip.
	 * @param <E> the item type
	 * @param key the Redis key, or {@code null} (or empty) for a random {@code pottery:<uuid>} key
	 * @param itemType the item class
	 * @return the queue
	 */
	public <E> RedisSimpleQueue<E> queue(@Nullable String key, Class<E> itemType) {
		return queue(key, null, jsonType(itemType));
	}

	/**
	 * Open the {@link RedisSimpleQueue} at a key, with items of a generic type.
	 * @param <E> the item type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param itemType the item type
	 * @return the queue
	 */
	public <E> RedisSimpleQueue<E> queue(@Nullable String key, ResolvableType itemType) {
		return queue(key, null, jsonType(itemType));
	}

	/**
	 * Open the {@link RedisSimpleQueue} at a key, untyped: items decode to the natural Java types.
	 * @param key the Redis key, or {@code null} for a random key
	 * @return the queue
	 */
	public RedisSimpleQueue<Object> queue(@Nullable String key) {
		return queue(key, null, jsonType(Object.class));
	}

	/**
	 * Create a {@link RedisSimpleQueue} with initial items: checks that the key does not exist and adds the items
	 * (one XADD each) in one atomic script.
	 * @param <E> the item type
	 * @param key the Redis key, or {@code null} for a random key
	 * @param initial the initial items, oldest first; no {@code null}
	 * @param itemType the item class
	 * @return the queue
	 * @throws dev.pottery.KeyExistsException if the key exists (nothing is written)
	 */
	public <E> RedisSimpleQueue<E> queue(@Nullable String key, Collection<? extends E> initial, Class<E> itemType) {
		Assert.notNull(initial, "'initial' must not be null");
		return queue(key, initial, jsonType(itemType));
	}

	private <E> RedisSimpleQueue<E> queue(@Nullable String key, @Nullable Collection<? extends E> initial,
			JavaType type) {
		return StreamRedisSimpleQueue.open(
				support(key, StreamRedisSimpleQueue.REDIS_TYPE, StreamRedisSimpleQueue.STRUCTURE), type, initial);
	}

}
