/**
 * Real {@code redis-server} processes for development and tests: {@link dev.pottery.embedded.EmbeddedRedisServer}
 * for one server, {@link dev.pottery.embedded.EmbeddedRedisServers} for N independent masters (Redlock, NextId),
 * {@link dev.pottery.embedded.EmbeddedRedisCluster} for a Redis Cluster of N masters. Needs the optional dependency
 * {@code org.signal:embedded-redis}.
 */
@NullMarked
package dev.pottery.embedded;

import org.jspecify.annotations.NullMarked;
