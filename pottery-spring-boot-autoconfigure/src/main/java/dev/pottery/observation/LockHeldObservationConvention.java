package dev.pottery.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of holding a Redlock; declare a bean of this type to replace
 * {@link DefaultLockHeldObservationConvention}.
 *
 * <pre>{@code
 * @Bean
 * LockHeldObservationConvention myConvention() {
 *     return new DefaultLockHeldObservationConvention() { ... };
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface LockHeldObservationConvention extends ObservationConvention<LockHeldContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof LockHeldContext;
	}

	@Override
	default String getName() {
		return "pottery.lock.held";
	}

}
