/**
 * Pottery for Spring: Redis for Humans. Start from the {@code Pottery} facade bean; every exception thrown is a
 * {@link dev.pottery.PotteryException}.
 */
@NullMarked
package dev.pottery;

import org.jspecify.annotations.NullMarked;
