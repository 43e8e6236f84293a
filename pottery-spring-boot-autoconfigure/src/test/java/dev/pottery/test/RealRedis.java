package dev.pottery.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class {@link #servers()} fresh, independent, real Redis servers, injected as
 * {@link RedisServers} or (the first one) {@link RedisServer} into constructors, lifecycle and test methods.
 *
 * <p>Where the servers come from, first match wins:
 * <ol>
 * <li>{@code POTTERY_TEST_REDIS_URL} (environment or system property): one URL, or a comma-separated list with at
 * least {@link #servers()} URLs, of existing servers. They are shared, never flushed, and cannot be paused or killed:
 * tests that need to ({@link #controllable()}) are skipped.</li>
 * <li>{@code POTTERY_TEST_REDIS=docker}, or a reachable Docker engine unless {@code POTTERY_TEST_REDIS=embedded}:
 * Testcontainers' {@code redis:7.0} containers.</li>
 * <li>Otherwise the static {@code redis-server} binary from {@code org.signal:embedded-redis}.</li>
 * </ol>
 *
 * <p>After each passing test the extension fails the test if any key matching {@code pottery:*} is left on a
 * running server (tests use {@link RedisServer#newKey()} and delete what they create), then removes those keys.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealRedisExtension.class)
public @interface RealRedis {

	/**
	 * How many independent servers the class gets.
	 * @return at least 1
	 */
	int servers() default 1;

	/**
	 * Whether the tests pause, kill or restart servers; if so and the servers are external, the class is skipped.
	 * @return {@code true} for fault tests
	 */
	boolean controllable() default false;

	/**
	 * Whether to fail a passing test that leaves {@code pottery:*} keys behind.
	 * @return {@code true} by default
	 */
	boolean checkStrayKeys() default true;

}
