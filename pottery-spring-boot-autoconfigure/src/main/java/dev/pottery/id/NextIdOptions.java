package dev.pottery.id;

import java.time.Duration;

import dev.pottery.quorum.Quorum;

import org.springframework.util.Assert;

/**
 * How a {@link NextId} or {@link ReactiveNextId} behaves; the defaults are pottery's (wire-format.md §3.2).
 *
 * <pre>{@code
 * NextIdOptions options = new NextIdOptions(5, Duration.ofMillis(100), false);
 * }</pre>
 *
 * @param numTries how many tries that fail without progress (masters erring or timing out) one id may take before
 * {@link dev.pottery.QuorumNotAchievedException} (default 3); a try refused only because other generators issued
 * ids in between is retried at once and not counted
 * @param masterTimeout how long each master may take to answer (default 50 ms)
 * @param raiseOnRedisErrors whether a try in which more than half of the masters erred raises
 * {@link dev.pottery.QuorumIsImpossibleException} at once (default {@code false})
 * @since 0.1.0
 */
public record NextIdOptions(int numTries, Duration masterTimeout, boolean raiseOnRedisErrors) {

	private static final NextIdOptions DEFAULTS = new NextIdOptions(3, Quorum.DEFAULT_TIMEOUT, false);

	/**
	 * Check the settings.
	 * @throws IllegalArgumentException if a setting is out of range
	 */
	public NextIdOptions {
		Assert.isTrue(numTries >= 1, "'numTries' must be at least 1");
		Assert.notNull(masterTimeout, "'masterTimeout' must not be null");
		Assert.isTrue(!masterTimeout.isNegative() && !masterTimeout.isZero(), "'masterTimeout' must be positive");
	}

	/**
	 * pottery's defaults: 3 tries, 50 ms per master, no raise on Redis errors.
	 * @return the default options
	 */
	public static NextIdOptions defaults() {
		return DEFAULTS;
	}

}
