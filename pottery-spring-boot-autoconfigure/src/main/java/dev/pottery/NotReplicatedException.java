package dev.pottery;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * A write that the primary applied was not confirmed by as many replicas as the structure's durability level asks
 * for ({@code pottery.durability.replicas}, or {@code Durability.replicas(n, timeout)}) within its timeout. The write
 * <b>was applied on the primary, once</b>, but Redis replication is asynchronous: if the primary fails over before
 * a replica has it, the write is lost. Check the replicas ({@code INFO replication} on the primary), then decide
 * whether to write again (an idempotent write) or to check the state first.
 *
 * @since 0.1.0
 */
public class NotReplicatedException extends PotteryException {

	private static final long serialVersionUID = 1L;

	private final int required;

	private final int confirmed;

	/**
	 * Create the exception.
	 * @param key the structure's key
	 * @param structure the structure, for example {@code RedisMap}
	 * @param required how many replicas had to confirm the write
	 * @param confirmed how many did within the timeout ({@code -1} if the wait itself failed)
	 * @param timeout how long Pottery waited
	 * @param cause why the wait failed, or {@code null} if it ended with too few replicas
	 */
	public NotReplicatedException(String key, String structure, int required, int confirmed, Duration timeout,
			@Nullable Throwable cause) {
		super(key, message(key, structure, required, confirmed, timeout, cause), cause);
		this.required = required;
		this.confirmed = confirmed;
	}

	private static String message(String key, String structure, int required, int confirmed, Duration timeout,
			@Nullable Throwable cause) {
		String replicas = required + ((required == 1) ? " replica" : " replicas");
		String outcome = (confirmed >= 0) ? confirmed + " confirmed within " + timeout.toMillis() + " ms"
				: "waiting for them failed: " + ((cause != null) ? cause.getMessage() : "no details");
		return structure + " '" + key + "': written to the primary, not confirmed by " + replicas + " (" + outcome
				+ "): may be lost on failover. Check the replicas (INFO replication on the primary), raise "
				+ "pottery.durability.timeout, or lower pottery.durability.replicas";
	}

	/**
	 * How many replicas had to confirm the write.
	 * @return the durability level
	 */
	public int getRequired() {
		return this.required;
	}

	/**
	 * How many replicas confirmed the write within the timeout.
	 * @return the count, or {@code -1} if waiting for the replicas failed (for example the connection was lost)
	 */
	public int getConfirmed() {
		return this.confirmed;
	}

	/**
	 * Whether the write was applied: always {@code true} (on the primary, once; it may be lost on failover).
	 * @return {@code true}
	 */
	public boolean wasApplied() {
		return true;
	}

}
