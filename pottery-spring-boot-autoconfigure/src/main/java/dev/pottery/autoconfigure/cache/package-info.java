/**
 * Auto-configuration of Spring's cache abstraction over Pottery's caches: a {@link dev.pottery.cache.PotteryCacheManager}
 * when caching is enabled and no other {@code CacheManager} is defined.
 */
@NullMarked
package dev.pottery.autoconfigure.cache;

import org.jspecify.annotations.NullMarked;
