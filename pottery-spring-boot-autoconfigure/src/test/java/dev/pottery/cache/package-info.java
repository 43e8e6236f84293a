/**
 * Tests of the Redis memoizer against a real Redis.
 */
@NullMarked
package dev.pottery.cache;

import org.jspecify.annotations.NullMarked;
