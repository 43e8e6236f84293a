package dev.pottery;

import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

import dev.pottery.cache.RedisCache;
import dev.pottery.codec.PotteryJson;
import dev.pottery.collections.CachedOrderedMap;
import dev.pottery.collections.RedisCounter;
import dev.pottery.collections.RedisDeque;
import dev.pottery.collections.RedisList;
import dev.pottery.collections.RedisMap;
import dev.pottery.collections.RedisSet;
import dev.pottery.collections.RedisSimpleQueue;
import dev.pottery.id.NextId;
import dev.pottery.id.NextIdOptions;
import dev.pottery.id.ReactiveNextId;
import dev.pottery.internal.PotteryConnection;
import dev.pottery.internal.StructureContext;
import dev.pottery.internal.collections.CollectionFactory;
import dev.pottery.internal.probabilistic.ProbabilisticFactory;
import dev.pottery.lock.ReactiveRedlock;
import dev.pottery.lock.Redlock;
import dev.pottery.lock.RedlockOptions;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.probabilistic.BloomFilterMismatchException;
import dev.pottery.probabilistic.HyperLogLog;
import dev.pottery.lock.Masters;
import dev.pottery.observation.PotteryRecorder;
import io.lettuce.core.RedisURI;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.Assert;

/**
 * The one entry point to everything Pottery offers, typed: collections, Bloom filters and HyperLogLogs on the
 * application's Redis, Redlocks and NextIds on the Redlock masters, and memoizing caches. Spring Boot auto-configures
 * one from {@code pottery.*} properties; outside Boot, {@link #create(String)} builds one from a URL and
 * {@link #create(RedisConnectionFactory)} on an existing connection factory.
 *
 * <p>Every structure has the same three forms: one taking {@code Class} objects, one taking
 * {@link ParameterizedTypeReference}s for generic types ({@code new ParameterizedTypeReference<List<Rate>>() {}}),
 * and an untyped one whose elements decode to the natural Java types of JSON ({@code String}, {@code Integer},
 * {@code Long}, {@code Double}, {@code Boolean}, {@code List}, {@code Map}, {@code null}). Opening a structure costs no
 * round trip (a random key costs one EXISTS) and writes nothing; initial contents go through the structure's
 * {@code create(...)} method, the same for every structure ({@link RedisMap#create(Map)},
 * {@link RedisSet#create(java.util.Collection)}, ...). Every method takes the key exactly as Python pottery does
 * ({@code null} for a random {@code pottery:<uuid>} key, deleted when the structure becomes unreachable); Redlocks
 * are stored at {@code redlock:<key>}, NextIds at {@code nextid:<key>}.
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
public final class Pottery implements AutoCloseable {

	private static final ParameterizedTypeReference<Object> UNTYPED = new ParameterizedTypeReference<>() {
	};

	private final RedisConnectionFactory connectionFactory;

	private final StructureContext context;

	private final CollectionFactory collections;

	private final ProbabilisticFactory probabilistic;

	private final LazyMasters masters;

	private final Map<String, Masters> groups;

	private final RedlockOptions redlockOptions;

	private final NextIdOptions nextIdOptions;

	private final Duration cacheTimeout;

	private final PotteryRecorder recorder;

	private final String keyPrefix;

	private final @Nullable AutoCloseable owned;

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
		this.context = new StructureContext(connectionFactory, codec);
		this.collections = new CollectionFactory(this.context);
		this.probabilistic = new ProbabilisticFactory(this.context);
		this.masters = new LazyMasters(masters);
		this.groups = Map.copyOf(groups);
		this.redlockOptions = redlockOptions;
		this.nextIdOptions = nextIdOptions;
		this.cacheTimeout = cacheTimeout;
		Assert.notNull(recorder, "'recorder' must not be null");
		this.recorder = recorder;
		this.keyPrefix = "";
		this.owned = null;
		if (recorder != PotteryRecorder.NONE) {
			masters.setRecorder(recorder);
			groups.values().forEach((group) -> group.setRecorder(recorder));
		}
	}

	private Pottery(Pottery pottery, String keyPrefix, Durability durability) {
		this.connectionFactory = pottery.connectionFactory;
		this.context = pottery.context.withDurability(durability);
		this.collections = new CollectionFactory(this.context);
		this.probabilistic = new ProbabilisticFactory(this.context);
		this.masters = pottery.masters;
		this.groups = pottery.groups;
		this.redlockOptions = pottery.redlockOptions;
		this.nextIdOptions = pottery.nextIdOptions;
		this.cacheTimeout = pottery.cacheTimeout;
		this.recorder = pottery.recorder;
		this.keyPrefix = keyPrefix;
		this.owned = null;
	}

	/**
	 * This facade with a prefix prepended to every key given to its factory methods ({@code pottery.key-prefix}):
	 * {@code withKeyPrefix("shop:").map("carts", ...)} is stored at {@code shop:carts},
	 * {@code .redlock("printer")} at {@code redlock:shop:printer}, {@code .nextId("orders")} at
	 * {@code nextid:shop:orders}, {@code .cache("prices", ...)} at {@code shop:prices}. Random keys
	 * ({@code null}) stay {@code pottery:<uuid>}.
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
		return this.context.durability();
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
	 * A facade on one Redis given by its URL ({@code redis://[[user:]password@]host[:port][/database]}, or
	 * {@code rediss://} for TLS), with pottery's defaults: its structures run on a Lettuce connection that never
	 * re-sends an unanswered command after a reconnect (see {@link ConnectionLostException}), and the same server is
	 * the only Redlock master (its own connection). Connections open on first use; {@link #close()} closes them.
	 *
	 * <pre>{@code
	 * try (Pottery pottery = Pottery.create("redis://localhost:6379")) {
	 *     pottery.map("tel", String.class, Integer.class).put("jack", 4098);
	 * }
	 * }</pre>
	 * @param url the Redis URL
	 * @return a facade that owns its connections
	 * @throws IllegalArgumentException if the URL cannot be parsed or has no valid port (the message masks any
	 * password)
	 * @since 0.1.0
	 */
	public static Pottery create(String url) {
		Assert.hasText(url, "'url' must not be empty");
		Masters masters = Masters.of(url);
		try {
			RedisURI uri = RedisURI.create(url);
			LettuceClientConfiguration.LettuceClientConfigurationBuilder client = LettuceClientConfiguration.builder()
				.commandTimeout(uri.getTimeout());
			if (uri.isSsl()) {
				client.useSsl().verifyPeer(uri.getVerifyMode());
			}
			if (uri.getClientName() != null) {
				client.clientName(uri.getClientName());
			}
			LettuceConnectionFactory application = new LettuceConnectionFactory(
					LettuceConnectionFactory.createRedisConfiguration(uri), client.build());
			application.afterPropertiesSet();
			PotteryConnection connection = PotteryConnection.of(application);
			Pottery pottery = new Pottery(connection.connectionFactory(), PotteryJson.create(), masters, Map.of(),
					RedlockOptions.defaults(), NextIdOptions.defaults(), RedisCache.DEFAULT_TIMEOUT,
					PotteryRecorder.NONE);
			return new Pottery(pottery, pottery.masters, () -> {
				try (masters; connection) {
					application.destroy();
				}
			});
		}
		catch (RuntimeException ex) {
			masters.close();
			throw new IllegalArgumentException("Cannot connect Pottery to '" + Masters.mask(url) + "': "
					+ Masters.mask(String.valueOf(ex.getMessage()))
					+ "; use redis://[[user:]password@]host[:port][/database], or rediss://... for TLS", ex);
		}
	}

	private Pottery(Pottery pottery, LazyMasters masters, AutoCloseable owned) {
		this.connectionFactory = pottery.connectionFactory;
		this.context = pottery.context;
		this.collections = pottery.collections;
		this.probabilistic = pottery.probabilistic;
		this.masters = masters;
		this.groups = pottery.groups;
		this.redlockOptions = pottery.redlockOptions;
		this.nextIdOptions = pottery.nextIdOptions;
		this.cacheTimeout = pottery.cacheTimeout;
		this.recorder = pottery.recorder;
		this.keyPrefix = pottery.keyPrefix;
		this.owned = owned;
	}

	/**
	 * Close the connections this facade opened itself ({@link #create(String)}); a facade on connections it was given
	 * leaves them open, and one made by {@link #withKeyPrefix} or {@link #withDurability} closes nothing.
	 * @throws Exception if closing a connection fails
	 * @since 0.1.0
	 */
	@Override
	public void close() throws Exception {
		if (this.owned != null) {
			this.owned.close();
		}
	}

	/**
	 * A facade on one Redis with pottery's defaults, its connection also the only Redlock master. On a Redis Cluster
	 * (or a Sentinel-managed Redis) every structure works, but there is no Redlock master:
	 * {@link #redlock(String)} and {@link #nextId(String)} throw an {@link IllegalStateException} saying so; use the
	 * constructor with {@link Masters#of(String...)} for them. The structures run on {@code connectionFactory} as it is
	 * (Spring Boot's bean and {@link #create(String)} run on a connection that never re-sends an unanswered command
	 * after a reconnect; a Lettuce factory of the application's own may).
	 * @param connectionFactory the Redis connection (a {@code LettuceConnectionFactory})
	 * @return the facade
	 */
	public static Pottery create(RedisConnectionFactory connectionFactory) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		LazyMasters masters = new LazyMasters(() -> Masters.ofApplicationRedis(connectionFactory, "Create Pottery "
				+ "with its constructor and Masters.of(\"redis://r1:6379\", ...) of independent standalone Redis servers."));
		Pottery pottery = new Pottery(connectionFactory, PotteryJson.create(), Masters.unavailable("not used"),
				Map.of(), RedlockOptions.defaults(), NextIdOptions.defaults(), RedisCache.DEFAULT_TIMEOUT,
				PotteryRecorder.NONE);
		return new Pottery(pottery, masters, masters::closeIfOpened);
	}

	// ---- collections ----

	/**
	 * A {@code ConcurrentMap} in the Redis hash at {@code key}.
	 *
	 * <pre>{@code
	 * RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class);
	 * }</pre>
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param keyType the class keys are decoded into
	 * @param valueType the class values are decoded into
	 * @return the map
	 */
	public <K, V> RedisMap<K, V> map(@Nullable String key, Class<K> keyType, Class<V> valueType) {
		return this.collections.map(prefixed(key), type(keyType), type(valueType));
	}

	/**
	 * A {@code ConcurrentMap} with generic key or value types, such as {@code Map<String, List<Rate>>}.
	 *
	 * <pre>{@code
	 * RedisMap<String, List<Integer>> scores = pottery.map("scores", new ParameterizedTypeReference<String>() { },
	 *     new ParameterizedTypeReference<List<Integer>>() { });
	 * }</pre>
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param keyType the type keys are decoded into
	 * @param valueType the type values are decoded into
	 * @return the map
	 */
	public <K, V> RedisMap<K, V> map(@Nullable String key, ParameterizedTypeReference<K> keyType,
			ParameterizedTypeReference<V> valueType) {
		return this.collections.map(prefixed(key), type(keyType), type(valueType));
	}

	/**
	 * A {@code ConcurrentMap} in the Redis hash at {@code key}, untyped: keys and values decode to the natural Java
	 * types of JSON.
	 * @param key the Redis key, or {@code null} for a random one
	 * @return the map
	 */
	public RedisMap<Object, @Nullable Object> map(@Nullable String key) {
		return map(key, UNTYPED, UNTYPED);
	}

	/**
	 * A counter ({@code Map<E, Long>}, Python's {@code Counter}) in the Redis hash at {@code key}.
	 *
	 * <pre>{@code
	 * RedisCounter<String> words = pottery.counter("words", String.class);
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the class elements are decoded into
	 * @return the counter
	 */
	public <E> RedisCounter<E> counter(@Nullable String key, Class<E> elementType) {
		return this.collections.counter(prefixed(key), type(elementType));
	}

	/**
	 * A counter ({@code Map<E, Long>}, Python's {@code Counter}) in the Redis hash at {@code key}, with elements of a generic type.
	 *
	 * <pre>{@code
	 * RedisCounter<List<String>> pairs = pottery.counter("pairs", new ParameterizedTypeReference<List<String>>() { });
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the type elements are decoded into
	 * @return the counter
	 */
	public <E> RedisCounter<E> counter(@Nullable String key, ParameterizedTypeReference<E> elementType) {
		return this.collections.counter(prefixed(key), type(elementType));
	}

	/**
	 * A counter ({@code Map<E, Long>}, Python's {@code Counter}) in the Redis hash at {@code key}, untyped: elements decode to the natural Java types of JSON.
	 * @param key the Redis key, or {@code null} for a random one
	 * @return the counter
	 */
	public RedisCounter<@Nullable Object> counter(@Nullable String key) {
		return counter(key, UNTYPED);
	}

	/**
	 * An ordered map of the given keys to their values cached in a {@link RedisMap} (one HMGET); see
	 * {@link CachedOrderedMap}.
	 *
	 * <pre>{@code
	 * CachedOrderedMap<Integer, String> docs = pottery.cachedOrderedMap(cache, List.of(3, 1, 2));
	 * }</pre>
	 * @param <K> the key type
	 * @param <V> the value type
	 * @param cache the cache
	 * @param keys the keys, in order
	 * @return a new local map writing through to the cache
	 * @throws NullPointerException if a key is null
	 */
	public <K, V> CachedOrderedMap<K, V> cachedOrderedMap(RedisMap<K, V> cache, Iterable<? extends K> keys) {
		return this.collections.cachedOrderedMap(cache, keys);
	}

	/**
	 * A {@code Set} in the Redis set at {@code key}.
	 *
	 * <pre>{@code
	 * RedisSet<String> colors = pottery.set("colors", String.class);
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the class elements are decoded into
	 * @return the set
	 */
	public <E> RedisSet<E> set(@Nullable String key, Class<E> elementType) {
		return this.collections.set(prefixed(key), type(elementType));
	}

	/**
	 * A {@code Set} in the Redis set at {@code key}, with elements of a generic type.
	 *
	 * <pre>{@code
	 * RedisSet<List<Integer>> points = pottery.set("points", new ParameterizedTypeReference<List<Integer>>() { });
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the type elements are decoded into
	 * @return the set
	 */
	public <E> RedisSet<E> set(@Nullable String key, ParameterizedTypeReference<E> elementType) {
		return this.collections.set(prefixed(key), type(elementType));
	}

	/**
	 * A {@code Set} in the Redis set at {@code key}, untyped: elements decode to the natural Java types of JSON.
	 * @param key the Redis key, or {@code null} for a random one
	 * @return the set
	 */
	public RedisSet<@Nullable Object> set(@Nullable String key) {
		return set(key, UNTYPED);
	}

	/**
	 * A {@code List} in the Redis list at {@code key}.
	 *
	 * <pre>{@code
	 * RedisList<Integer> squares = pottery.list("squares", Integer.class);
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the class elements are decoded into
	 * @return the list
	 */
	public <E> RedisList<E> list(@Nullable String key, Class<E> elementType) {
		return this.collections.list(prefixed(key), type(elementType));
	}

	/**
	 * A {@code List} in the Redis list at {@code key}, with elements of a generic type.
	 *
	 * <pre>{@code
	 * RedisList<Map<String, Object>> events = pottery.list("events", new ParameterizedTypeReference<Map<String, Object>>() { });
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the type elements are decoded into
	 * @return the list
	 */
	public <E> RedisList<E> list(@Nullable String key, ParameterizedTypeReference<E> elementType) {
		return this.collections.list(prefixed(key), type(elementType));
	}

	/**
	 * A {@code List} in the Redis list at {@code key}, untyped: elements decode to the natural Java types of JSON.
	 * @param key the Redis key, or {@code null} for a random one
	 * @return the list
	 */
	public RedisList<@Nullable Object> list(@Nullable String key) {
		return list(key, UNTYPED);
	}

	/**
	 * An unbounded {@code Deque} in the Redis list at {@code key}.
	 *
	 * <pre>{@code
	 * RedisDeque<String> tasks = pottery.deque("tasks", String.class);
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the class elements are decoded into
	 * @return the deque
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, Class<E> elementType) {
		return this.collections.deque(prefixed(key), type(elementType));
	}

	/**
	 * An unbounded {@code Deque} in the Redis list at {@code key}, with elements of a generic type.
	 *
	 * <pre>{@code
	 * RedisDeque<List<String>> batches = pottery.deque("batches", new ParameterizedTypeReference<List<String>>() { });
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the type elements are decoded into
	 * @return the deque
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, ParameterizedTypeReference<E> elementType) {
		return this.collections.deque(prefixed(key), type(elementType));
	}

	/**
	 * An unbounded {@code Deque} in the Redis list at {@code key}, untyped: elements decode to the natural Java types of JSON.
	 * @param key the Redis key, or {@code null} for a random one
	 * @return the deque
	 */
	public RedisDeque<@Nullable Object> deque(@Nullable String key) {
		return deque(key, UNTYPED);
	}

	/**
	 * A bounded {@code Deque} in the Redis list at {@code key}, like Python's {@code deque(maxlen=...)}.
	 *
	 * <pre>{@code
	 * RedisDeque<String> recent = pottery.deque("recent", 10, String.class);
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param maxLength the maximum length, at least 0: adding to a full deque discards from the other end
	 * @param elementType the class elements are decoded into
	 * @return the deque
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, int maxLength, Class<E> elementType) {
		return this.collections.deque(prefixed(key), maxLength, type(elementType));
	}

	/**
	 * A bounded {@code Deque} in the Redis list at {@code key}, like Python's {@code deque(maxlen=...)}, with elements of a generic type.
	 *
	 * <pre>{@code
	 * RedisDeque<List<String>> last = pottery.deque("last", 10, new ParameterizedTypeReference<List<String>>() { });
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param maxLength the maximum length, at least 0: adding to a full deque discards from the other end
	 * @param elementType the type elements are decoded into
	 * @return the deque
	 */
	public <E> RedisDeque<E> deque(@Nullable String key, int maxLength, ParameterizedTypeReference<E> elementType) {
		return this.collections.deque(prefixed(key), maxLength, type(elementType));
	}

	/**
	 * A bounded {@code Deque} in the Redis list at {@code key}, like Python's {@code deque(maxlen=...)}, untyped: elements decode to the natural Java types of JSON.
	 * @param key the Redis key, or {@code null} for a random one
	 * @param maxLength the maximum length, at least 0: adding to a full deque discards from the other end
	 * @return the deque
	 */
	public RedisDeque<@Nullable Object> deque(@Nullable String key, int maxLength) {
		return deque(key, maxLength, UNTYPED);
	}

	/**
	 * An unbounded FIFO {@code BlockingQueue} in the Redis stream at {@code key}, for many producers and consumers.
	 *
	 * <pre>{@code
	 * RedisSimpleQueue<String> jobs = pottery.queue("jobs", String.class);
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the class elements are decoded into
	 * @return the queue
	 */
	public <E> RedisSimpleQueue<E> queue(@Nullable String key, Class<E> elementType) {
		return this.collections.queue(prefixed(key), type(elementType));
	}

	/**
	 * An unbounded FIFO {@code BlockingQueue} in the Redis stream at {@code key}, for many producers and consumers, with elements of a generic type.
	 *
	 * <pre>{@code
	 * RedisSimpleQueue<Map<String, Object>> events = pottery.queue("events", new ParameterizedTypeReference<Map<String, Object>>() { });
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the type elements are decoded into
	 * @return the queue
	 */
	public <E> RedisSimpleQueue<E> queue(@Nullable String key, ParameterizedTypeReference<E> elementType) {
		return this.collections.queue(prefixed(key), type(elementType));
	}

	/**
	 * An unbounded FIFO {@code BlockingQueue} in the Redis stream at {@code key}, for many producers and consumers, untyped: elements decode to the natural Java types of JSON.
	 * @param key the Redis key, or {@code null} for a random one
	 * @return the queue
	 */
	public RedisSimpleQueue<@Nullable Object> queue(@Nullable String key) {
		return queue(key, UNTYPED);
	}

	// ---- probabilistic ----

	/**
	 * A Bloom filter at {@code key}, sized as pottery sizes it for {@code numElements} values at a
	 * {@code falsePositives} rate. With a key, this records the parameters in {@code <key>:bloom-params} or checks
	 * them against the record (one round trip).
	 *
	 * <pre>{@code
	 * BloomFilter<String> dilberts = pottery.bloomFilter("dilberts", 100, 0.01, String.class);
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one (no parameter record is kept for it)
	 * @param numElements how many elements it is sized for, at least 1
	 * @param falsePositives the acceptable false-positive rate, in (0, 1)
	 * @param elementType the element class
	 * @return the filter
	 * @throws IllegalArgumentException if {@code numElements} is not positive, {@code falsePositives} is not in
	 * (0, 1), or the filter would need more than 2<sup>32</sup> bits
	 * @throws dev.pottery.probabilistic.BloomFilterMismatchException if the key holds a filter of another size
	 */
	public <E> BloomFilter<E> bloomFilter(@Nullable String key, long numElements, double falsePositives,
			Class<E> elementType) {
		return this.probabilistic.bloomFilter(prefixed(key), numElements, falsePositives, elementType);
	}

	/**
	 * A Bloom filter of a generic element type; see {@link #bloomFilter(String, long, double, Class)}.
	 *
	 * <pre>{@code
	 * BloomFilter<List<Integer>> routes = pottery.bloomFilter("routes", 1000, 0.001,
	 *     new ParameterizedTypeReference<List<Integer>>() { });
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param numElements how many elements it is sized for, at least 1
	 * @param falsePositives the acceptable false-positive rate, in (0, 1)
	 * @param elementType the element type
	 * @return the filter
	 * @throws IllegalArgumentException if the parameters are invalid
	 * @throws dev.pottery.probabilistic.BloomFilterMismatchException if the key holds a filter of another size
	 */
	public <E> BloomFilter<E> bloomFilter(@Nullable String key, long numElements, double falsePositives,
			ParameterizedTypeReference<E> elementType) {
		return this.probabilistic.bloomFilter(prefixed(key), numElements, falsePositives, type(elementType));
	}

	/**
	 * A Bloom filter, untyped; see {@link #bloomFilter(String, long, double, Class)}.
	 * @param key the Redis key, or {@code null} for a random one
	 * @param numElements how many elements it is sized for, at least 1
	 * @param falsePositives the acceptable false-positive rate, in (0, 1)
	 * @return the filter
	 * @throws IllegalArgumentException if the parameters are invalid
	 * @throws dev.pottery.probabilistic.BloomFilterMismatchException if the key holds a filter of another size
	 */
	public BloomFilter<@Nullable Object> bloomFilter(@Nullable String key, long numElements, double falsePositives) {
		return bloomFilter(key, numElements, falsePositives, UNTYPED);
	}

	/**
	 * A HyperLogLog at {@code key}, as pottery's {@code HyperLogLog(key=...)}.
	 *
	 * <pre>{@code
	 * HyperLogLog<String> searches = pottery.hyperLogLog("google-searches", String.class);
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the class elements are decoded into
	 * @return the HyperLogLog
	 */
	public <E> HyperLogLog<E> hyperLogLog(@Nullable String key, Class<E> elementType) {
		Assert.notNull(elementType, "'elementType' must not be null");
		return this.probabilistic.hyperLogLog(prefixed(key), elementType);
	}

	/**
	 * A HyperLogLog at {@code key}, as pottery's {@code HyperLogLog(key=...)}, with elements of a generic type.
	 *
	 * <pre>{@code
	 * HyperLogLog<Map<String, Object>> visits = pottery.hyperLogLog("visits", new ParameterizedTypeReference<Map<String, Object>>() { });
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} for a random one
	 * @param elementType the type elements are decoded into
	 * @return the HyperLogLog
	 */
	public <E> HyperLogLog<E> hyperLogLog(@Nullable String key, ParameterizedTypeReference<E> elementType) {
		return this.probabilistic.hyperLogLog(prefixed(key), type(elementType));
	}

	/**
	 * A HyperLogLog at {@code key}, as pottery's {@code HyperLogLog(key=...)}, untyped: elements decode to the natural Java types of JSON.
	 * @param key the Redis key, or {@code null} for a random one
	 * @return the HyperLogLog
	 */
	public HyperLogLog<@Nullable Object> hyperLogLog(@Nullable String key) {
		return hyperLogLog(key, UNTYPED);
	}

	private static ResolvableType type(Class<?> type) {
		Assert.notNull(type, "'elementType' must not be null");
		return ResolvableType.forClass(type);
	}

	private static ResolvableType type(ParameterizedTypeReference<?> type) {
		Assert.notNull(type, "'elementType' must not be null");
		return ResolvableType.forType(type);
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
		return Redlock.of(this.masters.get(), prefixed(key), this.redlockOptions);
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
		return Redlock.of(this.masters.get(), prefixed(key), options);
	}

	/**
	 * A reactive Redlock at {@code redlock:<key>} on the default masters.
	 * @param key the lock's key
	 * @return a new lock instance
	 * @throws IllegalStateException if there are no masters: the application's Redis is a Redis Cluster (or
	 * Sentinel-managed) and none are configured ({@code pottery.redlock.masters})
	 */
	public ReactiveRedlock reactiveRedlock(String key) {
		return ReactiveRedlock.of(this.masters.get(), prefixed(key), this.redlockOptions);
	}

	/**
	 * A reactive Redlock with its own options.
	 * @param key the lock's key
	 * @param options the options, usually {@code redlockOptions().toBuilder()...build()}
	 * @return a new lock instance
	 * @throws IllegalStateException if there are no masters: the application's Redis is a Redis Cluster (or
	 * Sentinel-managed) and none are configured ({@code pottery.redlock.masters})
	 */
	public ReactiveRedlock reactiveRedlock(String key, RedlockOptions options) {
		return ReactiveRedlock.of(this.masters.get(), prefixed(key), options);
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
		return NextId.of(this.masters.get(), prefixed(key), this.nextIdOptions);
	}

	/**
	 * A NextId with its own options, for example another block size.
	 * @param key the sequence's key
	 * @param options the options, usually {@code nextIdOptions().toBuilder()...build()}
	 * @return the generator
	 * @throws IllegalStateException if there are no masters: the application's Redis is a Redis Cluster (or
	 * Sentinel-managed) and none are configured ({@code pottery.redlock.masters})
	 */
	public NextId nextId(String key, NextIdOptions options) {
		return NextId.of(this.masters.get(), prefixed(key), options);
	}

	/**
	 * The options NextIds start from ({@code pottery.next-id.*}).
	 * @return the options
	 */
	public NextIdOptions nextIdOptions() {
		return this.nextIdOptions;
	}

	/**
	 * A reactive NextId at {@code nextid:<key>} on the default masters.
	 * @param key the sequence's key
	 * @return the generator
	 * @throws IllegalStateException if there are no masters: the application's Redis is a Redis Cluster (or
	 * Sentinel-managed) and none are configured ({@code pottery.redlock.masters})
	 */
	public ReactiveNextId reactiveNextId(String key) {
		return ReactiveNextId.of(this.masters.get(), prefixed(key), this.nextIdOptions);
	}

	/**
	 * The default Redlock masters ({@code pottery.redlock.masters}, or the application's Redis).
	 * @return the masters
	 */
	public Masters masters() {
		return this.masters.get();
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
			return this.masters.get();
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
	 * A memoizing cache for a generic result type, with the configured sliding timeout.
	 * @param <V> the type of cached results
	 * @param key the Redis key of the cache's hash
	 * @param valueType the type results are decoded into
	 * @return the cache
	 */
	@SuppressWarnings("unchecked")
	public <V extends @Nullable Object> RedisCache<V> cache(String key, ParameterizedTypeReference<V> valueType) {
		return (RedisCache<V>) cache(key, type(valueType), null);
	}

	/**
	 * A memoizing cache for a method's return type, with its own sliding timeout: the
	 * {@link dev.pottery.cache.CacheFactory} that {@code @RedisCached} and the cache manager use
	 * ({@code pottery::cache}).
	 * @param key the Redis key of the cache's hash
	 * @param valueType the type results are decoded into
	 * @param timeout the sliding timeout ({@link Duration#ZERO}: never expire), or {@code null} for the configured
	 * one
	 * @return the cache
	 */
	public RedisCache<?> cache(String key, ResolvableType valueType, @Nullable Duration timeout) {
		Duration sliding = (timeout != null) ? timeout : this.cacheTimeout;
		return RedisCache.builder(this.connectionFactory)
			.codec(this.context.codec())
			.recorder(this.recorder)
			.key(prefixed(key))
			.timeout(sliding.isZero() ? null : sliding)
			.build(valueType);
	}

	/**
	 * The connection factory the structures run on.
	 * @return the factory
	 */
	public RedisConnectionFactory connectionFactory() {
		return this.connectionFactory;
	}

	/**
	 * The codec every structure uses.
	 * @return the codec
	 */
	public PotteryJson codec() {
		return this.context.codec();
	}

	@Override
	public String toString() {
		return "Pottery{masters=" + this.masters + ", groups=" + this.groups.keySet() + "}";
	}

	/** The default masters, given or opened on first use (so that a facade used for structures opens none). */
	private static final class LazyMasters {

		private final Supplier<Masters> factory;

		private volatile @Nullable Masters masters;

		LazyMasters(Masters masters) {
			this.factory = () -> masters;
			this.masters = masters;
		}

		LazyMasters(Supplier<Masters> factory) {
			this.factory = factory;
		}

		Masters get() {
			Masters current = this.masters;
			if (current == null) {
				synchronized (this) {
					current = this.masters;
					if (current == null) {
						current = this.factory.get();
						this.masters = current;
					}
				}
			}
			return current;
		}

		void closeIfOpened() {
			Masters current = this.masters;
			if (current != null) {
				current.close();
			}
		}

		@Override
		public String toString() {
			Masters current = this.masters;
			return (current != null) ? current.toString() : "Masters[not opened yet]";
		}

	}

}
