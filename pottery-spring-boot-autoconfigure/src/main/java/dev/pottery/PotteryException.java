package dev.pottery;

import org.jspecify.annotations.Nullable;

/**
 * Base of every exception Pottery for Spring throws (unchecked), the Java form of pottery's {@code PotteryError} and
 * {@code PrimitiveError}.
 *
 * <p>Where the failure concerns one Redis key, {@link #getKey()} names it, so a log line says which structure
 * failed. Redis' own failures reach the caller as Spring's {@code DataAccessException}s; Pottery wraps them only
 * where it can add what the caller needs to act (the key, the masters, the fix).
 *
 * @since 0.1.0
 */
public class PotteryException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final @Nullable String key;

	/**
	 * Create an exception about the given Redis key.
	 * @param key the Redis key concerned, or {@code null} when none is
	 * @param message what went wrong and, where possible, how to fix it
	 */
	public PotteryException(@Nullable String key, String message) {
		super(message); // leaves the cause uninitialised, so that initCause works
		this.key = key;
	}

	/**
	 * Create an exception about the given Redis key, with its cause.
	 * @param key the Redis key concerned, or {@code null} when none is
	 * @param message what went wrong and, where possible, how to fix it
	 * @param cause the underlying failure, or {@code null}
	 */
	public PotteryException(@Nullable String key, String message, @Nullable Throwable cause) {
		super(message, cause);
		this.key = key;
	}

	/**
	 * The Redis key this exception is about.
	 * @return the key, or {@code null} when the failure concerns no single key
	 */
	public @Nullable String getKey() {
		return this.key;
	}

}
