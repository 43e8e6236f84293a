package dev.pottery;

import org.jspecify.annotations.Nullable;

/**
 * A value could not be encoded to pottery's canonical JSON, or bytes read from Redis could not be decoded into the
 * requested type (pottery raises {@code TypeError} and {@code JSONDecodeError} for these).
 *
 * <p>Encoding failures happen before anything is written, so no data is lost. Decoding failures name the key and
 * show a short excerpt of the offending bytes.
 *
 * @since 0.1.0
 */
public class EncodingException extends PotteryException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param key the Redis key concerned, or {@code null} when none is known
	 * @param message what could not be encoded or decoded, and why
	 * @param cause the underlying failure, or {@code null}
	 */
	public EncodingException(@Nullable String key, String message, @Nullable Throwable cause) {
		super(key, message, cause);
	}

}
