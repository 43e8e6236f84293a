/**
 * Tests of {@code dev.pottery.internal}, against real Redis servers.
 */
@NullMarked
package dev.pottery.internal;

import org.jspecify.annotations.NullMarked;
