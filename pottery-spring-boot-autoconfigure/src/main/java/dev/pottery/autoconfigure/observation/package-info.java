/**
 * Auto-configuration of Pottery's Micrometer observations ({@link dev.pottery.observation.PotteryObservation}) when an
 * {@code ObservationRegistry} bean exists.
 */
@NullMarked
package dev.pottery.autoconfigure.observation;

import org.jspecify.annotations.NullMarked;
