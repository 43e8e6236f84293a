package dev.pottery.test;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class a real Redis Cluster of 3 masters (no replicas), injected as {@link RedisCluster}
 * into constructors, lifecycle and test methods.
 *
 * <p>The cluster is {@link dev.pottery.embedded.EmbeddedRedisCluster}, from the static {@code redis-server} binary
 * of {@code org.signal:embedded-redis} (whatever {@code POTTERY_TEST_REDIS_URL} and Docker say: a cluster in
 * containers would need announced addresses). It starts on first use, in about 2 s, is shared by every class of the
 * test run and stops when the run ends.
 *
 * <p>After each passing test the extension fails the test if any key matching {@code pottery:*} is left on any master
 * (use {@link RedisCluster#newKey()} and delete what a test creates), then removes those keys.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(RealRedisClusterExtension.class)
public @interface RealRedisCluster {

}
