/**
 * Tests of {@code dev.pottery.quorum}, against real Redis servers.
 */
@NullMarked
package dev.pottery.quorum;

import org.jspecify.annotations.NullMarked;
