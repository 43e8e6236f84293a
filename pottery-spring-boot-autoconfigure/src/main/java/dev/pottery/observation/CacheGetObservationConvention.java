package dev.pottery.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * Names and tags the observation of cache lookups; declare a bean of this type to replace
 * {@link DefaultCacheGetObservationConvention}.
 *
 * <pre>{@code
 * @Bean
 * CacheGetObservationConvention myConvention() {
 *     return new DefaultCacheGetObservationConvention() { ... };
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public interface CacheGetObservationConvention extends ObservationConvention<CacheGetContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof CacheGetContext;
	}

	@Override
	default String getName() {
		return "pottery.cache.gets";
	}

}
