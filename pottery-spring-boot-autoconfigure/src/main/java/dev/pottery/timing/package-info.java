/**
 * Timing: {@link dev.pottery.timing.ContextTimer} measures how long a block of code takes on the monotonic clock, as
 * pottery's {@code ContextTimer}.
 */
@NullMarked
package dev.pottery.timing;

import org.jspecify.annotations.NullMarked;
