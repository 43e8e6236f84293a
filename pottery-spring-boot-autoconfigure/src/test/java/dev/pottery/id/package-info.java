/**
 * Tests of {@code dev.pottery.id}, against real Redis servers.
 */
@NullMarked
package dev.pottery.id;

import org.jspecify.annotations.NullMarked;
