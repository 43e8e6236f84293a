package dev.pottery.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * The per-master timeouts of every quorum run in the JVM, on one daemon thread that sleeps until the earliest pending
 * deadline.
 *
 * <p>Why not {@code CompletableFuture.orTimeout}: that schedules (and on completion cancels) one task per master per
 * run on the JDK's delayer, and because the cancelled tasks are removed, each run's first task becomes the queue's
 * head and wakes the delayer thread: a context switch per run, which on a small machine costs more than the Redis
 * round trip it guards. Here a run is one entry; finished runs stay queued until the thread wakes for the oldest
 * deadline, and it then drops every finished run at once. In steady use the thread wakes about once per timeout
 * period (20 times a second with the default 50 ms), not once per run; a new entry wakes it only when it must fire
 * earlier than the thread planned to wake. The thread ends after a second with nothing pending and starts again on
 * demand.
 */
final class QuorumTimer {

	/** What a timer entry times out. */
	interface Timed {

		/**
		 * Whether nothing is left to time out (the entry may be dropped).
		 * @return {@code true} when every master has answered or timed out
		 */
		boolean isSettled();

		/**
		 * Time out what is due at {@code now}; runs on the timer thread, must not block.
		 * @param now the current {@link System#nanoTime()}
		 * @return the next deadline to be called at, or {@code now} when nothing is left
		 */
		long expire(long now);

	}

	static final QuorumTimer INSTANCE = new QuorumTimer();

	private static final Log logger = LogFactory.getLog(QuorumTimer.class);

	private static final long IDLE_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final ReentrantLock lock = new ReentrantLock();

	private final PriorityQueue<Entry> queue = new PriorityQueue<>();

	private @Nullable Thread thread;

	/** When the thread will wake by itself (valid while {@link #thread} is not null). */
	private long wakeAt;

	private long sequence;

	/** Where outcomes decided on the timer thread are completed, so that no caller's code ever runs on it. */
	static final Executor CALLBACKS = (task) -> Schedulers.boundedElastic().schedule(task);

	/**
	 * Whether a thread is the timer's.
	 * @param thread the thread
	 * @return {@code true} for the timer thread
	 */
	static boolean isTimerThread(Thread thread) {
		return thread instanceof TimerThread;
	}

	/** Whether the timer thread is running (for tests). */
	boolean isRunning() {
		this.lock.lock();
		try {
			return this.thread != null;
		}
		finally {
			this.lock.unlock();
		}
	}

	/**
	 * Call {@code timed.expire} at {@code deadline} unless it has settled by then.
	 * @param timed what to time out
	 * @param deadline a {@link System#nanoTime()} value
	 */
	void schedule(Timed timed, long deadline) {
		Thread wake = null;
		this.lock.lock();
		try {
			this.queue.add(new Entry(deadline, this.sequence++, timed));
			if (this.thread == null) {
				Thread started = new TimerThread(this::run);
				started.setDaemon(true);
				this.thread = started;
				this.wakeAt = deadline;
				started.start();
			}
			else if (deadline - this.wakeAt < 0) {
				this.wakeAt = deadline;
				wake = this.thread;
			}
		}
		finally {
			this.lock.unlock();
		}
		if (wake != null) {
			LockSupport.unpark(wake);
		}
	}

	private void run() {
		List<Timed> due = new ArrayList<>();
		long idleSince = System.nanoTime();
		while (true) {
			long sleep;
			this.lock.lock();
			try {
				long now = System.nanoTime();
				Entry head = this.queue.peek();
				while (head != null && (head.deadline - now <= 0 || head.timed.isSettled())) {
					this.queue.poll();
					if (!head.timed.isSettled()) {
						due.add(head.timed);
					}
					head = this.queue.peek();
				}
				if (head == null && due.isEmpty()) {
					if (now - idleSince >= IDLE_NANOS) {
						this.thread = null;
						return;
					}
					sleep = IDLE_NANOS - (now - idleSince);
				}
				else {
					idleSince = now;
					sleep = (head != null) ? head.deadline - now : 0;
				}
				this.wakeAt = now + sleep;
			}
			finally {
				this.lock.unlock();
			}
			if (!due.isEmpty()) {
				expire(due);
				continue;
			}
			LockSupport.parkNanos(this, sleep);
			// nothing should interrupt this thread; if something does, parking must not stop working
			Thread.interrupted();
		}
	}

	private void expire(List<Timed> due) {
		long now = System.nanoTime();
		for (Timed timed : due) {
			try {
				long next = timed.expire(now);
				if (next - now > 0) {
					schedule(timed, next);
				}
			}
			catch (RuntimeException ex) {
				// one broken entry must not stop the timeouts of every other run, but it must not go unnoticed
				logger.error("A quorum timeout failed; the other runs' timeouts go on", ex);
			}
		}
		due.clear();
	}

	private static final class TimerThread extends Thread {

		TimerThread(Runnable run) {
			super(run, "pottery-quorum-timer");
		}

	}

	private record Entry(long deadline, long sequence, Timed timed) implements Comparable<Entry> {

		@Override
		public int compareTo(Entry other) {
			int byDeadline = Long.compare(this.deadline - other.deadline, 0);
			return (byDeadline != 0) ? byDeadline : Long.compare(this.sequence, other.sequence);
		}

	}

}
