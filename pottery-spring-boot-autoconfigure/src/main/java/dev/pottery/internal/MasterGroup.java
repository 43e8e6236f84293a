package dev.pottery.internal;

import java.util.List;

import dev.pottery.observation.PotteryRecorder;

/**
 * Not API: the independent masters a {@link Quorum} runs on; {@code dev.pottery.lock.Masters} is the one
 * implementation.
 */
public interface MasterGroup {

	/**
	 * The masters, in configuration order.
	 * @return an unmodifiable list
	 */
	List<Master> list();

	/**
	 * How many masters there are.
	 * @return the number of masters
	 */
	int size();

	/**
	 * How many masters form a majority.
	 * @return {@code size() / 2 + 1}
	 */
	int quorum();

	/**
	 * This group, if it has masters.
	 * @return this group
	 * @throws IllegalStateException saying why there are no masters
	 */
	MasterGroup requireAvailable();

	/**
	 * Count one more quorum run as in flight, until {@link #finished()}, so that closing the group can wait for its
	 * commands (one count per run, not per command: the fast path pays two atomic updates per run).
	 */
	void started();

	/**
	 * A run counted by {@link #started()} has had every command's reply or failure (timeouts do not count: the
	 * command may still be in flight).
	 */
	void finished();

	/**
	 * Where quorum errors are reported.
	 * @return the recorder
	 */
	PotteryRecorder getRecorder();

}
