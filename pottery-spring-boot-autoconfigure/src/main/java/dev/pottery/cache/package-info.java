/**
 * Memoizing method results in Redis, the Java form of pottery's {@code redis_cache()}. Pick
 * {@link dev.pottery.cache.RedisCache} to cache calls programmatically: one Redis hash per cache, one field per
 * argument list, a sliding timeout, hit/miss statistics, bypass and clear. {@link dev.pottery.cache.RedisCached}
 * memoizes a bean method, {@link dev.pottery.cache.PotteryCaches} inspects and clears those caches, and
 * {@link dev.pottery.cache.PotteryCacheManager} serves Spring's {@code @Cacheable}.
 */
@NullMarked
package dev.pottery.cache;

import org.jspecify.annotations.NullMarked;
