/**
 * Real {@code redis-server} processes for development and tests: {@link dev.pottery.embedded.EmbeddedRedisServer}
 * for one server, {@link dev.pottery.embedded.EmbeddedRedisServers} for N independent masters. Needs the optional
 * dependency {@code org.signal:embedded-redis}.
 */
@NullMarked
package dev.pottery.embedded;

import org.jspecify.annotations.NullMarked;
