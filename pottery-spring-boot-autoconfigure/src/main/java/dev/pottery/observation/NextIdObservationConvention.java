package dev.pottery.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of NextId calls; declare a bean of this type to replace
 * {@link DefaultNextIdObservationConvention}.
 *
 * <pre>{@code
 * @Bean
 * NextIdObservationConvention myConvention() {
 *     return new DefaultNextIdObservationConvention() { ... };
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface NextIdObservationConvention extends ObservationConvention<NextIdContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof NextIdContext;
	}

	@Override
	default String getName() {
		return "pottery.nextid";
	}

}
