package dev.pottery.autoconfigure;

import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Gives tests in other packages the package-private {@link UnproxyableAnnotationFailureAnalyzer}.
 */
public final class UnproxyableAnnotationFailureAnalyzerAccess {

	/**
	 * Analyse a startup failure.
	 * @param failure the failure
	 * @return the analysis, or {@code null} when it is not about unproxyable annotations
	 */
	public FailureAnalysis analyze(Throwable failure) {
		return new UnproxyableAnnotationFailureAnalyzer().analyze(failure);
	}

}
