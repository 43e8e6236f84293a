/**
 * Test support shared by every module's tests: {@link dev.pottery.test.RealRedis} gives a test class real Redis
 * servers (embedded binary, Testcontainers, or {@code POTTERY_TEST_REDIS_URL}).
 */
@NullMarked
package dev.pottery.test;

import org.jspecify.annotations.NullMarked;
