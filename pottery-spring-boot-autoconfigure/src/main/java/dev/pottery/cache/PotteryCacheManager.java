package dev.pottery.cache;

import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;

/**
 * A Spring {@link CacheManager} whose caches are Pottery caches: each cache name is the Redis key of one hash,
 * stored exactly as {@link RedisCache} and {@code @RedisCached} store it (pottery's layout, canonical JSON), with the
 * same sliding timeout of the whole hash and the same {@code pottery.cache.gets} metrics. Spring Boot
 * auto-configures one when caching is enabled ({@code @EnableCaching}) and no other {@code CacheManager} is
 * defined; customize it with a {@code PotteryCacheManagerCustomizer} bean.
 *
 * <p>Spring's cache abstraction does not tell a cache the type of the method's result, so a cache decodes into the
 * type declared for it with {@link Builder#cache(String, Class)}, else into the type {@linkplain Builder#learnedTypes
 * learned} for it (Spring Boot learns the return types of the {@code @Cacheable} and {@code @CachePut} methods of
 * each bean as it is created), else into JSON's natural Java types ({@code Map}, {@code List}, {@code String},
 * {@code Integer}/{@code Long}, {@code Double}, {@code Boolean}). Undeclared caches are created on first use unless
 * {@link Builder#dynamic(boolean) dynamic} is off.
 *
 * <pre>{@code
 * PotteryCacheManager manager = PotteryCacheManager.builder(cacheFactory)
 *     .cache("fx-rates", Rate.class, Duration.ofMinutes(10))
 *     .build();
 * }</pre>
 *
 * <p>Thread-safe.
 *
 * @since 0.1.0
 */
public final class PotteryCacheManager implements CacheManager {

	private final CacheFactory factory;

	private final Map<String, Declared> declared;

	private final boolean dynamic;

	private final @Nullable PotteryCaches registry;

	private final Function<String, @Nullable ResolvableType> learnedTypes;

	private final Map<String, PotteryCache> caches = new ConcurrentHashMap<>();

	private PotteryCacheManager(Builder builder) {
		this.factory = builder.factory;
		this.declared = Map.copyOf(builder.declared);
		this.dynamic = builder.dynamic;
		this.registry = builder.registry;
		this.learnedTypes = builder.learnedTypes;
	}

	/**
	 * Start building a manager.
	 * @param factory creates the Pottery cache of a name (Spring Boot passes the {@code Pottery} facade's
	 * {@code cache(key, type, timeout)}, which applies the codec, the recorder and {@code pottery.cache.default-timeout})
	 * @return a builder
	 */
	public static Builder builder(CacheFactory factory) {
		Assert.notNull(factory, "'factory' must not be null");
		return new Builder(factory);
	}

	@Override
	public @Nullable Cache getCache(String name) {
		PotteryCache cache = this.caches.get(name);
		if (cache != null) {
			return cache;
		}
		if (!this.dynamic && !this.declared.containsKey(name)) {
			return null;
		}
		return this.caches.computeIfAbsent(name, this::create);
	}

	@SuppressWarnings("unchecked")
	private PotteryCache create(String name) {
		Declared spec = this.declared.get(name);
		if (spec == null) {
			ResolvableType learned = this.learnedTypes.apply(name);
			spec = new Declared((learned != null) ? learned : ResolvableType.forClass(Object.class), null);
		}
		RedisCache<@Nullable Object> cache = (RedisCache<@Nullable Object>) this.factory.cache(name, spec.type(),
				spec.timeout());
		if (this.registry != null) {
			this.registry.register(name, () -> cache);
		}
		return new PotteryCache(name, cache);
	}

	/**
	 * The declared caches and those created so far.
	 * @return the cache names
	 */
	@Override
	public Collection<String> getCacheNames() {
		Set<String> names = new java.util.LinkedHashSet<>(this.declared.keySet());
		names.addAll(this.caches.keySet());
		return Set.copyOf(names);
	}

	@Override
	public String toString() {
		return "PotteryCacheManager{caches=" + getCacheNames() + ", dynamic=" + this.dynamic + "}";
	}

