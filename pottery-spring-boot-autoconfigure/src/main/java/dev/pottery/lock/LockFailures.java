package dev.pottery.lock;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

import dev.pottery.EncodingException;
import dev.pottery.PotteryException;
import dev.pottery.WrongTypeException;
import dev.pottery.internal.QuorumOutcome;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

/**
 * Why a Redlock attempt failed, in words: contention (the lock is busy) or outage (masters erred or timed out), a
 * lock key of another type or a corrupt fencing counter; and the rate-limited warning of a lock that keeps failing
 * because of errors.
 */
final class LockFailures {

	private static final Log logger = LogFactory.getLog(ReactiveRedlock.class);

	/** At most one warning per lock name in this interval. */
	static final long WARN_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(60);

	private static final ConcurrentMap<String, Long> lastWarned = new ConcurrentHashMap<>();

	private LockFailures() {
	}

	/** One failed round of an attempt, with the words for its masters' answers. */
	record Failure(QuorumOutcome<?> outcome, String agreed, String disagreed) {

		Map<String, String> outcomes() {
			return this.outcome.outcomes(this.agreed, this.disagreed);
		}

		/** Whether errors and timeouts alone made a majority impossible (an outage, not contention). */
		boolean isOutage() {
			int size = this.outcome.replies().size();
			return this.outcome.erred() > size - (size / 2 + 1);
		}

		/** The reason in words, for a message. */
		String reason() {
			int size = this.outcome.replies().size();
			int busy = this.outcome.disagreed();
			int erred = this.outcome.erred();
			if (isOutage()) {
				return "masters unreachable: " + erred + " of " + size + " masters erred or did not answer within the "
						+ "per-master timeout, so no majority of " + (size / 2 + 1)
						+ " was possible; check those masters and the network (or raise masterTimeout)";
			}
			if (erred == 0) {
				return "the lock is busy: another owner holds it on " + busy + " of " + size + " masters";
			}
			return "the lock is busy on " + busy + " of " + size + " masters and " + erred + " of " + size
					+ " masters erred or did not answer in time";
		}

	}

	/** Log one warning per lock name and interval when an attempt failed because masters are unreachable. */
	static void warnIfOutage(String lockKey, Failure failure) {
		if (!failure.isOutage() || !logger.isWarnEnabled()) {
			return;
		}
		long now = System.nanoTime();
		Long last = lastWarned.get(lockKey);
		if (last != null && now - last < WARN_INTERVAL_NANOS) {
			return;
		}
		if ((last == null) ? lastWarned.putIfAbsent(lockKey, now) == null : lastWarned.replace(lockKey, last, now)) {
			logger.warn("Lock '" + lockKey + "' cannot be acquired, " + failure.reason() + "; attempts go on (this "
					+ "warning repeats at most once a minute per lock). Masters: " + failure.outcomes());
		}
	}

	/**
	 * The exception for a lock that can never be acquired, when more masters than a majority can spare answered that
	 * the lock key holds another Redis type or that the fencing counter is not a number; {@code null} otherwise.
	 * Masters that did so while a majority is still possible are only warned about.
	 */
	static @Nullable PotteryException unusable(String lockKey, String fenceKey, Masters masters,
			List<? extends CompletableFuture<?>> acquisition, List<? extends CompletableFuture<?>> cleanUp) {
		int wrongType = 0;
		int badFence = 0;
		String type = "value of another type than a string";
		String counter = "";
		String where = "";
		@Nullable Throwable cause = null;
		for (int i = 0; i < masters.size(); i++) {
			Throwable error = errorOf(acquisition.get(i));
			if (error == null || !String.valueOf(error.getMessage()).contains("POTTERY_")) {
				Throwable later = errorOf(cleanUp.get(i));
				if (later != null) {
					error = later;
				}
			}
			String text = (error != null) ? String.valueOf(error.getMessage()) : "";
			int marker;
			if ((marker = text.indexOf("POTTERY_WRONGTYPE ")) >= 0) {
				wrongType++;
				type = text.substring(marker + "POTTERY_WRONGTYPE ".length()).trim();
				cause = error;
			}
			else if (text.startsWith("WRONGTYPE")) {
				wrongType++;
				cause = error;
			}
			else if ((marker = text.indexOf("POTTERY_BADFENCE ")) >= 0) {
				badFence++;
				counter = text.substring(marker + "POTTERY_BADFENCE ".length()).trim();
				where = masters.list().get(i).url();
				cause = error;
			}
		}
		int spare = masters.size() - masters.quorum();
		if (wrongType > spare) {
			return new WrongTypeException(lockKey, type, "string", "Redlock (on " + wrongType + " of " + masters.size()
					+ " masters, so the lock can never be acquired)", cause);
		}
		if (badFence > spare) {
			return new EncodingException(fenceKey, "The fencing counter '" + fenceKey + "' holds '" + counter + "' on "
					+ where + " (and " + (badFence - 1) + " more masters), not a decimal integer, so lock '" + lockKey
					+ "' can never be acquired with fencing tokens; delete the key on those masters or set it to the "
					+ "highest token handed out", cause);
		}
		if (wrongType + badFence > 0 && logger.isWarnEnabled()) {
			logger.warn("Lock '" + lockKey + "': " + wrongType + " master(s) hold the lock key as another type than a "
					+ "string and " + badFence + " master(s) hold a corrupt fencing counter '" + fenceKey
					+ "'; those masters can never take part in this lock");
		}
		return null;
	}

	private static @Nullable Throwable errorOf(CompletableFuture<?> future) {
		if (!future.isCompletedExceptionally()) {
			return null;
		}
		Throwable error = future.handle((value, ex) -> ex).getNow(null);
		while (error != null && error.getCause() != null
				&& (error instanceof java.util.concurrent.CompletionException
						|| error instanceof java.util.concurrent.ExecutionException)) {
			error = error.getCause();
		}
		return error;
	}

}
