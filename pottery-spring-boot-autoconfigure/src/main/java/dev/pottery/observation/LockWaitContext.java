package dev.pottery.observation;

/**
 * The context of waiting for a Redlock ({@link PotteryObservation#LOCK_WAIT}).
 *
 * <pre>{@code
 * LockWaitContext context = new LockWaitContext("printer", 5);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LockWaitContext extends PotteryContext {

	/**
	 * Create the context.
	 * @param key the name (without its Redis prefix)
	 * @param masters how many masters take part
	 */
	public LockWaitContext(String key, int masters) {
		super(key, masters);
	}

}