	private record Declared(ResolvableType type, @Nullable Duration timeout) {
	}

	/**
	 * Builds a {@link PotteryCacheManager}. Not thread-safe.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final CacheFactory factory;

		private final Map<String, Declared> declared = new LinkedHashMap<>();

		private boolean dynamic = true;

		private @Nullable PotteryCaches registry;

		private Function<String, @Nullable ResolvableType> learnedTypes = (name) -> null;

		Builder(CacheFactory factory) {
			this.factory = factory;
		}

		/**
		 * Declare a cache whose values are decoded into a class, with the configured timeout.
		 *
		 * <pre>{@code
		 * builder.cache("fx-rates", Rate.class);
		 * }</pre>
		 * @param name the cache name, which is the Redis key of its hash
		 * @param valueType the class values are decoded into
		 * @return this builder
		 */
		public Builder cache(String name, Class<?> valueType) {
			return cache(name, ResolvableType.forClass(valueType), null);
		}

		/**
		 * Declare a cache whose values are decoded into a class, with its own sliding timeout.
		 * @param name the cache name, which is the Redis key of its hash
		 * @param valueType the class values are decoded into
		 * @param timeout the sliding timeout of the whole hash ({@link Duration#ZERO}: never expire), or
		 * {@code null} for {@code pottery.cache.default-timeout}
		 * @return this builder
		 */
		public Builder cache(String name, Class<?> valueType, @Nullable Duration timeout) {
			Assert.notNull(valueType, "'valueType' must not be null");
			return cache(name, ResolvableType.forClass(valueType), timeout);
		}

		/**
		 * Declare a cache whose values are decoded into a (generic) type.
		 *
		 * <pre>{@code
		 * builder.cache("fx-history", ResolvableType.forClassWithGenerics(List.class, Rate.class), null);
		 * }</pre>
		 * @param name the cache name, which is the Redis key of its hash
		 * @param valueType the type values are decoded into
		 * @param timeout the sliding timeout, or {@code null} for the configured one
		 * @return this builder
		 */
		public Builder cache(String name, ResolvableType valueType, @Nullable Duration timeout) {
			Assert.hasText(name, "'name' must not be empty");
			Assert.notNull(valueType, "'valueType' must not be null");
			Assert.isTrue(timeout == null || !timeout.isNegative(),
					() -> "Cache '" + name + "': timeout must not be negative, but was " + timeout);
			this.declared.put(name, new Declared(valueType, timeout));
			return this;
		}

		/**
		 * Whether a cache name that was not declared gets a cache on first use (decoding into JSON's natural
		 * types), as Spring's own managers do; {@code true} by default.
		 * @param dynamic {@code false} to answer {@code null} for undeclared names (Spring then fails the call,
		 * naming the cache)
		 * @return this builder
		 */
		public Builder dynamic(boolean dynamic) {
			this.dynamic = dynamic;
			return this;
		}

		/**
		 * Where the value type of a cache that was not {@linkplain #cache declared} comes from, for example the
		 * return type of the {@code @Cacheable} methods using it (Spring Boot's auto-configuration learns those as
		 * the beans are created); a declared type wins.
		 * @param learnedTypes the type of a cache name, or {@code null} when unknown (then JSON's natural types)
		 * @return this builder
		 */
		public Builder learnedTypes(Function<String, @Nullable ResolvableType> learnedTypes) {
			Assert.notNull(learnedTypes, "'learnedTypes' must not be null");
			this.learnedTypes = learnedTypes;
			return this;
		}

		/**
		 * Also list the caches in a {@link PotteryCaches} registry, for {@code info}, {@code evict} and
		 * {@code clear} by name.
		 * @param registry the registry, or {@code null} for none
		 * @return this builder
		 */
		public Builder registry(@Nullable PotteryCaches registry) {
			this.registry = registry;
			return this;
		}

		/**
		 * Build the manager; no Redis I/O happens until a cache is used.
		 * @return the manager
		 */
		public PotteryCacheManager build() {
			return new PotteryCacheManager(this);
		}

	}

}
