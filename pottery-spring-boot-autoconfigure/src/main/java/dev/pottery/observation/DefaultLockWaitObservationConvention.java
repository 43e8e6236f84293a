package dev.pottery.observation;

/**
 * The default names and tags of the observation of waiting for a Redlock: name {@code pottery.lock.wait}, the key
 * values of {@link KeyedObservationConvention}; see {@link PotteryObservation#LOCK_WAIT}.
 *
 * <p>Thread-safe and stateless; extend it to add key values.
 *
 * <pre>{@code
 * KeyValues tags = DefaultLockWaitObservationConvention.INSTANCE.getLowCardinalityKeyValues(context);
 * }</pre>
 *
 * @since 0.1.0
 */
public class DefaultLockWaitObservationConvention extends KeyedObservationConvention<LockWaitContext>
		implements LockWaitObservationConvention {

	/** The shared instance (names not recorded). */
	public static final DefaultLockWaitObservationConvention INSTANCE = new DefaultLockWaitObservationConvention(false);

	/**
	 * A convention that records the name as the high-cardinality key value {@code pottery.key} when asked to.
	 * @param includeKeys whether to record names ({@code pottery.observations.include-keys})
	 */
	public DefaultLockWaitObservationConvention(boolean includeKeys) {
		super(includeKeys);
	}

	/** A convention that does not record names. */
	public DefaultLockWaitObservationConvention() {
		this(false);
	}

}
