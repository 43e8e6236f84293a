package dev.pottery.lock;

import java.util.List;
import java.util.Map;

import dev.pottery.Pottery;
import org.jspecify.annotations.Nullable;

/**
 * Too many masters answered with Redis errors for a majority to be possible (only raised when {@code raiseOnRedisErrors} is set). Pottery's {@code QuorumIsImpossible}.
 *
 * @since 0.1.0
 */
public class QuorumIsImpossibleException extends PrimitiveException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param key the Redis key of the primitive
	 * @param message what failed
	 * @param masters the masters involved, as password-masked URLs
	 * @param redisErrors per master, the error it answered with; empty when none erred
	 * @param cause the first underlying failure, or {@code null}
	 */
	public QuorumIsImpossibleException(String key, String message, List<String> masters, Map<String, String> redisErrors,
			@Nullable Throwable cause) {
		super(key, message, masters, redisErrors, cause);
	}

	/**
	 * Create the exception with what each master answered.
	 * @param key the Redis key of the primitive
	 * @param message what failed
	 * @param masters the masters involved, as password-masked URLs
	 * @param redisErrors per master, the error it answered with; empty when none erred
	 * @param outcomes per master, what it answered (see {@link #getOutcomes()})
	 * @param cause the first underlying failure, or {@code null}
	 */
	public QuorumIsImpossibleException(String key, String message, List<String> masters, Map<String, String> redisErrors,
			Map<String, String> outcomes, @Nullable Throwable cause) {
		super(key, message, masters, redisErrors, outcomes, cause);
	}

}
