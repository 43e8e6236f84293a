package dev.pottery.autoconfigure;

/**
 * A {@code @Synchronized} method cannot work as annotated; {@link InvalidSynchronizedFailureAnalyzer} reports it.
 */
final class InvalidSynchronizedException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	InvalidSynchronizedException(String method, Throwable cause) {
		super("@Synchronized on " + method + " cannot work: " + cause.getMessage(), cause);
	}

}
