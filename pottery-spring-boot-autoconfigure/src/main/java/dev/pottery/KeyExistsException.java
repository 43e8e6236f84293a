package dev.pottery;

/**
 * A structure was created <em>with initial contents</em> on a Redis key that already exists (pottery's
 * {@code KeyExistsError}). Nothing was written.
 *
 * <p>Open the existing key without initial contents, or choose another key, or clear the existing one first.
 *
 * @since 0.1.0
 */
public class KeyExistsException extends PotteryException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception for the given key.
	 * @param key the key that already exists
	 */
	public KeyExistsException(String key) {
		super(key, "Redis key '" + key + "' already exists; a structure with initial contents needs a new key "
				+ "(open it without initial contents to use the existing data)");
	}

}
