package dev.pottery.lock;

import dev.pottery.internal.QuorumOutcome;
import dev.pottery.internal.Reply;

/**
 * How the fencing scripts' replies read (see {@code acquire.lua} and {@code fence.lua}): a counter {@code c} comes
 * back as {@code c} or as {@code -1 - c}, whichever the script's case, so that every master that answers reports
 * its counter, also when it refuses.
 */
final class Fencing {

	/** {@code fence.lua}'s reply when the master holds our lock key and took the proposed token. */
	static final long ACCEPTED = 0;

	/** How many fencing rounds one attempt may make before giving up (each raises every answering master). */
	static final int MAX_ROUNDS = 3;

	private Fencing() {
	}

	/**
	 * The highest counter reported by the masters that answered in time, from {@code acquire.lua} (a counter, or
	 * {@code -1 - counter} when the lock was busy there) or {@code fence.lua} (0 when it accepted, which reports
	 * nothing above the proposal; a counter at or above the proposal; or {@code -1 - counter} when it does not hold
	 * our key).
	 * @param outcome the round's outcome
	 * @return the highest counter, 0 when none was reported
	 */
	static long highestCounter(QuorumOutcome<Long> outcome) {
		long highest = 0;
		for (Reply<Long> reply : outcome.replies()) {
			Long value = reply.value();
			if (value != null && (reply.status() == Reply.Status.AGREED || reply.status() == Reply.Status.DISAGREED)) {
				highest = Math.max(highest, (value >= 0) ? value : -1 - value);
			}
		}
		return highest;
	}

}
