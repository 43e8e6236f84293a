package dev.pottery.cache;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.pottery.EncodingException;
import dev.pottery.codec.PotteryJson;
import dev.pottery.internal.StructureSupport;
import dev.pottery.observation.PotteryRecorder;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * A memoizer whose memory is a Redis hash: the programmatic core of pottery's {@code redis_cache()} decorator (the
 * {@code @RedisCached} annotation builds on it). {@link #get} answers a call from the cache, or computes it with the
 * loader and stores the result, so every JVM sharing the key computes each argument list once per timeout.
 *
 * <p><b>How it is stored</b> (wire-format.md sections 2.9 and 7). One Redis hash per cache, at the key given (or a
 * random {@code pottery:<uuid>} key, deleted when the cache becomes unreachable). The field of a call is the canonical
 * JSON of its argument list: {@code [5]} for {@code f(5)}, {@code ["EUR", 2]} for {@code f("EUR", 2)}, {@code []} for
 * {@code f()}, {@code [null, [1, 2], {"a": 1.0}]} for nested values. Equal arguments therefore hit the same field in
 * every JVM and in any language writing canonical JSON; pottery itself uses Python's process-salted {@code hash()}, so
 * Java and Python never share entries. The value is the canonical JSON of the result, decoded into the declared
 * (possibly generic) value type on a hit; a {@code null} result is stored as JSON {@code null} and is a hit, while an
 * absent field is a miss.
 *
 * <p><b>Timeout.</b> The timeout is a sliding expiry of the <em>whole hash</em>, not of each entry (pottery's
 * semantics): with a timeout (60 seconds by default, as pottery), every lookup, hit or miss, and every store sets the
 * hash to expire {@code timeout} after that access ({@code PEXPIRE} in the same script as the {@code HGET} or
 * {@code HSET}). Entries have no expiry of their own: an entry stored long ago is still a hit as long as some entry
 * of the cache was used within the last {@code timeout}, and every entry disappears together once nobody has used
 * the cache for {@code timeout}. To refresh one entry, {@link #evict(List) evict} it or {@link #bypass bypass} the
 * cache. {@link Duration#ZERO} disables expiry.
 *
 * <p><b>Undecodable values.</b> A stored value that cannot be decoded into the value type (for example after the
 * type changed) is treated as a miss: the loader runs, its result overwrites the value, and a warning naming the key
 * and field is logged once per cache instance.
 *
 * <p><b>Atomicity and cost.</b> A hit is one round trip (one script: {@code HGET} and {@code PEXPIRE}); a miss is two
 * (the lookup, then {@code HSET} and {@code PEXPIRE} in one script) plus the loader. Concurrent misses for the same
 * arguments may each run the loader, and the last store wins; a store is a single {@code HSET}, so a reader never
 * sees a torn value. Thread-safe.
 *
 * <p><b>Statistics.</b> {@link #info()} reports the hits and misses counted by this instance (as pottery counts them
 * per process, not in Redis), no size limit, and the number of entries in Redis.
 *
 * <pre>{@code
 * RedisCache<Integer> cache = RedisCache.builder(connectionFactory).key("expensive-function-cache").build(Integer.class);
 * int result = cache.get(List.of(5), () -> expensiveFunction(5));  // computed, then stored
 * cache.get(List.of(5), () -> expensiveFunction(5));               // from Redis
 * cache.info();   // CacheInfo[hits=1, misses=1, maxSize=OptionalLong.empty, currentSize=1]
 * }</pre>
 *
 * @param <V> the value type; {@code null} results are legal and cached
 * @since 0.1.0
 */
public final class RedisCache<V extends @Nullable Object> {

	private static final Log logger = LogFactory.getLog(RedisCache.class);

	/** pottery's default timeout. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);

	private final StructureSupport support;

	private final JavaType valueType;

	private final Duration timeout;

	private final String timeoutMillis;

	private final AtomicLong hits = new AtomicLong();

	private final AtomicLong misses = new AtomicLong();

	private final PotteryRecorder recorder;

	private final String name;

	private final AtomicBoolean warnedUndecodable = new AtomicBoolean();

	RedisCache(StructureSupport support, JavaType valueType, Duration timeout, PotteryRecorder recorder, String name) {
		this.support = support;
		this.valueType = valueType;
		this.timeout = timeout;
		this.recorder = recorder;
		this.name = name;
		this.timeoutMillis = Long.toString(timeoutMillis(timeout));
		support.unlinkWhenUnreachable(this);
	}

	/**
	 * Start building a cache on the given connection.
	 *
	 * <pre>{@code
	 * RedisCache<Rates> rates = RedisCache.builder(connectionFactory)
	 *     .key("fx-rates").timeout(Duration.ofMinutes(10)).build(Rates.class);
	 * }</pre>
	 * @param connectionFactory the Redis connection (usually the application's Lettuce connection factory)
	 * @return a builder with pottery's defaults: random key, 60 s timeout, default codec
	 */
	public static Builder builder(RedisConnectionFactory connectionFactory) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		return new Builder(connectionFactory);
	}

	/**
	 * The cached result of the call with these arguments, or the loader's result, which is then stored. Every call
	 * slides the timeout.
	 *
	 * <pre>{@code
	 * Rates eur = rates.get(List.of("EUR"), () -> fetchRates("EUR"));
	 * }</pre>
	 * @param arguments the call's arguments, in order (elements may be {@code null}); their canonical JSON array is the
	 * field
	 * @param loader computes the result on a miss; its exceptions pass through and nothing is stored
	 * @return the cached or computed result, possibly {@code null}
	 * @throws dev.pottery.EncodingException if the arguments or the result cannot be encoded (a stored value that
	 * cannot be decoded into the value type is a miss, overwritten by the loader's result, and logged once)
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a hash
	 */
	public V get(List<? extends @Nullable Object> arguments, Supplier<? extends V> loader) {
		return get(arguments, loader, (value) -> true);
	}

	/**
	 * Like {@link #get(List, Supplier)}, but a computed result is stored only when {@code store} accepts it (the
	 * {@code unless} of {@link RedisCached}); a rejected result is returned all the same.
	 * @param arguments the call's arguments, in order
	 * @param loader computes the result on a miss; its exceptions pass through and nothing is stored
	 * @param store whether to store a computed result
	 * @return the cached or computed result, possibly {@code null}
	 * @throws dev.pottery.EncodingException if the arguments or a stored result cannot be encoded (a cached value
	 * that cannot be decoded is a miss)
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a hash
	 */
	public V get(List<? extends @Nullable Object> arguments, Supplier<? extends V> loader,
			Predicate<? super V> store) {
		Assert.notNull(loader, "'loader' must not be null");
		Assert.notNull(store, "'store' must not be null");
		String field = field(arguments);
		Lookup<V> found = lookup(field);
		if (found != null) {
			return found.value();
		}
		return compute(field, loader, store);
	}

	/**
	 * Look a field up (one round trip, sliding the timeout), counting and recording a hit or a miss; an undecodable
	 * value is a miss.
	 * @return the cached value, or {@code null} on a miss
	 */
	@Nullable Lookup<V> lookup(String field) {
		return lookup(field, this.valueType, true);
	}

	/** Like {@link #lookup(String)}, decoding into another class (Spring Cache's {@code get(key, type)}). */
	<T> @Nullable Lookup<T> lookup(String field, Class<T> type) {
		return lookup(field, this.support.javaType(ResolvableType.forClass(type)), true);
	}

	/** Like {@link #lookup(String)}, but a miss is not counted or recorded (a second look after waiting). */
	@Nullable Lookup<V> peek(String field) {
		return lookup(field, this.valueType, false);
	}

	@SuppressWarnings("unchecked")
	private <T> @Nullable Lookup<T> lookup(String field, JavaType type, boolean countMiss) {
		PotteryRecorder.Sample sample = countMiss ? this.recorder.cacheGet(this.name) : PotteryRecorder.Sample.NONE;
		String stored;
		try {
			stored = this.support.execute(() -> this.support.template()
				.execute(CacheScripts.GET, List.of(this.support.key()), field, this.timeoutMillis));
		}
		catch (RuntimeException ex) {
			sample.stop(PotteryRecorder.Outcome.ERROR, ex);
			throw ex;
		}
		if (stored != null) {
			try {
				T value = (T) this.support.decode(stored, type);
				this.hits.incrementAndGet();
				sample.stop(PotteryRecorder.Outcome.HIT, null);
				return new Lookup<>(value);
			}
			catch (EncodingException ex) {
				warnUndecodable(field, type, ex);
			}
		}
		if (countMiss) {
			this.misses.incrementAndGet();
			sample.stop(PotteryRecorder.Outcome.MISS, null);
		}
		return null;
	}

	private void warnUndecodable(String field, JavaType type, EncodingException ex) {
		if (this.warnedUndecodable.compareAndSet(false, true)) {
			logger.warn("RedisCache '" + key() + "': the value cached for " + field + " cannot be decoded into "
					+ type.toCanonical() + " (" + ex.getMessage() + "); treating it as a miss and "
					+ "overwriting it. If the result type changed, clear the cache. Logged once per cache.");
		}
	}

	/**
	 * Compute the call's result with the loader and store it, ignoring what is cached: pottery's
	 * {@code __bypass__}. Counted as neither a hit nor a miss.
	 *
	 * <pre>{@code
	 * Rates fresh = rates.bypass(List.of("EUR"), () -> fetchRates("EUR"));
	 * }</pre>
	 * @param arguments the call's arguments, in order
	 * @param loader computes the result; its exceptions pass through and nothing is stored
	 * @return the computed result
	 * @throws dev.pottery.EncodingException if the arguments or the result cannot be encoded
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a hash
	 */
	public V bypass(List<? extends @Nullable Object> arguments, Supplier<? extends V> loader) {
		return bypass(arguments, loader, (value) -> true);
	}

	/**
	 * Like {@link #bypass(List, Supplier)}, but the result is stored only when {@code store} accepts it.
	 * @param arguments the call's arguments, in order
	 * @param loader computes the result; its exceptions pass through and nothing is stored
	 * @param store whether to store the result
	 * @return the computed result
	 * @throws dev.pottery.EncodingException if the arguments or a stored result cannot be encoded
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a hash
	 */
	public V bypass(List<? extends @Nullable Object> arguments, Supplier<? extends V> loader,
			Predicate<? super V> store) {
		Assert.notNull(loader, "'loader' must not be null");
		Assert.notNull(store, "'store' must not be null");
		return compute(field(arguments), loader, store);
	}

	/**
	 * The statistics of this cache, pottery's {@code cache_info()}: hits and misses counted by this instance since it
	 * was created or last cleared, and the number of entries in Redis ({@code HLEN}, one round trip).
	 *
	 * <pre>{@code
	 * RedisCache.CacheInfo info = rates.info();   // CacheInfo[hits=1, misses=1, maxSize=OptionalLong.empty, currentSize=1]
	 * }</pre>
	 * @return the statistics; {@code maxSize} is always empty (unbounded, pottery's {@code maxsize=None})
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a hash
	 */
	public CacheInfo info() {
		Long size = this.support.execute(() -> this.support.template().opsForHash().size(this.support.key()));
		return new CacheInfo(this.hits.get(), this.misses.get(), OptionalLong.empty(), (size != null) ? size : 0);
	}

	/**
	 * Delete every entry ({@code UNLINK key}) and reset this instance's hits and misses, pottery's
	 * {@code cache_clear()}.
	 *
	 * <pre>{@code
	 * rates.clear();
	 * }</pre>
	 */
	public void clear() {
		this.support.execute(() -> this.support.template().unlink(this.support.key()));
		this.hits.set(0);
		this.misses.set(0);
	}

	/**
	 * Delete the entry of one call ({@code HDEL}, one round trip), so that the next call with these arguments
	 * computes it again. The timeout is not slid.
	 *
	 * <pre>{@code
	 * rates.evict(List.of("EUR"));   // true: the next rates.get(List.of("EUR"), ...) recomputes
	 * }</pre>
	 * @param arguments the call's arguments, in order
	 * @return {@code true} if an entry was deleted, {@code false} if none was cached
	 * @throws dev.pottery.EncodingException if an argument cannot be encoded
	 * @throws dev.pottery.WrongTypeException if the key holds something other than a hash
	 */
	public boolean evict(List<? extends @Nullable Object> arguments) {
		return evictField(field(arguments));
	}

	boolean evictField(String field) {
		Long deleted = this.support
			.execute(() -> this.support.template().opsForHash().delete(this.support.key(), field));
		return deleted != null && deleted > 0;
	}

	/**
	 * The Redis key of the hash.
	 * @return the key, exactly as given (or the random {@code pottery:<uuid>} key)
	 */
	public String key() {
		return this.support.key();
	}

	/**
	 * The sliding timeout.
	 * @return the timeout; {@link Duration#ZERO} when the cache never expires
	 */
	public Duration timeout() {
		return this.timeout;
	}

	/**
	 * The hash field for a call: the canonical JSON of its argument list.
	 *
	 * <pre>{@code
	 * rates.field(List.of("EUR", 2));   // ["EUR", 2]
	 * }</pre>
	 * @param arguments the call's arguments, in order
	 * @return the field, for example {@code [5]}, {@code ["EUR", 2]} or {@code []}
	 * @throws dev.pottery.EncodingException if an argument cannot be encoded
	 */
	public String field(List<? extends @Nullable Object> arguments) {
		Assert.notNull(arguments, "'arguments' must not be null");
		return this.support.encode(arguments);
	}

	private V compute(String field, Supplier<? extends V> loader, Predicate<? super V> store) {
		V value = loader.get();
		if (!store.test(value)) {
			return value;
		}
		put(field, value);
		return value;
	}

	/** Store a value (one round trip, sliding the timeout). */
	void put(String field, @Nullable Object value) {
		String json = this.support.encode(value);
		this.support.execute(() -> this.support.template()
			.execute(CacheScripts.PUT, List.of(this.support.key()), field, json, this.timeoutMillis));
	}

	/**
	 * Store a value unless the field holds one (one round trip, sliding the timeout).
	 * @return {@code null} if stored, else the value already there (decoded; an undecodable one is overwritten)
	 */
	@Nullable Lookup<V> putIfAbsent(String field, @Nullable Object value) {
		String json = this.support.encode(value);
		String existing = this.support.execute(() -> this.support.template()
			.execute(CacheScripts.PUT_IF_ABSENT, List.of(this.support.key()), field, json, this.timeoutMillis));
		if (existing == null) {
			return null;
		}
		try {
			return new Lookup<>(decode(existing));
		}
		catch (EncodingException ex) {
			warnUndecodable(field, this.valueType, ex);
			put(field, value);
			return null;
		}
	}

	/** Delete the hash, reporting whether it existed. */
	boolean invalidate() {
		Long deleted = this.support.execute(() -> this.support.template().unlink(List.of(this.support.key())));
		this.hits.set(0);
		this.misses.set(0);
		return deleted != null && deleted > 0;
	}

	/** A cached value, possibly {@code null}. */
	record Lookup<V extends @Nullable Object>(V value) {
	}

	@SuppressWarnings("unchecked")
	private V decode(String stored) {
		return (V) this.support.decode(stored, this.valueType);
	}

	private static long timeoutMillis(Duration timeout) {
		if (timeout.isZero()) {
			return 0;
		}
		return Math.max(1, timeout.toMillis());
	}

	@Override
	public String toString() {
		return "RedisCache{key='" + key() + "', timeout=" + this.timeout + "}";
	}

	/**
	 * The statistics of a {@link RedisCache}, as pottery's {@code CacheInfo}.
	 *
	 * @param hits the lookups answered from Redis by this instance
	 * @param misses the lookups this instance had to compute
	 * @param maxSize the size limit: always empty, the cache is unbounded (pottery's {@code maxsize=None})
	 * @param currentSize the number of entries in Redis, from all instances
	 * @since 0.1.0
	 */
	public record CacheInfo(long hits, long misses, OptionalLong maxSize, long currentSize) {
	}

	/**
	 * Builds a {@link RedisCache}; start with {@link RedisCache#builder(RedisConnectionFactory)}. Not thread-safe;
	 * the cache it builds is.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final RedisConnectionFactory connectionFactory;

		private @Nullable String key;

		private Duration timeout = DEFAULT_TIMEOUT;

		private @Nullable PotteryJson codec;

		private PotteryRecorder recorder = PotteryRecorder.NONE;

		Builder(RedisConnectionFactory connectionFactory) {
			this.connectionFactory = connectionFactory;
		}

		/**
		 * The Redis key of the cache's hash.
		 *
		 * <pre>{@code
		 * builder.key("expensive-function-cache");
		 * }</pre>
		 * @param key the key, or {@code null} (or empty) for a random {@code pottery:<uuid>} key that is deleted when
		 * the cache becomes unreachable (the default, as pottery)
		 * @return this builder
		 */
		public Builder key(@Nullable String key) {
			this.key = key;
			return this;
		}

		/**
		 * The sliding timeout: the hash expires this long after its last access.
		 *
		 * <pre>{@code
		 * builder.timeout(Duration.ofMinutes(10));
		 * }</pre>
		 * @param timeout the timeout (rounded up to whole milliseconds), or {@code null} or {@link Duration#ZERO} for
		 * none; 60 seconds by default
		 * @return this builder
		 * @throws IllegalArgumentException if the timeout is negative
		 */
		public Builder timeout(@Nullable Duration timeout) {
			Duration value = (timeout != null) ? timeout : Duration.ZERO;
			Assert.isTrue(!value.isNegative(), () -> "'timeout' must not be negative, but was " + timeout);
			this.timeout = value;
			return this;
		}

		/**
		 * The codec for arguments and values.
		 *
		 * <pre>{@code
		 * builder.codec(PotteryJson.of(customMapper));
		 * }</pre>
		 * @param codec the codec; {@link PotteryJson#create()} by default
		 * @return this builder
		 */
		public Builder codec(PotteryJson codec) {
			Assert.notNull(codec, "'codec' must not be null");
			this.codec = codec;
			return this;
		}

		/**
		 * Where lookups are reported as hits and misses, under the cache's key as its name ({@value
		 * PotteryRecorder#RANDOM_CACHE} for a random key).
		 *
		 * <pre>{@code
		 * builder.recorder(pottery.masters().getRecorder());
		 * }</pre>
		 * @param recorder the recorder; {@link PotteryRecorder#NONE} by default
		 * @return this builder
		 */
		public Builder recorder(PotteryRecorder recorder) {
			Assert.notNull(recorder, "'recorder' must not be null");
			this.recorder = recorder;
			return this;
		}

		/**
		 * Build a cache of values of a class.
		 *
		 * <pre>{@code
		 * RedisCache<Integer> cache = builder.build(Integer.class);
		 * }</pre>
		 * @param <V> the value type
		 * @param valueType the class values are decoded into
		 * @return the cache; building it costs no round trip (a random key costs one {@code EXISTS})
		 */
		public <V extends @Nullable Object> RedisCache<V> build(Class<V> valueType) {
			Assert.notNull(valueType, "'valueType' must not be null");
			return build(ResolvableType.forClass(valueType));
		}

		/**
		 * Build a cache of values of a generic type.
		 *
		 * <pre>{@code
		 * RedisCache<List<String>> cache = builder.build(new ParameterizedTypeReference<List<String>>() { });
		 * }</pre>
		 * @param <V> the value type
		 * @param valueType the type values are decoded into
		 * @return the cache
		 */
		public <V extends @Nullable Object> RedisCache<V> build(ParameterizedTypeReference<V> valueType) {
			Assert.notNull(valueType, "'valueType' must not be null");
			return build(ResolvableType.forType(valueType));
		}

		/**
		 * Build a cache of values of a type known only at run time, such as a method's generic return type.
		 *
		 * <pre>{@code
		 * RedisCache<Object> cache = builder.build(ResolvableType.forMethodReturnType(method));
		 * }</pre>
		 * @param <V> the value type
		 * @param valueType the type values are decoded into
		 * @return the cache
		 */
		public <V extends @Nullable Object> RedisCache<V> build(ResolvableType valueType) {
			Assert.notNull(valueType, "'valueType' must not be null");
			PotteryJson codec = (this.codec != null) ? this.codec : PotteryJson.create();
			StringRedisTemplate template = new StringRedisTemplate(this.connectionFactory);
			StructureSupport support = StructureSupport.attach(template, codec, this.key, "hash", "RedisCache");
			String name = (this.key != null && !this.key.isEmpty()) ? this.key : PotteryRecorder.RANDOM_CACHE;
			return new RedisCache<>(support, support.javaType(valueType), this.timeout, this.recorder, name);
		}

	}

}
