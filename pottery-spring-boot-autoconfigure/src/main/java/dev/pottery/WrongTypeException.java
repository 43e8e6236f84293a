package dev.pottery;

import org.jspecify.annotations.Nullable;

/**
 * A Redis key holds another type than the structure opened on it needs, for example a string where a
 * {@code RedisMap} needs a hash. Nothing was written; the existing value is untouched.
 *
 * <p>Use another key, or delete the existing one if it is stale.
 *
 * @since 0.1.0
 */
public class WrongTypeException extends PotteryException {

	private static final long serialVersionUID = 1L;

	private final String actualType;

	private final String expectedType;

	/**
	 * Create the exception.
	 * @param key the key
	 * @param actualType the Redis type the key holds ({@code string}, {@code list}, {@code set}, {@code zset},
	 * {@code hash}, {@code stream})
	 * @param expectedType the Redis type the structure needs
	 * @param structure the structure that needs it, for example {@code RedisMap}
	 */
	public WrongTypeException(String key, String actualType, String expectedType, String structure) {
		this(key, actualType, expectedType, structure, null);
	}

	/**
	 * Create the exception with the Redis error that revealed it.
	 * @param key the key
	 * @param actualType the Redis type the key holds
	 * @param expectedType the Redis type the structure needs
	 * @param structure the structure that needs it, for example {@code RedisMap}
	 * @param cause the {@code WRONGTYPE} error, or {@code null}
	 */
	public WrongTypeException(String key, String actualType, String expectedType, String structure,
			@Nullable Throwable cause) {
		super(key, "Redis key '" + key + "' holds a " + actualType + ", but " + structure + " needs a " + expectedType
				+ "; use another key, or delete this one if its data is stale", cause);
		this.actualType = actualType;
		this.expectedType = expectedType;
	}

	/**
	 * The Redis type the key holds.
	 * @return for example {@code string}
	 */
	public String getActualType() {
		return this.actualType;
	}

	/**
	 * The Redis type the structure needs.
	 * @return for example {@code hash}
	 */
	public String getExpectedType() {
		return this.expectedType;
	}

}
