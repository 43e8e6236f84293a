package dev.pottery;

import java.time.Duration;
import java.util.Map;

import dev.pottery.cache.RedisCache;
import dev.pottery.codec.PotteryJson;
import dev.pottery.collections.RedisCollections;
import dev.pottery.collections.RedisCounter;
import dev.pottery.collections.RedisDeque;
import dev.pottery.collections.RedisList;
import dev.pottery.collections.RedisMap;
import dev.pottery.collections.RedisSet;
import dev.pottery.collections.RedisSimpleQueue;
import dev.pottery.id.NextId;
import dev.pottery.id.NextIdOptions;
import dev.pottery.id.ReactiveNextId;
import dev.pottery.lock.ReactiveRedlock;
import dev.pottery.lock.Redlock;
import dev.pottery.lock.RedlockOptions;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.probabilistic.BloomFilterMismatchException;
import dev.pottery.probabilistic.HyperLogLog;
import dev.pottery.probabilistic.ProbabilisticStructures;
import dev.pottery.lock.Masters;
import dev.pottery.observation.PotteryRecorder;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * The one place to create everything Pottery offers, typed: collections, Bloom filters and HyperLogLogs on the
 * application's Redis, Redlocks and NextIds on the Redlock masters, and memoizing caches. Spring Boot auto-configures
 * one from {@code pottery.*} properties; outside Boot, {@link #create(RedisConnectionFactory)} builds one on a single
 * Redis.
 *
 * <p>Creating a structure costs no round trip (a random key costs one EXISTS). Every factory method takes the key
 * exactly as Python pottery does ({@code null} for a random {@code pottery:<uuid>} key, deleted when the structure
 * becomes unreachable); Redlocks are stored at {@code redlock:<key>}, NextIds at {@code nextid:<key>}. For the
 * overloads taking initial contents, {@code ResolvableType} or generic types, use {@link #collections()} and
 * {@link #probabilistic()}.
 *
 * <p>Thread-safe.
 *
 * <pre>{@code
 * RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class);
 * try (Redlock.Held held = pottery.redlock("printer").acquire()) {
 *     // print
 * }
 * long orderId = pottery.nextId("orders").next();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Pottery {

	private final RedisConnectionFactory connectionFactory;

	private final RedisCollections collections;

	private final ProbabilisticStructures probabilistic;

	private final Masters masters;

	private final Map<String, Masters> groups;

	private final RedlockOptions redlockOptions;

	private final NextIdOptions nextIdOptions;

	private final Duration cacheTimeout;

	private final PotteryRecorder recorder;

	private final String keyPrefix;

	/**
	 * Create the facade from its parts with a recorder for lock, NextId, cache and quorum timings; Spring Boot's
	 * auto-configuration does this when an {@code ObservationRegistry} bean exists. A recorder other than
	 * {@link PotteryRecorder#NONE} is set on {@code masters} and on every group ({@link Masters#setRecorder}).
	 * @param connectionFactory the application's Redis connection
	 * @param codec the codec
	 * @param masters the default Redlock masters
	 * @param groups further named groups of masters
	 * @param redlockOptions the options Redlocks start from
	 * @param nextIdOptions the options NextIds start from
	 * @param cacheTimeout the sliding timeout of caches ({@link Duration#ZERO}: never expire)
	 * @param recorder where timings and outcomes go
	 */
	public Pottery(RedisConnectionFactory connectionFactory, PotteryJson codec, Masters masters,
			Map<String, Masters> groups, RedlockOptions redlockOptions, NextIdOptions nextIdOptions,
			Duration cacheTimeout, PotteryRecorder recorder) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(codec, "'codec' must not be null");
		Assert.notNull(masters, "'masters' must not be null");
		this.connectionFactory = connectionFactory;
		this.collections = new RedisCollections(connectionFactory, codec);
		this.probabilistic = new ProbabilisticStructures(connectionFactory, codec);
		this.masters = masters;
		this.groups = Map.copyOf(groups);
		this.redlockOptions = redlockOptions;
		this.nextIdOptions = nextIdOptions;
		this.cacheTimeout = cacheTimeout;
		Assert.notNull(recorder, "'recorder' must not be null");
		this.recorder = recorder;
		this.keyPrefix = "";
		if (recorder != PotteryRecorder.NONE) {
			masters.setRecorder(recorder);
			groups.values().forEach((group) -> group.setRecorder(recorder));
		}
	}

	private Pottery(Pottery pottery, String keyPrefix, Durability durability) {
		this.connectionFactory = pottery.connectionFactory;
		this.collections = pottery.collections.withDurability(durability);
		this.probabilistic = pottery.probabilistic.withDurability(durability);
		this.masters = pottery.masters;
		this.groups = pottery.groups;
		this.redlockOptions = pottery.redlockOptions;
		this.nextIdOptions = pottery.nextIdOptions;
		this.cacheTimeout = pottery.cacheTimeout;
		this.recorder = pottery.recorder;
		this.keyPrefix = keyPrefix;
	}

	/**
	 * This facade with a prefix prepended to every key given to its factory methods ({@code pottery.key-prefix}):
	 * {@code withKeyPrefix("shop:").map("carts", ...)} is stored at {@code shop:carts},
	 * {@code .redlock("printer")} at {@code redlock:shop:printer}, {@code .nextId("orders")} at
	 * {@code nextid:shop:orders}, {@code .cache("prices", ...)} at {@code shop:prices}. Random keys
	 * ({@code null}) stay {@code pottery:<uuid>}; {@link #collections()} and {@link #probabilistic()} take keys as
	 * given.
	 * @param keyPrefix the prefix, for example {@code "shop:"}; empty for none
	 * @return a facade sharing this one's connections, masters and options
	 * @since 0.1.0
	 */
	public Pottery withKeyPrefix(String keyPrefix) {
		Assert.notNull(keyPrefix, "'keyPrefix' must not be null");
		return new Pottery(this, keyPrefix, durability());
	}

	/**
	 * This facade, with structures that wait for {@code durability.replicas()} replicas after each write
	 * ({@code pottery.durability.*}; see {@link Durability}): a write that returned is on the primary and on that many
	 * replicas, one that is not confirmed in time throws {@link NotReplicatedException}. Reads, caches, locks and ids
	 * are unchanged. No round trip.
	 *
	 * <pre>{@code
	 * RedisMap<String, Integer> balances = pottery.withDurability(Durability.replicas(1, Duration.ofSeconds(1)))
	 *     .map("balances", String.class, Integer.class);
	 * }</pre>
	 * @param durability how many replicas must confirm each write, and how long to wait for them
	 * @return a facade sharing this one's connections, masters, options and key prefix
	 * @throws IllegalStateException if {@code durability} waits for replicas and the facade does not run on Pottery's
	 * own connection factory ({@code PotteryConnection}; the Spring Boot bean does)
	 * @since 0.1.0
	 */
	public Pottery withDurability(Durability durability) {
		Assert.notNull(durability, "'durability' must not be null");
		return durability.equals(durability()) ? this : new Pottery(this, this.keyPrefix, durability);
	}

	/**
	 * How many replicas must confirm the writes of this facade's structures ({@code pottery.durability.*}).
	 * @return the durability level, {@link Durability#NONE} by default
	 * @since 0.1.0
	 */
	public Durability durability() {
		return this.collections.durability();
	}

	/**
	 * The prefix of every key given to this facade's factory methods ({@code pottery.key-prefix}).
	 * @return the prefix, empty for none
	 * @since 0.1.0
	 */
	public String keyPrefix() {
		return this.keyPrefix;
	}

	private @Nullable String prefixed(@Nullable String key) {
		return (key == null || key.isEmpty() || this.keyPrefix.isEmpty()) ? key : this.keyPrefix + key;
	}

	/**
	 * A facade on one Redis with pottery's defaults, its connection also the only Redlock master. On a Redis Cluster
	 * (or a Sentinel-managed Redis) every structure works, but there is no Redlock master:
	 * {@link #redlock(String)} and {@link #nextId(String)} throw an {@link IllegalStateException} saying so; use the
	 * constructor with {@link Masters#of(String...)} for them.
	 * @param connectionFactory the Redis connection (a {@code LettuceConnectionFactory})
	 * @return the facade
	 */
	public static Pottery create(RedisConnectionFactory connectionFactory) {
		Masters masters = Masters.ofApplicationRedis(connectionFactory, "Create Pottery with its constructor and "
				+ "Masters.of(\"redis://r1:6379\", ...) of independent standalone Redis servers.");
		return new Pottery(connectionFactory, PotteryJson.create(), masters, Map.of(), RedlockOptions.defaults(),
				NextIdOptions.defaults(), RedisCache.DEFAULT_TIMEOUT, PotteryRecorder.NONE);
	}

	// ---- collections ----

	/**
	 * A {@code ConcurrentMap} in the Redis hash at {@code key}.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param keyType the class keys are decoded into
	 * @param valueType the class values are decoded into
	 * @return the map
	 */
	public <K, V> RedisMap<K, V> map(@Nullable String key, Class<K> keyType, Class<V> valueType) {
		return this.collections.map(prefixed(key), keyType, valueType);
	}

	/**
	 * A {@code ConcurrentMap} with generic key or value types, such as {@code Map<String, List<Rate>>}.
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param keyType the key type
	 * @param valueType the value type
	 * @return the map
	 */
	@SuppressWarnings("unchecked")
	public <K, V> RedisMap<K, V> map(@Nullable String key, ParameterizedTypeReference<K> keyType,
			ParameterizedTypeReference<V> valueType) {
		return (RedisMap<K, V>) this.collections.map(prefixed(key), ResolvableType.forType(keyType),
				ResolvableType.forType(valueType));
	}

	/**
	 * A {@code Set} in the Redis set at {@code key}.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the class elements are decoded into
	 * @return the set
	 */
	public <E> RedisSet<E> set(@Nullable String key, Class<E> elementType) {
		return this.collections.set(prefixed(key), elementType);
	}

	/**
	 * A {@code List} in the Redis list at {@code key}.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the class elements are decoded into
	 * @return the list
	 */
	public <E> RedisList<E> list(@Nullable String key, Class<E> elementType) {
		return this.collections.list(prefixed(key), elementType);
	}

	/**
	 * An unbounded {@code Deque} in the Redis list at {@code key}.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the class elements are decoded into
	 * @return the deque
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, Class<E> elementType) {
		return this.collections.deque(prefixed(key), elementType);
	}

	/**
	 * A bounded {@code Deque}: adding to a full deque discards from the other end, like Python's
	 * {@code deque(maxlen=...)}.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param maxLength the maximum length, at least 0
	 * @param elementType the class elements are decoded into
	 * @return the deque
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, int maxLength, Class<E> elementType) {
		return this.collections.deque(prefixed(key), maxLength, elementType);
	}

	/**
	 * A counter ({@code Map<E, Long>}) in the Redis hash at {@code key}.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the class elements are decoded into
	 * @return the counter
	 */
	public <E> RedisCounter<E> counter(@Nullable String key, Class<E> elementType) {
		return this.collections.counter(prefixed(key), elementType);
	}

	/**
	 * An unbounded FIFO {@code BlockingQueue} in the Redis stream at {@code key}, for many producers and consumers.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the class elements are decoded into
	 * @return the queue
	 */
	public <E> RedisSimpleQueue<E> queue(@Nullable String key, Class<E> elementType) {
		return this.collections.queue(prefixed(key), elementType);
	}

	/**
	 * Every collection factory method, including initial contents and {@code ResolvableType} overloads.
	 * @return the collections factory
	 */
	public RedisCollections collections() {
		return this.collections;
	}

	// ---- probabilistic ----

	/**
	 * A Bloom filter at {@code key}, sized as pottery sizes it.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param numElements how many elements it is sized for
	 * @param falsePositives the acceptable false-positive rate, between 0 and 1
	 * @param elementType the element class
	 * @return the filter
	 * @throws BloomFilterMismatchException if the key holds a filter of another size
	 */
	public <E> BloomFilter<E> bloomFilter(@Nullable String key, long numElements, double falsePositives,
			Class<E> elementType) {
		return this.probabilistic.bloomFilter(prefixed(key), numElements, falsePositives, elementType);
	}

	/**
	 * A HyperLogLog at {@code key}.
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the element class
	 * @return the HyperLogLog
	 */
	public <E> HyperLogLog<E> hyperLogLog(@Nullable String key, Class<E> elementType) {
		return this.probabilistic.hyperLogLog(prefixed(key), elementType);
	}

	/**
	 * Every Bloom filter and HyperLogLog factory method.
	 * @return the factory
	 */
	public ProbabilisticStructures probabilistic() {
		return this.probabilistic;
	}

	// ---- distributed primitives ----

	/**
	 * A Redlock at {@code redlock:<key>} on the default masters, with the configured options.
	 * @param key the lock's key, as pottery names it
	 * @return a new lock instance (one per holder: an instance tracks its own acquisition)
	 * @throws IllegalStateException if there are no masters: the application's Redis is a Redis Cluster (or
	 * Sentinel-managed) and none are configured ({@code pottery.redlock.masters})
	 */
	public Redlock redlock(String key) {
		return Redlock.of(this.masters, prefixed(key), this.redlockOptions);
	}

	/**
	 * A Redlock with its own options, for example a longer lease or a fencing token.
	 * @param key the lock's key
	 * @param options the options, usually {@code redlockOptions().toBuilder()...build()}
	 * @return a new lock instance
	 * @throws IllegalStateException if there are no masters: the application's Redis is a Redis Cluster (or
	 * Sentinel-managed) and none are configured ({@code pottery.redlock.masters})
	 */
	public Redlock redlock(String key, RedlockOptions options) {
		return Redlock.of(this.masters, prefixed(key), options);
	}

	/**
	 * A reactive Redlock at {@code redlock:<key>} on the default masters.
	 * @param key the lock's key
	 * @return a new lock instance
	 * @throws IllegalStateException if there are no masters: the application's Redis is a Redis Cluster (or
	 * Sentinel-managed) and none are configured ({@code pottery.redlock.masters})
	 */
	public ReactiveRedlock reactiveRedlock(String key) {
		return ReactiveRedlock.of(this.masters, prefixed(key), this.redlockOptions);
	}

	/**
	 * The options Redlocks start from ({@code pottery.redlock.*}).
	 * @return the options
	 */
	public RedlockOptions redlockOptions() {
		return this.redlockOptions;
	}

	/**
	 * A NextId at {@code nextid:<key>} on the default masters.
	 * @param key the sequence's key, as pottery names it ({@code current} is pottery's default)
	 * @return the generator
	 * @throws IllegalStateException if there are no masters: the application's Redis is a Redis Cluster (or
	 * Sentinel-managed) and none are configured ({@code pottery.redlock.masters})
	 */
	public NextId nextId(String key) {
		return NextId.of(this.masters, prefixed(key), this.nextIdOptions);
	}

	/**
	 * A reactive NextId at {@code nextid:<key>} on the default masters.
	 * @param key the sequence's key
	 * @return the generator
	 * @throws IllegalStateException if there are no masters: the application's Redis is a Redis Cluster (or
	 * Sentinel-managed) and none are configured ({@code pottery.redlock.masters})
	 */
	public ReactiveNextId reactiveNextId(String key) {
		return ReactiveNextId.of(this.masters, prefixed(key), this.nextIdOptions);
	}

	/**
	 * The default Redlock masters ({@code pottery.redlock.masters}, or the application's Redis).
	 * @return the masters
	 */
	public Masters masters() {
		return this.masters;
	}

	/**
	 * The named groups of masters ({@code pottery.redlock.groups}), without the default group.
	 * @return an unmodifiable map from group name to masters
	 */
	public Map<String, Masters> groups() {
		return this.groups;
	}

	/**
	 * Where locks, NextIds, caches and the quorum engine report timings and outcomes.
	 * @return the recorder, {@link PotteryRecorder#NONE} without Micrometer
	 */
	public PotteryRecorder recorder() {
		return this.recorder;
	}

	/**
	 * A named group of masters ({@code pottery.redlock.groups.<name>}); the empty name is the default group.
	 * @param group the group name
	 * @return the masters
	 * @throws IllegalArgumentException if no such group is configured
	 */
	public Masters masters(String group) {
		if (group.isEmpty()) {
			return this.masters;
		}
		Masters found = this.groups.get(group);
		Assert.isTrue(found != null, () -> "No Redlock masters group '" + group
				+ "'; configure pottery.redlock.groups." + group + " (known: " + this.groups.keySet() + ")");
		return found;
	}

	// ---- caching ----

	/**
	 * A memoizing cache in the Redis hash at {@code key}, with the configured sliding timeout.
	 * @param <V> the type of cached results
	 * @param key the Redis key of the cache's hash
	 * @param valueType the class results are decoded into
	 * @return the cache
	 */
	@SuppressWarnings("unchecked")
	public <V extends @Nullable Object> RedisCache<V> cache(String key, Class<V> valueType) {
		return (RedisCache<V>) cache(key, ResolvableType.forClass(valueType), null);
	}

	/**
	 * A memoizing cache for a generic result type, such as a method's return type, with its own sliding timeout.
	 * @param key the Redis key of the cache's hash
	 * @param valueType the type results are decoded into
	 * @param timeout the sliding timeout ({@link Duration#ZERO}: never expire), or {@code null} for the configured
	 * one
	 * @return the cache
	 */
	public RedisCache<?> cache(String key, ResolvableType valueType, @Nullable Duration timeout) {
		Duration sliding = (timeout != null) ? timeout : this.cacheTimeout;
		return RedisCache.builder(this.connectionFactory)
			.codec(this.collections.codec())
			.recorder(this.recorder)
			.key(prefixed(key))
			.timeout(sliding.isZero() ? null : sliding)
			.build(valueType);
	}

	/**
	 * The codec every structure uses.
	 * @return the codec
	 */
	public PotteryJson codec() {
		return this.collections.codec();
	}

	@Override
	public String toString() {
		return "Pottery{masters=" + this.masters + ", groups=" + this.groups.keySet() + "}";
	}

}
