/**
 * Test support shared by every module's tests: {@link dev.pottery.test.RealRedis} gives a test class real Redis
 * servers (embedded binary, Testcontainers, or {@code POTTERY_TEST_REDIS_URL}), {@link dev.pottery.test.RealRedisCluster}
 * a real Redis Cluster of 3 masters (embedded binary).
 */
@NullMarked
package dev.pottery.test;

import org.jspecify.annotations.NullMarked;
