package dev.pottery.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of masters' errors in quorum runs; declare a bean of this type to replace
 * {@link DefaultQuorumErrorObservationConvention}.
 *
 * <pre>{@code
 * @Bean
 * QuorumErrorObservationConvention myConvention() {
 *     return new DefaultQuorumErrorObservationConvention() { ... };
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface QuorumErrorObservationConvention extends ObservationConvention<QuorumErrorContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof QuorumErrorContext;
	}

	@Override
	default String getName() {
		return "pottery.quorum.errors";
	}

}
