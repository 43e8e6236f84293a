package dev.pottery.id;

import java.time.Duration;

import dev.pottery.internal.Quorum;

import org.springframework.util.Assert;

/**
 * How a {@link NextId} or {@link ReactiveNextId} behaves; the defaults are pottery's (wire-format.md §3.2).
 *
 * <pre>{@code
 * NextIdOptions options = NextIdOptions.builder().numTries(5).masterTimeout(Duration.ofMillis(100)).build();
 * NextIdOptions blocks = NextIdOptions.defaults().toBuilder().blockSize(1000).build();
 * }</pre>
 *
 * @param numTries how many tries that fail without progress (masters erring or timing out) one id may take before
 * {@link dev.pottery.lock.QuorumNotAchievedException} (default 3); a try refused only because other generators issued
 * ids in between is retried at once and not counted
 * @param masterTimeout how long each master may take to answer (default 50 ms)
 * @param raiseOnRedisErrors whether a try in which more than half of the masters erred raises
 * {@link dev.pottery.lock.QuorumIsImpossibleException} at once (default {@code false})
 * @param blockSize how many ids one round trip reserves (default 1: every id is agreed on by a majority). Above 1,
 * the generator reserves a block of ids on a majority and hands them out locally: ids stay unique and increase for
 * every caller of one generator, but ids of different generators are no longer ordered by time (a generator still
 * working through an old block issues ids lower than another's newer ones), and the unused rest of a block is lost
 * when its generator is dropped
 * @since 0.1.0
 */
public record NextIdOptions(int numTries, Duration masterTimeout, boolean raiseOnRedisErrors, int blockSize) {

	private static final NextIdOptions DEFAULTS = builder().build();

	/**
	 * Check the settings.
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	public NextIdOptions {
		Assert.isTrue(numTries >= 1, "'numTries' must be at least 1");
		Assert.notNull(masterTimeout, "'masterTimeout' must not be null");
		Assert.isTrue(!masterTimeout.isNegative() && !masterTimeout.isZero(), "'masterTimeout' must be positive");
		Assert.isTrue(blockSize >= 1, "'blockSize' must be at least 1");
	}

	/**
	 * pottery's defaults: 3 tries, 50 ms per master, no raise on Redis errors, one id per round trip.
	 * @return the default options
	 */
	public static NextIdOptions defaults() {
		return DEFAULTS;
	}

	/**
	 * A builder starting from pottery's defaults.
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
		return new Builder().numTries(this.numTries)
			.masterTimeout(this.masterTimeout)
			.raiseOnRedisErrors(this.raiseOnRedisErrors)
			.blockSize(this.blockSize);
	}

	/**
	 * Builds {@link NextIdOptions}; not thread-safe.
	 */
	public static final class Builder {

		private int numTries = 3;

		private Duration masterTimeout = Quorum.DEFAULT_TIMEOUT;

		private boolean raiseOnRedisErrors;

		private int blockSize = 1;

		private Builder() {
		}

		/**
		 * Set how many tries without progress one id may take.
		 * @param numTries at least 1
		 * @return this builder
		 */
		public Builder numTries(int numTries) {
			this.numTries = numTries;
			return this;
		}

		/**
		 * Set how long each master may take to answer.
		 * @param masterTimeout a positive duration
		 * @return this builder
		 */
		public Builder masterTimeout(Duration masterTimeout) {
			this.masterTimeout = masterTimeout;
			return this;
		}

		/**
		 * Set whether a try in which more than half of the masters erred raises at once.
		 * @param raiseOnRedisErrors {@code true} to raise
		 * @return this builder
		 */
		public Builder raiseOnRedisErrors(boolean raiseOnRedisErrors) {
			this.raiseOnRedisErrors = raiseOnRedisErrors;
			return this;
		}

		/**
		 * Set how many ids one round trip reserves.
		 * @param blockSize 1 or more
		 * @return this builder
		 */
		public Builder blockSize(int blockSize) {
			this.blockSize = blockSize;
			return this;
		}

		/**
		 * Build the options.
		 * @return the options
		 * @throws IllegalArgumentException if a setting is out of range
		 */
		public NextIdOptions build() {
			return new NextIdOptions(this.numTries, this.masterTimeout, this.raiseOnRedisErrors, this.blockSize);
		}

	}

}
