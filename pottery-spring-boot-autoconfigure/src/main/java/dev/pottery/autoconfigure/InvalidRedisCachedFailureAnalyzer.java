package dev.pottery.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a {@code @RedisCached} method whose attributes cannot work, found at startup.
 */
final class InvalidRedisCachedFailureAnalyzer extends AbstractFailureAnalyzer<InvalidRedisCachedException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidRedisCachedException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Correct the @RedisCached attributes: timeout as a duration such as 10m, 30s, 0 or PT1H (empty for "
						+ "pottery.cache.default-timeout), condition and unless as valid SpEL expressions.",
				cause);
	}

}
