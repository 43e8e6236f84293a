/**
 * Tests of the observation auto-configuration.
 */
@NullMarked
package dev.pottery.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
