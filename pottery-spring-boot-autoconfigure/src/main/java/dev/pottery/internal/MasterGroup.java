package dev.pottery.internal;

import java.util.List;
import java.util.concurrent.CompletableFuture;

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
	 * Keep track of a command until it completes, so that closing the group can wait for it.
	 * @param command the command's future
	 */
	void track(CompletableFuture<?> command);

	/**
	 * Where quorum errors are reported.
	 * @return the recorder
	 */
	PotteryRecorder getRecorder();

}
