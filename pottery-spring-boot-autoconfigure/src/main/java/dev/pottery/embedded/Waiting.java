package dev.pottery.embedded;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * Polls a probe until it yields a result, for the set-up of embedded topologies (clusters, Sentinels): 20 ms between
 * tries, an {@link EmbeddedRedisException} from the probe counts as "not yet" and is reported if time runs out.
 */
final class Waiting {

	private Waiting() {
	}

	/**
	 * Call {@code probe} until it returns non-null.
	 * @param timeout how long to try
	 * @param what what is awaited, for the message
	 * @param probe returns the result, or {@code null} for not yet
	 * @return the probe's first non-null result
	 * @throws EmbeddedRedisException if time runs out or the thread is interrupted
	 */
	static <T> T until(Duration timeout, String what, Supplier<T> probe) {
		long deadline = System.nanoTime() + timeout.toNanos();
		EmbeddedRedisException last = null;
		while (true) {
			try {
				T result = probe.get();
				if (result != null) {
					return result;
				}
			}
			catch (EmbeddedRedisException ex) {
				last = ex;
			}
			if (System.nanoTime() > deadline) {
				throw new EmbeddedRedisException("Timed out after " + timeout.toSeconds() + " s waiting for " + what
						+ ((last != null) ? ": " + last.getMessage() : ""), last);
			}
			try {
				Thread.sleep(20);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new EmbeddedRedisException("Interrupted while waiting for " + what, ex);
			}
		}
	}

}
