package dev.pottery.lock;

import java.util.List;
import java.util.concurrent.CompletableFuture;

import dev.pottery.observation.PotteryRecorder;

/**
 * One successful acquisition: our token, its fencing token ({@code -1} without fencing), until when it is valid
 * ({@link System#nanoTime()}), how often it was extended, and per master the last command sent for it (the next
 * command on that master is chained after it), and the sample timing the hold.
 */
record Acquisition(String token, long fencingToken, long validUntilNanos, int extensions,
		List<? extends CompletableFuture<?>> tails, PotteryRecorder.Sample held) {

	Acquisition extended(long validUntilNanos, boolean counted, List<? extends CompletableFuture<?>> tails) {
		return new Acquisition(this.token, this.fencingToken, validUntilNanos, this.extensions + (counted ? 1 : 0),
				tails, this.held);
	}

	Acquisition counted() {
		return new Acquisition(this.token, this.fencingToken, this.validUntilNanos, this.extensions + 1, this.tails,
				this.held);
	}

	boolean isValid() {
		return this.validUntilNanos - System.nanoTime() > 0;
	}

}
