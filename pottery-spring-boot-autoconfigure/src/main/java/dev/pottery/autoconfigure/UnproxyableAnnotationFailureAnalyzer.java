package dev.pottery.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports {@code @Synchronized} and {@code @RedisCached} methods that Spring AOP cannot intercept, with the fix.
 */
final class UnproxyableAnnotationFailureAnalyzer extends AbstractFailureAnalyzer<UnproxyableAnnotationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, UnproxyableAnnotationException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"Apply the fix each method's line names (for most: make the method public, not final or static, on a "
						+ "Spring bean, and call it through the bean, not through this); or set "
						+ UnproxyableAnnotationsCheck.FAIL_PROPERTY + "=false to only log warnings.",
				cause);
	}

}
