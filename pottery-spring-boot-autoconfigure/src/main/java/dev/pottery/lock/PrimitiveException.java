package dev.pottery.lock;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pottery.PotteryException;
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

	private final Map<String, String> outcomes;

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
		this(key, message, masters, redisErrors, Map.of(), cause);
	}

	/**
	 * Create the exception with what each master answered.
	 * @param key the Redis key of the primitive (for example {@code redlock:printer})
	 * @param message what failed
	 * @param masters the masters involved, as password-masked URLs
	 * @param redisErrors per master (password-masked URL), the error it answered with; empty when none erred
	 * @param outcomes per master (password-masked URL), what it answered, for example {@code busy},
	 * {@code timeout} or {@code error: RedisConnectionException: ...}; empty when not known
	 * @param cause the first underlying failure, or {@code null}
	 */
	protected PrimitiveException(String key, String message, List<String> masters, Map<String, String> redisErrors,
			Map<String, String> outcomes, @Nullable Throwable cause) {
		super(key, message + describe(masters, redisErrors, outcomes), cause);
		this.masters = List.copyOf(masters);
		this.redisErrors = Collections.unmodifiableMap(new LinkedHashMap<>(redisErrors));
		this.outcomes = Collections.unmodifiableMap(new LinkedHashMap<>(outcomes));
	}

	private static String describe(List<String> masters, Map<String, String> redisErrors,
			Map<String, String> outcomes) {
		if (!outcomes.isEmpty()) {
			return " (masters: " + outcomes + ")";
		}
		StringBuilder text = new StringBuilder(" (masters: ").append(masters);
		if (!redisErrors.isEmpty()) {
			text.append("; errors: ").append(redisErrors);
		}
		return text.append(')').toString();
	}

	/**
	 * What each master answered, by password-masked URL in configuration order: {@code busy} (held by someone else),
	 * {@code timeout}, {@code error: <exception>: <message>}, or the operation's word for success (for example
	 * {@code acquired}).
	 * @return the outcomes; empty when the exception does not come from a round trip to the masters
	 */
	public Map<String, String> getOutcomes() {
		return this.outcomes;
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
