/**
 * Tests of {@code dev.pottery.lock}, against real Redis servers.
 */
@NullMarked
package dev.pottery.lock;

import org.jspecify.annotations.NullMarked;
