package dev.pottery.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import io.netty.util.concurrent.FastThreadLocalThread;
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
		requireBlockingAllowed();
		return awaitFuture(mono.toFuture());
	}

	/**
	 * Start an operation and wait for its future, deferring interrupts until it is done, as {@link #await(Mono)}
	 * does. It is started only after the thread was found allowed to block, so a refused call has no effect.
	 * @param <T> the value type
	 * @param start starts the operation
	 * @return its value
	 */
	public static <T> @Nullable T awaitStarted(Supplier<CompletableFuture<T>> start) {
		requireBlockingAllowed();
		return awaitFuture(start.get());
	}

	private static <T> @Nullable T awaitFuture(CompletableFuture<T> future) {
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

	/**
	 * Wait for a Mono that must never be cut short, such as a lock acquisition, unless interrupted. It is never
	 * cancelled: on interrupt, {@code stop} asks it to end soon by itself and the caller gets an
	 * {@link InterruptedException}; a value it still produces afterwards goes to {@code orphan}, which must give it
	 * back (release the lock). When the Mono completed before the interrupt was seen, its value is returned and the
	 * thread's interrupt status is set again, so that the caller is told what it holds.
	 * @param <T> the value type
	 * @param mono what to wait for
	 * @param stop called once on interrupt; must not block
	 * @param orphan receives a value produced after the caller left; must not block
	 * @return its value, or {@code null} when it completes empty
	 * @throws InterruptedException if the thread is interrupted before or while waiting and the Mono had not
	 * completed yet
	 */
	public static <T> @Nullable T awaitInterruptibly(Mono<T> mono, Runnable stop, Consumer<? super T> orphan)
			throws InterruptedException {
		requireBlockingAllowed();
		if (Thread.interrupted()) {
			throw new InterruptedException();
		}
		CompletableFuture<T> result = new CompletableFuture<>();
		mono.subscribe((value) -> {
			if (!result.complete(value)) {
				orphan.accept(value);
			}
		}, result::completeExceptionally, () -> result.complete(null));
		try {
			return result.get();
		}
		catch (InterruptedException ex) {
			if (result.completeExceptionally(ex)) {
				stop.run();
				throw ex;
			}
			// it completed first: the caller gets what it did, and its interrupt back
			Thread.currentThread().interrupt();
			try {
				return result.join();
			}
			catch (CompletionException failure) {
				throw rethrow(new ExecutionException(failure.getCause()));
			}
		}
		catch (ExecutionException ex) {
			throw rethrow(ex);
		}
	}

	/**
	 * Refuse to block a thread that must never block: a Netty event loop (Lettuce's I/O threads, a WebFlux server's)
	 * or Pottery's quorum timer. Blocking there can wait for a reply that only that very thread would read.
	 * @throws IllegalStateException on such a thread, saying to use the reactive API there
	 */
	public static void requireBlockingAllowed() {
		Thread thread = Thread.currentThread();
		if (thread instanceof FastThreadLocalThread || QuorumTimer.isTimerThread(thread)) {
			throw new IllegalStateException("A blocking Redlock or NextId call on thread '" + thread.getName()
					+ "', which must never block (an I/O event loop or Pottery's timer): use ReactiveRedlock or "
					+ "ReactiveNextId there, or move the call to another thread");
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
