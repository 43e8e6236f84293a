package dev.pottery.lock;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.pottery.internal.Quorum;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * How a {@link Redlock} or {@link ReactiveRedlock} behaves; the defaults are pottery's (wire-format.md §3.1).
 *
 * <p>Immutable; build with {@link #builder()} or start from {@link #defaults()} and change one setting with
 * {@link #toBuilder()}.
 *
 * <pre>{@code
 * RedlockOptions options = RedlockOptions.builder()
 *         .autoReleaseTime(Duration.ofSeconds(30))
 *         .fencing(true)
 *         .build();
 * }</pre>
 *
 * @param autoReleaseTime the lease: how long the lock lives in Redis unless extended or released (default 10 s;
 * the TTL sent is its whole milliseconds, truncated)
 * @param numExtensions how often {@code extend()} may be called per acquisition (default 3)
 * @param acquireBlocking whether {@code acquire()} waits for the lock (default {@code true}) or makes one
 * attempt; pottery's {@code context_manager_blocking}
 * @param acquireTimeout how long {@code acquire()} waits when blocking; {@code null} (the default) waits
 * forever, like pottery's {@code -1}; pottery's {@code context_manager_timeout}
 * @param raiseOnRedisErrors whether an attempt in which more than half of the masters erred or timed out raises
 * {@link dev.pottery.lock.QuorumIsImpossibleException} instead of counting as "not acquired" (default {@code false})
 * @param retryDelay the upper bound of the random pause between blocking attempts, drawn uniformly from 0 to it
 * (default 200 ms)
 * @param masterTimeout how long each master may take to answer one command (default 50 ms)
 * @param clockDriftFactor the share of the lease assumed lost to clock drift; the drift is
 * {@code autoReleaseTime * factor + 2 ms} (default 0.01)
 * @param fencing whether each acquisition also produces a fencing token (one more parallel round trip; default
 * {@code false})
 * @param watchdog whether a held lock is extended automatically at a third of its lease until released (default
 * {@code false}); watchdog extensions do not count against {@code numExtensions}
 * @since 0.1.0
 */
public record RedlockOptions(Duration autoReleaseTime, int numExtensions, boolean acquireBlocking,
		@Nullable Duration acquireTimeout, boolean raiseOnRedisErrors, Duration retryDelay, Duration masterTimeout,
		double clockDriftFactor, boolean fencing, boolean watchdog) {

	private static final RedlockOptions DEFAULTS = builder().build();

	/**
	 * Check the settings.
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	public RedlockOptions {
		Assert.notNull(autoReleaseTime, "'autoReleaseTime' must not be null");
		Assert.isTrue(autoReleaseTime.toMillis() >= 1, "'autoReleaseTime' must be at least 1 ms");
		Assert.isTrue(numExtensions >= 0, "'numExtensions' must not be negative");
		Assert.isTrue(acquireTimeout == null || !acquireTimeout.isNegative(),
				"'acquireTimeout' must not be negative (use null to wait forever)");
		Assert.isTrue(acquireBlocking || acquireTimeout == null,
				"'acquireTimeout' can only be set when 'acquireBlocking' is true");
		Assert.notNull(retryDelay, "'retryDelay' must not be null");
		Assert.isTrue(!retryDelay.isNegative(), "'retryDelay' must not be negative");
		Assert.notNull(masterTimeout, "'masterTimeout' must not be null");
		Assert.isTrue(!masterTimeout.isNegative() && !masterTimeout.isZero(), "'masterTimeout' must be positive");
		Assert.isTrue(clockDriftFactor >= 0 && clockDriftFactor < 1, "'clockDriftFactor' must be in [0, 1)");
		long driftNanos = (long) (autoReleaseTime.toNanos() * clockDriftFactor) + 2_000_000L;
		if (TimeUnit.MILLISECONDS.toNanos(autoReleaseTime.toMillis()) - driftNanos <= 0) {
			long minimum = (long) Math.floor(2 / (1 - clockDriftFactor)) + 1;
			throw new IllegalArgumentException("'autoReleaseTime' of " + autoReleaseTime.toMillis() + " ms leaves no "
					+ "validity after the clock drift allowance (autoReleaseTime x clockDriftFactor + 2 ms = "
					+ String.format(java.util.Locale.ROOT, "%.2f", driftNanos / 1e6) + " ms), so the lock could never "
					+ "be acquired; use at least " + minimum + " ms (in practice at least 100 ms: the lease must also "
					+ "cover a round trip to the masters)");
		}
	}

	/**
	 * pottery's defaults.
	 * @return the default options
	 */
	public static RedlockOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * A builder starting from the defaults.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * A builder starting from these options.
	 * @return a new builder
	 */
	public Builder toBuilder() {
		return new Builder().autoReleaseTime(this.autoReleaseTime)
			.numExtensions(this.numExtensions)
			.acquireBlocking(this.acquireBlocking)
			.acquireTimeout(this.acquireTimeout)
			.raiseOnRedisErrors(this.raiseOnRedisErrors)
			.retryDelay(this.retryDelay)
			.masterTimeout(this.masterTimeout)
			.clockDriftFactor(this.clockDriftFactor)
			.fencing(this.fencing)
			.watchdog(this.watchdog);
	}

	/** The lease in whole milliseconds, as sent with {@code PX}. */
	long ttlMillis() {
		return this.autoReleaseTime.toMillis();
	}

	/** The clock drift allowance in nanoseconds: {@code autoReleaseTime * factor + 2 ms}. */
	long driftNanos() {
		return (long) (this.autoReleaseTime.toNanos() * this.clockDriftFactor) + 2_000_000L;
	}

	/**
	 * Builds {@link RedlockOptions}; not thread-safe.
	 */
	public static final class Builder {

		private Duration autoReleaseTime = Duration.ofSeconds(10);

		private int numExtensions = 3;

		private boolean acquireBlocking = true;

		private @Nullable Duration acquireTimeout;

		private boolean raiseOnRedisErrors;

		private Duration retryDelay = Duration.ofMillis(200);

		private Duration masterTimeout = Quorum.DEFAULT_TIMEOUT;

		private double clockDriftFactor = 0.01;

		private boolean fencing;

		private boolean watchdog;

		private Builder() {
		}

		/**
		 * Set the lease.
		 * @param autoReleaseTime at least 1 ms
		 * @return this builder
		 */
		public Builder autoReleaseTime(Duration autoReleaseTime) {
			this.autoReleaseTime = autoReleaseTime;
			return this;
		}

		/**
		 * Set how often {@code extend()} may be called per acquisition.
		 * @param numExtensions zero or more
		 * @return this builder
		 */
		public Builder numExtensions(int numExtensions) {
			this.numExtensions = numExtensions;
			return this;
		}

		/**
		 * Set whether {@code acquire()} waits for the lock.
		 * @param acquireBlocking {@code false} for one attempt
		 * @return this builder
		 */
		public Builder acquireBlocking(boolean acquireBlocking) {
			this.acquireBlocking = acquireBlocking;
			return this;
		}

		/**
		 * Set how long {@code acquire()} waits.
		 * @param acquireTimeout the time, or {@code null} to wait forever
		 * @return this builder
		 */
		public Builder acquireTimeout(@Nullable Duration acquireTimeout) {
			this.acquireTimeout = acquireTimeout;
			return this;
		}

		/**
		 * Set whether too many Redis errors raise {@link dev.pottery.lock.QuorumIsImpossibleException}.
		 * @param raiseOnRedisErrors {@code true} to raise
		 * @return this builder
		 */
		public Builder raiseOnRedisErrors(boolean raiseOnRedisErrors) {
			this.raiseOnRedisErrors = raiseOnRedisErrors;
			return this;
		}

		/**
		 * Set the upper bound of the random pause between attempts.
		 * @param retryDelay zero or more
		 * @return this builder
		 */
		public Builder retryDelay(Duration retryDelay) {
			this.retryDelay = retryDelay;
			return this;
		}

		/**
		 * Set how long each master may take to answer.
		 * @param masterTimeout a positive time
		 * @return this builder
		 */
		public Builder masterTimeout(Duration masterTimeout) {
			this.masterTimeout = masterTimeout;
			return this;
		}

		/**
		 * Set the clock drift factor.
		 * @param clockDriftFactor from 0 (inclusive) to 1 (exclusive)
		 * @return this builder
		 */
		public Builder clockDriftFactor(double clockDriftFactor) {
			this.clockDriftFactor = clockDriftFactor;
			return this;
		}

		/**
		 * Set whether acquisitions produce fencing tokens.
		 * @param fencing {@code true} to produce them
		 * @return this builder
		 */
		public Builder fencing(boolean fencing) {
			this.fencing = fencing;
			return this;
		}

		/**
		 * Set whether a watchdog extends held locks.
		 * @param watchdog {@code true} to extend automatically
		 * @return this builder
		 */
		public Builder watchdog(boolean watchdog) {
			this.watchdog = watchdog;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws IllegalArgumentException if a setting is out of range
		 */
		public RedlockOptions build() {
			return new RedlockOptions(this.autoReleaseTime, this.numExtensions, this.acquireBlocking,
					this.acquireTimeout, this.raiseOnRedisErrors, this.retryDelay, this.masterTimeout,
					this.clockDriftFactor, this.fencing, this.watchdog);
		}

	}

}
