/**
 * Tests of the health auto-configuration.
 */
@NullMarked
package dev.pottery.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
