package dev.pottery.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports an invalid {@code pottery.*} property at startup with the property, its value and how to fix it.
 */
final class InvalidPotteryPropertyFailureAnalyzer extends AbstractFailureAnalyzer<InvalidPotteryPropertyException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, InvalidPotteryPropertyException cause) {
		return new FailureAnalysis(cause.getMessage(), "Update property '" + cause.getProperty() + "': "
				+ cause.getAction(), cause);
	}

}
