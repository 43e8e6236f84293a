package dev.pottery.observation;

import io.micrometer.common.KeyValues;

/**
 * The default names and tags of the observation of waiting for a Redlock: name {@code pottery.lock.wait}, low-cardinality {@code pottery.outcome}, {@code pottery.masters} and, only when asked to, the high-cardinality {@code pottery.key}; see
 * {@link PotteryObservation#LOCK_WAIT}.
 *
 * <p>Thread-safe and stateless; extend it to add key values.
 *
 * <pre>{@code
 * KeyValues tags = DefaultLockWaitObservationConvention.INSTANCE.getLowCardinalityKeyValues(context);
 * }</pre>
 *
 * @since 0.1.0
 */
public class DefaultLockWaitObservationConvention implements LockWaitObservationConvention {

	/** The shared instance (names not recorded). */
	public static final DefaultLockWaitObservationConvention INSTANCE = new DefaultLockWaitObservationConvention(false);

	private final boolean includeKeys;

	/**
	 * A convention that records the name as the high-cardinality key value {@code pottery.key} (for traces) when
	 * asked to.
	 * @param includeKeys whether to record names ({@code pottery.observations.include-keys})
	 */
	public DefaultLockWaitObservationConvention(boolean includeKeys) {
		this.includeKeys = includeKeys;
	}

	/** A convention that does not record names. */
	public DefaultLockWaitObservationConvention() {
		this(false);
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(LockWaitContext context) {
		return this.includeKeys ? KeyValues.of(PotteryObservation.HighCardinalityKeyNames.KEY.withValue(context.getKey()))
				: KeyValues.empty();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(LockWaitContext context) {
		return KeyValues.of(PotteryObservation.LowCardinalityKeyNames.OUTCOME.withValue(outcome(context)),
				PotteryObservation.LowCardinalityKeyNames.MASTERS.withValue(Integer.toString(context.getMasters())));
	}

	private static String outcome(PotteryContext context) {
		PotteryRecorder.Outcome outcome = context.getOutcome();
		return (outcome != null) ? outcome.value() : "unknown";
	}

}
