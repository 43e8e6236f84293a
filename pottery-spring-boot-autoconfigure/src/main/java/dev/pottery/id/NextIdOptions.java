package dev.pottery.id;

import java.time.Duration;

import dev.pottery.internal.Quorum;

import org.springframework.util.Assert;

/**
 * How a {@link NextId} or {@link ReactiveNextId} behaves; the defaults are pottery's (wire-format.md §3.2).
 *
 * <pre>{@code
 * NextIdOptions options = new NextIdOptions(5, Duration.ofMillis(100), false);
 * NextIdOptions blocks = NextIdOptions.defaults().withBlockSize(1000);
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

	private static final NextIdOptions DEFAULTS = new NextIdOptions(3, Quorum.DEFAULT_TIMEOUT, false);

	/**
	 * Options without block reservation (a block size of 1).
	 * @param numTries how many tries without progress one id may take
	 * @param masterTimeout how long each master may take to answer
	 * @param raiseOnRedisErrors whether too many Redis errors raise at once
	 */
	public NextIdOptions(int numTries, Duration masterTimeout, boolean raiseOnRedisErrors) {
		this(numTries, masterTimeout, raiseOnRedisErrors, 1);
	}

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
	 * These options with another block size.
	 * @param blockSize how many ids one round trip reserves, 1 or more
	 * @return new options
	 */
	public NextIdOptions withBlockSize(int blockSize) {
		return new NextIdOptions(this.numTries, this.masterTimeout, this.raiseOnRedisErrors, blockSize);
	}

	/**
	 * pottery's defaults: 3 tries, 50 ms per master, no raise on Redis errors.
	 * @return the default options
	 */
	public static NextIdOptions defaults() {
		return DEFAULTS;
	}

}
