package dev.pottery.observation;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags of the observation of masters' errors in quorum runs: name {@code pottery.quorum.errors}, low-cardinality {@code pottery.master}; see
 * {@link PotteryObservation#QUORUM_ERROR}.
 *
 * <p>Thread-safe and stateless; extend it to add key values.
 *
 * <pre>{@code
 * KeyValues tags = DefaultQuorumErrorObservationConvention.INSTANCE.getLowCardinalityKeyValues(context);
 * }</pre>
 *
 * @since 0.1.0
 */
public class DefaultQuorumErrorObservationConvention implements QuorumErrorObservationConvention {

	/** The shared instance. */
	public static final DefaultQuorumErrorObservationConvention INSTANCE = new DefaultQuorumErrorObservationConvention();

	/** A convention with the default names and tags. */
	public DefaultQuorumErrorObservationConvention() {
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(QuorumErrorContext context) {
		return KeyValues.of(PotteryObservation.LowCardinalityKeyNames.MASTER.withValue(context.getKey()));
	}

}
