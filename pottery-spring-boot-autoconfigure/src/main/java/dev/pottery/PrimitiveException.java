package dev.pottery;

import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Base of the exceptions thrown by the distributed primitives ({@code Redlock}, {@code NextId}), pottery's
 * {@code PrimitiveError}: it carries the key, the masters involved (URLs with passwords masked) and the Redis errors
 * each master answered with.
 *
 * @since 0.1.0
 */
public abstract class PrimitiveException extends PotteryException {

	private static final long serialVersionUID = 1L;

	private final List<String> masters;

	private final Map<String, String> redisErrors;

	/**
	 * Create the exception.
	 * @param key the Redis key of the primitive (for example {@code redlock:printer})
	 * @param message what failed
	 * @param masters the masters involved, as password-masked URLs
	 * @param redisErrors per master (password-masked URL), the error it answered with; empty when none erred
	 * @param cause the first underlying failure, or {@code null}
	 */
	protected PrimitiveException(String key, String message, List<String> masters, Map<String, String> redisErrors,
			@Nullable Throwable cause) {
		super(key, message + describe(masters, redisErrors), cause);
		this.masters = List.copyOf(masters);
		this.redisErrors = Map.copyOf(redisErrors);
	}

	private static String describe(List<String> masters, Map<String, String> redisErrors) {
		StringBuilder text = new StringBuilder(" (masters: ").append(masters);
		if (!redisErrors.isEmpty()) {
			text.append("; errors: ").append(redisErrors);
		}
		return text.append(')').toString();
	}

	/**
	 * The masters involved, as URLs with passwords masked.
	 * @return the masters, in configuration order
	 */
	public List<String> getMasters() {
		return this.masters;
	}

	/**
	 * The Redis errors, per master (password-masked URL).
	 * @return the errors; empty when every master answered
	 */
	public Map<String, String> getRedisErrors() {
		return this.redisErrors;
	}

}
