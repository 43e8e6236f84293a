/**
 * Tests of the timing utilities, on a fake clock.
 */
@NullMarked
package dev.pottery.timing;

import org.jspecify.annotations.NullMarked;
