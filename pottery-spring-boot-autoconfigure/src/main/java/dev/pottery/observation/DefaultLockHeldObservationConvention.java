package dev.pottery.observation;

/**
 * The default names and tags of the observation of holding a Redlock: name {@code pottery.lock.held}, the key values
 * of {@link KeyedObservationConvention}; see {@link PotteryObservation#LOCK_HELD}.
 *
 * <p>Thread-safe and stateless; extend it to add key values.
 *
 * <pre>{@code
 * KeyValues tags = DefaultLockHeldObservationConvention.INSTANCE.getLowCardinalityKeyValues(context);
 * }</pre>
 *
 * @since 0.1.0
 */
public class DefaultLockHeldObservationConvention extends KeyedObservationConvention<LockHeldContext>
		implements LockHeldObservationConvention {

	/** The shared instance (names not recorded). */
	public static final DefaultLockHeldObservationConvention INSTANCE = new DefaultLockHeldObservationConvention(false);

	/**
	 * A convention that records the name as the high-cardinality key value {@code pottery.key} when asked to.
	 * @param includeKeys whether to record names ({@code pottery.observations.include-keys})
	 */
	public DefaultLockHeldObservationConvention(boolean includeKeys) {
		super(includeKeys);
	}

	/** A convention that does not record names. */
	public DefaultLockHeldObservationConvention() {
		this(false);
	}

}
