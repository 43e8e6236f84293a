/**
 * Memoizing method results in Redis, the Java form of pottery's {@code redis_cache()}. Pick
 * {@link dev.pottery.cache.RedisCache} to cache calls programmatically: one Redis hash per cache, one field per
 * argument list, a sliding timeout, hit/miss statistics, bypass and clear.
 */
@NullMarked
package dev.pottery.cache;

import org.jspecify.annotations.NullMarked;
