package dev.pottery.autoconfigure;

/**
 * A {@code @RedisCached} method cannot work as annotated; {@link InvalidRedisCachedFailureAnalyzer} reports it.
 */
final class InvalidRedisCachedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	InvalidRedisCachedException(Throwable cause) {
		super(cause.getMessage(), cause);
	}

}
