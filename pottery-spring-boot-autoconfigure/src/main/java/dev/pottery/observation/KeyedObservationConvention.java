package dev.pottery.observation;

import io.micrometer.common.KeyValues;
import io.micrometer.observation.ObservationConvention;

/**
 * The shape every default convention of a keyed, quorum-backed observation shares (holding a lock, waiting for one,
 * NextId calls): low-cardinality {@code pottery.outcome} and {@code pottery.masters}, and, only when asked to, the
 * high-cardinality {@code pottery.key}. Each {@code Default…ObservationConvention} extends it with nothing but its
 * name; extend one of those to add key values.
 *
 * <p>Thread-safe and stateless.
 *
 * @param <C> the context type
 * @since 0.1.0
 */
public abstract class KeyedObservationConvention<C extends PotteryContext> implements ObservationConvention<C> {

	private final boolean includeKeys;

	/**
	 * A convention that records the name as the high-cardinality key value {@code pottery.key} (for traces) when
	 * asked to.
	 * @param includeKeys whether to record names ({@code pottery.observations.include-keys})
	 */
	protected KeyedObservationConvention(boolean includeKeys) {
		this.includeKeys = includeKeys;
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(C context) {
		return this.includeKeys ? KeyValues.of(PotteryObservation.HighCardinalityKeyNames.KEY.withValue(context.getKey()))
				: KeyValues.empty();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(C context) {
		return KeyValues.of(PotteryObservation.LowCardinalityKeyNames.OUTCOME.withValue(outcome(context)),
				PotteryObservation.LowCardinalityKeyNames.MASTERS.withValue(Integer.toString(context.getMasters())));
	}

	/**
	 * The value of {@code pottery.outcome}.
	 * @param context the context
	 * @return the outcome's value, {@code unknown} while the operation runs
	 */
	static String outcome(PotteryContext context) {
		PotteryRecorder.Outcome outcome = context.getOutcome();
		return (outcome != null) ? outcome.value() : "unknown";
	}

}
