/**
 * The Actuator health indicator of the Redlock masters, {@link dev.pottery.autoconfigure.health.PotteryHealthIndicator},
 * and its auto-configuration.
 */
@NullMarked
package dev.pottery.autoconfigure.health;

import org.jspecify.annotations.NullMarked;
