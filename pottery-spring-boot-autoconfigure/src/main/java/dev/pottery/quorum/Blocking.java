package dev.pottery.quorum;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

/**
 * How the blocking primitives ({@code Redlock}, {@code NextId}) wait for their reactive cores. Internal: public only
 * because those live in other packages.
 */
public final class Blocking {

	private Blocking() {
	}

	/**
	 * Wait for a Mono, deferring interrupts until it is done (so clean-up such as a release is never cut short).
	 * @param <T> the value type
	 * @param mono what to wait for
	 * @return its value, or {@code null} when it completes empty
	 */
	public static <T> @Nullable T await(Mono<T> mono) {
		CompletableFuture<T> future = mono.toFuture();
		boolean interrupted = false;
		try {
			while (true) {
				try {
					return future.get();
				}
				catch (InterruptedException ex) {
					interrupted = true;
				}
				catch (ExecutionException ex) {
					throw rethrow(ex);
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Wait for a Mono; on interrupt, cancel it (its clean-up runs) and throw.
	 * @param <T> the value type
	 * @param mono what to wait for
	 * @return its value, or {@code null} when it completes empty
	 * @throws InterruptedException if the thread is interrupted before or while waiting
	 */
	public static <T> @Nullable T awaitInterruptibly(Mono<T> mono) throws InterruptedException {
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
		CompletableFuture<T> future = mono.toFuture();
		try {
			return future.get();
		}
		catch (InterruptedException ex) {
			future.cancel(true);
			throw ex;
		}
		catch (ExecutionException ex) {
			throw rethrow(ex);
		}
	}

	private static RuntimeException rethrow(ExecutionException ex) {
		Throwable cause = ex.getCause();
		if (cause instanceof RuntimeException runtime) {
			return runtime;
		}
		if (cause instanceof Error error) {
			throw error;
		}
		return new IllegalStateException(cause);
	}

}
