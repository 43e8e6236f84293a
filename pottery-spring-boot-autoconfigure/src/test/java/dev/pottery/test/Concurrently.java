package dev.pottery.test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Run tasks on threads of their own, all at once, and wait for every one: the first failure is rethrown (with any
 * others attached as suppressed), so an assertion inside a task fails the test.
 */
public final class Concurrently {

	private Concurrently() {
	}

	/**
	 * Start one thread per task, wait for all of them, and rethrow the first failure.
	 * @param tasks what each thread runs
	 * @throws InterruptedException if interrupted while waiting
	 */
	public static void run(List<? extends ThrowingRunnable> tasks) throws InterruptedException {
		List<Throwable> failures = Collections.synchronizedList(new ArrayList<>());
		List<Thread> threads = new ArrayList<>(tasks.size());
		for (ThrowingRunnable task : tasks) {
			Thread thread = new Thread(() -> {
				try {
					task.run();
				}
				catch (Throwable ex) {
					failures.add(ex);
				}
			});
			threads.add(thread);
			thread.start();
		}
		for (Thread thread : threads) {
			thread.join();
		}
		if (!failures.isEmpty()) {
			AssertionError error = new AssertionError("A concurrent task failed: " + failures.get(0), failures.get(0));
			failures.subList(1, failures.size()).forEach(error::addSuppressed);
			throw error;
		}
	}

	/** A task that may throw anything. */
	@FunctionalInterface
	public interface ThrowingRunnable {

		void run() throws Exception;

	}

}
