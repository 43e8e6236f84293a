package dev.pottery.observation;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags of the observation of cache lookups: name {@code pottery.cache.gets}, low-cardinality {@code pottery.outcome}, {@code pottery.cache}; see
 * {@link PotteryObservation#CACHE_GET}.
 *
 * <p>Thread-safe and stateless; extend it to add key values.
 *
 * <pre>{@code
 * KeyValues tags = DefaultCacheGetObservationConvention.INSTANCE.getLowCardinalityKeyValues(context);
 * }</pre>
 *
 * @since 0.1.0
 */
public class DefaultCacheGetObservationConvention implements CacheGetObservationConvention {

	/** The shared instance. */
	public static final DefaultCacheGetObservationConvention INSTANCE = new DefaultCacheGetObservationConvention();

	/** A convention with the default names and tags. */
	public DefaultCacheGetObservationConvention() {
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(CacheGetContext context) {
		return KeyValues.of(PotteryObservation.LowCardinalityKeyNames.OUTCOME.withValue(KeyedObservationConvention.outcome(context)),
				PotteryObservation.LowCardinalityKeyNames.CACHE.withValue(context.getKey()));
	}

}
