package dev.pottery.embedded;

import dev.pottery.PotteryException;
import org.jspecify.annotations.Nullable;

/**
 * An embedded {@code redis-server} could not be found, extracted, started or controlled. The message says what to
 * do: point at another binary with {@code -Dpottery.embedded.redis-server=/path/to/redis-server} or use an
 * external Redis.
 *
 * @since 0.1.0
 */
public class EmbeddedRedisException extends PotteryException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what failed and how to fix it
	 */
	public EmbeddedRedisException(String message) {
		this(message, null);
	}

	/**
	 * Create the exception with its cause.
	 * @param message what failed and how to fix it
	 * @param cause the underlying failure, or {@code null}
	 */
	public EmbeddedRedisException(String message, @Nullable Throwable cause) {
		super(null, message, cause);
	}

}
