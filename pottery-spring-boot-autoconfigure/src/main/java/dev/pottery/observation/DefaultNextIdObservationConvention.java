package dev.pottery.observation;

/**
 * The default names and tags of the observation of NextId calls: name {@code pottery.nextid}, the key values of {@link
 * KeyedObservationConvention}; see {@link PotteryObservation#NEXT_ID}.
 *
 * <p>Thread-safe and stateless; extend it to add key values.
 *
 * <pre>{@code
 * KeyValues tags = DefaultNextIdObservationConvention.INSTANCE.getLowCardinalityKeyValues(context);
 * }</pre>
 *
 * @since 0.1.0
 */
public class DefaultNextIdObservationConvention extends KeyedObservationConvention<NextIdContext>
		implements NextIdObservationConvention {

	/** The shared instance (names not recorded). */
	public static final DefaultNextIdObservationConvention INSTANCE = new DefaultNextIdObservationConvention(false);

	/**
	 * A convention that records the name as the high-cardinality key value {@code pottery.key} when asked to.
	 * @param includeKeys whether to record names ({@code pottery.observations.include-keys})
	 */
	public DefaultNextIdObservationConvention(boolean includeKeys) {
		super(includeKeys);
	}

	/** A convention that does not record names. */
	public DefaultNextIdObservationConvention() {
		this(false);
	}

}
