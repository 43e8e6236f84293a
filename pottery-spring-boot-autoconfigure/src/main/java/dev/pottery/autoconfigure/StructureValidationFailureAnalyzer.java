package dev.pottery.autoconfigure;

import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Reports a structure that failed its startup check ({@code pottery.validate-on-startup=true}): what failed and the
 * usual fixes.
 */
final class StructureValidationFailureAnalyzer extends AbstractFailureAnalyzer<StructureValidationException> {

	@Override
	protected FailureAnalysis analyze(Throwable rootFailure, StructureValidationException cause) {
		return new FailureAnalysis(cause.getMessage(),
				"If Redis is unreachable or refuses the credentials, correct spring.data.redis.* (url, host, port, "
						+ "username, password) or start Redis; if the key holds other data or a Bloom filter of "
						+ "another size, change " + StructureBeans.PREFIX + cause.getName() + ".key or its parameters; "
						+ "or set pottery.validate-on-startup=false to start anyway and fail on first use.",
				cause);
	}

}
