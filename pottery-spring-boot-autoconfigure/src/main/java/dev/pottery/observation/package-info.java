/**
 * Observations: what Pottery reports to Micrometer. {@link dev.pottery.observation.PotteryObservation} documents the
 * observations and their key values; each has a context ({@code LockWaitContext}, {@code LockHeldContext},
 * {@code NextIdContext}, {@code CacheGetContext}, {@code QuorumErrorContext}) and a convention interface whose
 * default implementation a bean of that type replaces. The keyed, quorum-backed ones share one shape,
 * {@link dev.pottery.observation.KeyedObservationConvention}. The lock, id, cache and quorum code reports to the small
 * {@link dev.pottery.observation.PotteryRecorder} interface (no-op by default);
 * {@link dev.pottery.observation.ObservationPotteryRecorder} turns those reports into observations.
 */
@NullMarked
package dev.pottery.observation;

import org.jspecify.annotations.NullMarked;
