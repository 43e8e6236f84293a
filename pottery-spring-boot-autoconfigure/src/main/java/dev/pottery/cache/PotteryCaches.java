package dev.pottery.cache;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The caches behind {@link RedisCached} methods, by name: statistics, clearing, and a bypass scope that makes
 * every {@code @RedisCached} call inside it recompute and store its result (pottery's {@code __bypass__}).
 *
 * <pre>{@code
 * caches.info("fx-rates");                          // hits, misses, size
 * Rates fresh = caches.bypass(() -> rates.rates("EUR"));  // recomputed and stored
 * caches.evict("fx-rates", "EUR");                 // the next rates("EUR") recomputes
 * caches.clear("fx-rates");
 * }</pre>
 *
 * <p>Thread-safe. A cache appears here once its method has been called (or its bean proxied and called).
 *
 * @since 0.1.0
 */
public final class PotteryCaches {

	private static final ThreadLocal<Boolean> bypassing = new ThreadLocal<>();

	private final Map<String, RedisCache<?>> caches = new ConcurrentHashMap<>();

	/**
	 * Create an empty registry.
	 */
	public PotteryCaches() {
	}

	/**
	 * The statistics of a cache.
	 * @param name the cache's key
	 * @return hits and misses of this JVM, entries in Redis
	 * @throws IllegalArgumentException if no {@code @RedisCached} method uses that key
	 */
	public RedisCache.CacheInfo info(String name) {
		return cache(name).info();
	}

	/**
	 * Delete every entry of a cache and reset its statistics.
	 * @param name the cache's key
	 * @throws IllegalArgumentException if no {@code @RedisCached} method uses that key
	 */
	public void clear(String name) {
		cache(name).clear();
	}

	/**
	 * Delete the entry of one call of a cache's method ({@code HDEL}, one round trip), so that the next call with
	 * these arguments computes it again.
	 *
	 * <pre>{@code
	 * caches.evict("fx-rates", "EUR");   // rates("EUR") is computed again on its next call
	 * }</pre>
	 * @param name the cache's key
	 * @param arguments the call's arguments, in order, as the method receives them
	 * @return {@code true} if an entry was deleted, {@code false} if none was cached
	 * @throws IllegalArgumentException if no {@code @RedisCached} method uses that key
	 * @throws dev.pottery.EncodingException if an argument cannot be encoded
	 */
	public boolean evict(String name, @Nullable Object... arguments) {
		Assert.notNull(arguments, "'arguments' must not be null (pass no arguments for a method without parameters)");
		return cache(name).evict(Arrays.asList(arguments));
	}

	/**
	 * The cache of a {@code @RedisCached} method.
	 * @param name the cache's key
	 * @return the cache
	 * @throws IllegalArgumentException if no {@code @RedisCached} method uses that key
	 */
	public RedisCache<?> cache(String name) {
		RedisCache<?> cache = this.caches.get(name);
		Assert.isTrue(cache != null, () -> "No @RedisCached cache named '" + name + "' (known: " + names() + ")");
		return cache;
	}

	/**
	 * The names of the caches known so far.
	 * @return the names
	 */
	public Set<String> names() {
		return Set.copyOf(this.caches.keySet());
	}

	/**
	 * Run {@code work} so that every {@code @RedisCached} call it makes on this thread recomputes and stores its
	 * result, counted as neither hit nor miss.
	 * @param <T> the result type
	 * @param work the calls to force
	 * @return what {@code work} returns
	 */
	public <T extends @Nullable Object> T bypass(Supplier<T> work) {
		Boolean outer = bypassing.get();
		bypassing.set(Boolean.TRUE);
		try {
			return work.get();
		}
		finally {
			if (outer == null) {
				bypassing.remove();
			}
		}
	}

	/**
	 * Whether the current thread runs inside {@link #bypass(Supplier)}. Not API: the {@code @RedisCached}
	 * interceptor asks.
	 * @return {@code true} inside a bypass scope
	 */
	public static boolean isBypassing() {
		return bypassing.get() != null;
	}

	/**
	 * Add a cache under its name, once. Not API: the {@code @RedisCached} interceptor registers each cache it opens.
	 * @param name the cache's key
	 * @param factory creates the cache if the name is new
	 * @return the registered cache
	 */
	public RedisCache<?> register(String name, Supplier<RedisCache<?>> factory) {
		return this.caches.computeIfAbsent(name, (key) -> factory.get());
	}

}
