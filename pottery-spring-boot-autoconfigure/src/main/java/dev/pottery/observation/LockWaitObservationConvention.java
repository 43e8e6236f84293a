package dev.pottery.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of waiting for a Redlock; declare a bean of this type to replace
 * {@link DefaultLockWaitObservationConvention}.
 *
 * <pre>{@code
 * @Bean
 * LockWaitObservationConvention myConvention() {
 *     return new DefaultLockWaitObservationConvention() { ... };
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface LockWaitObservationConvention extends ObservationConvention<LockWaitContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof LockWaitContext;
	}

	@Override
	default String getName() {
		return "pottery.lock.wait";
	}

}
