package dev.pottery.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@code @Synchronized} method whose attributes cannot work, found at startup.
 */
final class InvalidSynchronizedFailureAnalyzer extends AbstractFailureAnalyzer<InvalidSynchronizedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidSynchronizedException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Correct the @Synchronized attributes: autoReleaseTime and timeout as durations such as 30s, 500ms or "
						+ "PT1M (autoReleaseTime at least 1 ms), masters naming a group configured under "
						+ "pottery.redlock.groups.<name> (or empty for pottery.redlock.masters), and key as a name or a "
						+ "valid SpEL expression.",
				cause);
	}

}
