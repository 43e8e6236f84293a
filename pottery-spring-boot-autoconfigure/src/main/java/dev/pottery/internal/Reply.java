package dev.pottery.internal;

import org.jspecify.annotations.Nullable;

/**
 * What one master answered in a {@link Quorum} run, as far as known when the run was decided.
 *
 * @param <T> the reply type
 * @param master the master
 * @param status how the master answered
 * @param value the reply, when it answered ({@link Status#AGREED} or {@link Status#DISAGREED})
 * @param error the Redis or connection error, or the timeout, when it failed
 * @since 0.1.0
 */
public record Reply<T>(Master master, Status status, @Nullable T value, @Nullable Throwable error) {

	/**
	 * Whether the master counted towards the quorum.
	 * @return {@code true} for {@link Status#AGREED}
	 */
	public boolean agreed() {
		return this.status == Status.AGREED;
	}

	/**
	 * Whether the master erred or did not answer in time, pottery's "Redis error".
	 * @return {@code true} for {@link Status#FAILED} and {@link Status#TIMED_OUT}
	 */
	public boolean erred() {
		return this.status == Status.FAILED || this.status == Status.TIMED_OUT;
	}

	/**
	 * How a master answered.
	 */
	public enum Status {

		/** It answered and the reply counts towards the quorum. */
		AGREED,

		/** It answered, but not as needed (for example: the lock is held by someone else). */
		DISAGREED,

		/** It answered with a Redis error, or the connection failed. */
		FAILED,

		/** It did not answer within the per-master timeout. */
		TIMED_OUT,

		/** The run was decided before this master answered. */
		PENDING

	}

}
