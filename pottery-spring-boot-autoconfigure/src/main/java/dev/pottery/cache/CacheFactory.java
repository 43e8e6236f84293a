package dev.pottery.cache;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;

/**
 * Creates the {@link RedisCache} of a name: what {@code @RedisCached} methods and the {@link PotteryCacheManager}
 * open their caches with. {@code pottery::cache} is one ({@code Pottery#cache(String, ResolvableType, Duration)}).
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface CacheFactory {

	/**
	 * Create a cache.
	 * @param key the Redis key of the cache's hash
	 * @param valueType the type cached values are decoded into (an annotated method's return type)
	 * @param timeout the sliding timeout, or {@code null} for the configured one
	 * @return the cache
	 */
	RedisCache<?> cache(String key, ResolvableType valueType, @Nullable Duration timeout);

}
