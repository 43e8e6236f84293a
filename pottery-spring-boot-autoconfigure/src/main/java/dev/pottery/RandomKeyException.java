package dev.pottery;

/**
 * No free random key {@code pottery:<uuid>} was found after the allowed number of tries (pottery's
 * {@code RandomKeyError}). In practice this means something else writes keys with the {@code pottery:} prefix.
 *
 * @since 0.1.0
 */
public class RandomKeyException extends PotteryException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param tries how many random keys were tried
	 */
	public RandomKeyException(int tries) {
		super(null, "No free random key 'pottery:<uuid>' after " + tries
				+ " tries; something else is writing keys with the 'pottery:' prefix");
	}

}
