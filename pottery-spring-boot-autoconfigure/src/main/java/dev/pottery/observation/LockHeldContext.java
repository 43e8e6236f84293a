package dev.pottery.observation;

/**
 * The context of holding a Redlock ({@link PotteryObservation#LOCK_HELD}).
 *
 * <pre>{@code
 * LockHeldContext context = new LockHeldContext("printer", 5);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LockHeldContext extends PotteryContext {

	/**
	 * Create the context.
	 * @param key the name (without its Redis prefix)
	 * @param masters how many masters take part
	 */
	public LockHeldContext(String key, int masters) {
		super(key, masters);
	}

}
