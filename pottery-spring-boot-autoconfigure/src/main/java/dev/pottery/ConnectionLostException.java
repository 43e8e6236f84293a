package dev.pottery;

import org.jspecify.annotations.Nullable;

/**
 * A structure's operation got no reply from Redis: the connection was lost or the command timed out after it was
 * sent. The operation <b>may have been applied</b> (Redis may have run it before the reply was lost), but it was
 * applied at most once: Pottery's own connections never re-send an unanswered command after reconnecting (see
 * {@code dev.pottery.internal.PotteryConnection}). Check the state before retrying a non-idempotent operation.
 *
 * @since 0.1.0
 */
public class ConnectionLostException extends PotteryException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param key the structure's key
	 * @param structure the structure, for example {@code RedisCounter}
	 * @param cause the failure reported by the driver
	 */
	public ConnectionLostException(String key, String structure, @Nullable Throwable cause) {
		super(key, structure + " '" + key + "': no reply from Redis (the connection was lost or the command timed out"
				+ " after it was sent); the operation may have been applied, at most once (it was not re-sent). Check "
				+ "the state before retrying: " + ((cause != null) ? cause.getMessage() : "no details"), cause);
	}

	/**
	 * Whether the operation may have been applied: always {@code true}.
	 * @return {@code true}
	 */
	public boolean mayHaveBeenApplied() {
		return true;
	}

}
