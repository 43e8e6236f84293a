package dev.pottery.internal;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * The one quorum engine: send a command to every master concurrently, complete as soon as enough masters agree or
 * as soon as that has become impossible, with a timeout per master.
 *
 * <p>How it works: the command is issued on every master's connection at once (Lettuce is asynchronous: no thread
 * per master, no sequential loop). Each reply is tested with the caller's predicate; a reply that fails the test, a
 * Redis or connection error, and a master that has not answered within the per-master timeout all count against
 * (a master whose connection is still being opened, on first use, gets up to 2 s for that).
 * The returned future completes with a {@link QuorumOutcome} as soon as {@code needed} masters agree, as soon as so
 * many have answered otherwise that {@code needed} cannot be reached, or when every master has answered, whichever
 * comes first. It never fails: errors are in the outcome. A run's timeouts are one entry on a timer thread shared by
 * every run in the JVM, which wakes about once per timeout period rather than once per run: on a small machine a
 * thread wake-up per run would cost more than the parallel round trip itself.
 *
 * <p><strong>Follow-ups.</strong> The outcome keeps, per master, the future of the command itself (not of our
 * timeout): it completes when that master's reply really arrives, even after the outcome. {@link #runAfter} chains
 * a command on each master after that master's previous command has completed or failed. Redlock uses this so that
 * a release (or the clean-up after a failed acquisition) reaches every master the acquisition was sent to, and
 * reaches it <em>after</em> the acquisition, including masters whose reply was still in flight when the majority was
 * reached: otherwise the release could overtake the acquisition and leave a key behind for a whole lease.
 *
 * <p>Thread-safe and stateless. Callbacks run on Lettuce's I/O threads or the quorum timer's thread: commands passed
 * in must not block.
 *
 * <pre>{@code
 * QuorumOutcome<String> pong = Quorum.run(masters, Quorum.DEFAULT_TIMEOUT, "PONG"::equals,
 *         (master) -> master.execute(RedisAsyncCommands::ping)).join();
 * boolean majority = pong.isAchieved();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Quorum {

	/**
	 * The logging category of quorum outcomes ({@code logging.level.dev.pottery.quorum=debug}), kept from the package
	 * the engine lived in so that configurations keep working.
	 */
	public static final String LOG_CATEGORY = "dev.pottery.quorum";

	/** The per-master timeout when none is configured: 50 ms. */
	public static final Duration DEFAULT_TIMEOUT = Duration.ofMillis(50);

	/** The per-master timeout while a master's connection is being opened (its first command). */
	static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private Quorum() {
	}

	/**
	 * Run a command on every master and wait for a majority ({@link MasterGroup#quorum()}) to agree.
	 * @param <T> the reply type
	 * @param masters the masters
	 * @param timeout how long to wait for each master
	 * @param agrees whether a reply counts towards the quorum
	 * @param command sends the command to one master
	 * @return the outcome; never a failed future
	 */
	public static <T> CompletableFuture<QuorumOutcome<T>> run(MasterGroup masters, Duration timeout,
			Predicate<? super T> agrees, Function<Master, ? extends CompletionStage<T>> command) {
		return run(masters, masters.quorum(), timeout, agrees, command, null, false);
	}

	/**
	 * Run a command on every master and hear every one of them: the outcome is decided only when each master has
	 * answered or timed out, never at the first majority (nor as soon as a majority has become impossible). Use it when
	 * a minority's answer matters, as it does for NextId and fencing tokens: a master that holds a higher value than
	 * the first majority must be heard whenever it answers in time.
	 * @param <T> the reply type
	 * @param masters the masters
	 * @param timeout how long to wait for each master
	 * @param agrees whether a reply counts towards the quorum
	 * @param command sends the command to one master
	 * @return the outcome, achieved when a majority agreed; never a failed future
	 */
	public static <T> CompletableFuture<QuorumOutcome<T>> runHearingAll(MasterGroup masters, Duration timeout,
			Predicate<? super T> agrees, Function<Master, ? extends CompletionStage<T>> command) {
		return run(masters, masters.quorum(), timeout, agrees, command, null, true);
	}

	/**
	 * Run a command on every master, hear every one of them as {@link #runHearingAll} does, and count it achieved
	 * when {@code needed} agreed.
	 * @param <T> the reply type
	 * @param masters the masters
	 * @param needed how many agreeing masters make success, from 1 to N
	 * @param timeout how long to wait for each master
	 * @param agrees whether a reply counts towards {@code needed}
	 * @param command sends the command to one master
	 * @return the outcome; never a failed future
	 */
	public static <T> CompletableFuture<QuorumOutcome<T>> runHearingAll(MasterGroup masters, int needed, Duration timeout,
			Predicate<? super T> agrees, Function<Master, ? extends CompletionStage<T>> command) {
		return run(masters, needed, timeout, agrees, command, null, true);
	}

	/**
	 * {@link #runAfter} that hears every master, as {@link #runHearingAll} does.
	 * @param <T> the reply type
	 * @param masters the masters
	 * @param previous per master, in order, the future of the command to wait for
	 * @param timeout how long to wait for each master
	 * @param agrees whether a reply counts towards the quorum
	 * @param command sends the command to one master
	 * @return the outcome; never a failed future
	 */
	public static <T> CompletableFuture<QuorumOutcome<T>> runAfterHearingAll(MasterGroup masters,
			List<? extends CompletableFuture<?>> previous, Duration timeout, Predicate<? super T> agrees,
			Function<Master, ? extends CompletionStage<T>> command) {
		masters.requireAvailable();
		Assert.isTrue(previous.size() == masters.size(), "'previous' must have one future per master");
		return run(masters, masters.quorum(), timeout, agrees, command, previous, true);
	}

	/**
	 * Run a command on every master and wait for {@code needed} of them to agree ({@code masters.size()} to require
	 * all of them).
	 * @param <T> the reply type
	 * @param masters the masters
	 * @param needed how many agreeing masters make success, from 1 to N
	 * @param timeout how long to wait for each master
	 * @param agrees whether a reply counts towards {@code needed}
	 * @param command sends the command to one master
	 * @return the outcome; never a failed future
	 */
	public static <T> CompletableFuture<QuorumOutcome<T>> run(MasterGroup masters, int needed, Duration timeout,
			Predicate<? super T> agrees, Function<Master, ? extends CompletionStage<T>> command) {
		return run(masters, needed, timeout, agrees, command, null, false);
	}

	/**
	 * Run a command on every master, on each only after that master's previous command (from
	 * {@link QuorumOutcome#sent()}) has completed, and wait for a majority to agree. The per-master timeout counts
	 * from now, so a master whose previous command is still in flight counts as timed out while the others decide.
	 * @param <T> the reply type
	 * @param masters the masters
	 * @param previous per master, in order, the future of the command to wait for
	 * @param timeout how long to wait for each master
	 * @param agrees whether a reply counts towards the quorum
	 * @param command sends the command to one master
	 * @return the outcome; never a failed future
	 */
	public static <T> CompletableFuture<QuorumOutcome<T>> runAfter(MasterGroup masters,
			List<? extends CompletableFuture<?>> previous, Duration timeout, Predicate<? super T> agrees,
			Function<Master, ? extends CompletionStage<T>> command) {
		masters.requireAvailable();
		Assert.isTrue(previous.size() == masters.size(), "'previous' must have one future per master");
		return run(masters, masters.quorum(), timeout, agrees, command, previous, false);
	}

	private static <T> CompletableFuture<QuorumOutcome<T>> run(MasterGroup masters, int needed, Duration timeout,
			Predicate<? super T> agrees, Function<Master, ? extends CompletionStage<T>> command,
			@Nullable List<? extends CompletableFuture<?>> previous, boolean hearAll) {
		masters.requireAvailable();
		Assert.isTrue(needed >= 1 && needed <= masters.size(), "'needed' must be between 1 and the number of masters");
		Assert.isTrue(!timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		long start = System.nanoTime();
		List<Master> list = masters.list();
		long[] deadlines = new long[list.size()];
		long earliest = Long.MAX_VALUE;
		for (int i = 0; i < deadlines.length; i++) {
			// a master whose connection is still being opened gets the time to open it
			// (when every master must be heard, only one being opened right now: one that failed to connect is tried
			// again, and must not cost every run 2 s while it is down)
			boolean opening = hearAll ? list.get(i).isConnecting() : !list.get(i).isConnected();
			long timeoutNanos = opening ? Math.max(timeout.toNanos(), CONNECT_TIMEOUT.toNanos()) : timeout.toNanos();
			deadlines[i] = start + timeoutNanos;
			earliest = Math.min(earliest, timeoutNanos);
		}
		@SuppressWarnings("unchecked")
		CompletableFuture<T>[] sent = new CompletableFuture[list.size()];
		masters.started();
		for (int i = 0; i < sent.length; i++) {
			Master master = list.get(i);
			CompletableFuture<?> before = (previous != null) ? previous.get(i) : null;
			// after the master's previous command; one already answered needs no chaining (the usual case)
			sent[i] = (before == null || before.isDone()) ? send(master, command)
					: before.handle((value, ex) -> null).thenCompose((ignored) -> send(master, command));
		}
		Tally<T> tally = new Tally<>(masters, needed, hearAll, start, deadlines, List.of(sent));
		CompletableFuture<QuorumOutcome<T>> result = tally.result();
		for (int i = 0; i < sent.length; i++) {
			int index = i;
			// the command's own future: our timeout (the timer) never completes or cancels it
			sent[i].whenComplete((value, ex) -> {
				try {
					if (ex == null) {
						boolean agreed;
						try {
							agreed = agrees.test(value);
						}
						catch (RuntimeException failure) {
							// an unexpected reply (for example nil) must still be counted, or the run could never end
							tally.record(index, Reply.Status.FAILED, null, failure);
							return;
						}
						tally.record(index, agreed ? Reply.Status.AGREED : Reply.Status.DISAGREED, value, null);
					}
					else {
						tally.record(index, Reply.Status.FAILED, null, Master.unwrap(ex));
					}
				}
				finally {
					tally.commandDone();
				}
			});
		}
		if (!tally.isSettled()) {
			QuorumTimer.INSTANCE.schedule(tally, start + earliest);
		}
		return result;
	}

	private static <T> CompletableFuture<T> send(Master master, Function<Master, ? extends CompletionStage<T>> command) {
		try {
			CompletionStage<T> stage = command.apply(master);
			CompletableFuture<T> future = (stage != null) ? stage.toCompletableFuture() : null;
			// a missing future is a failed command, never a run that cannot end (close() would wait for it)
			return (future != null) ? future
					: CompletableFuture.failedFuture(new IllegalStateException("The command for " + master.url()
							+ " returned no future"));
		}
		catch (RuntimeException ex) {
			return CompletableFuture.failedFuture(ex);
		}
	}

	/** Counts replies for one run and completes its outcome once. */
	private static final class Tally<T> implements QuorumTimer.Timed {

		private static final Log logger = LogFactory.getLog(LOG_CATEGORY);

		private final MasterGroup masters;

		private final int needed;

		private final boolean hearAll;

		private final long start;

		private final long[] deadlines;

		private final @Nullable Reply<T>[] replies;

		private final CompletableFuture<QuorumOutcome<T>> result = new CompletableFuture<>();

		private final List<CompletableFuture<T>> sent;

		/** Commands whose own future has not completed yet (the run stays counted in flight until none is left). */
		private int running;

		private int agreed;

		private int against;

		private boolean decided;

		@SuppressWarnings("unchecked")
		Tally(MasterGroup masters, int needed, boolean hearAll, long start, long[] deadlines,
				List<CompletableFuture<T>> sent) {
			this.masters = masters;
			this.needed = needed;
			this.hearAll = hearAll;
			this.start = start;
			this.deadlines = deadlines;
			this.replies = new Reply[masters.size()];
			this.sent = sent;
			this.running = sent.size();
		}

		/** One command's own future completed (after its reply was recorded, if it was not timed out before). */
		void commandDone() {
			boolean last;
			synchronized (this) {
				last = --this.running == 0;
			}
			if (last) {
				this.masters.finished();
			}
		}

		@Override
		public synchronized boolean isSettled() {
			return this.agreed + this.against == this.masters.size();
		}

		@Override
		public long expire(long now) {
			long next = now;
			for (int i = 0; i < this.deadlines.length; i++) {
				boolean pending;
				synchronized (this) {
					pending = this.replies[i] == null;
				}
				if (!pending) {
					continue;
				}
				if (this.deadlines[i] - now <= 0) {
					record(i, Reply.Status.TIMED_OUT, null, new TimeoutException("No reply within the per-master timeout"));
				}
				else if (next == now || this.deadlines[i] - next < 0) {
					next = this.deadlines[i];
				}
			}
			return next;
		}

		void record(int index, Reply.Status status, @Nullable T value, @Nullable Throwable error) {
			QuorumOutcome<T> outcome = null;
			Throwable failure = null;
			synchronized (this) {
				if (this.replies[index] != null) {
					return;
				}
				this.replies[index] = new Reply<>(this.masters.list().get(index), status, value, error);
				if (status == Reply.Status.AGREED) {
					this.agreed++;
				}
				else {
					this.against++;
				}
				if (status == Reply.Status.FAILED || status == Reply.Status.TIMED_OUT) {
					failure = (error != null) ? error : new TimeoutException();
				}
				int size = this.masters.size();
				boolean decided = (!this.hearAll && (this.agreed >= this.needed || size - this.against < this.needed))
						|| this.agreed + this.against == size;
				if (decided && !this.decided && !this.result.isDone()) {
					// once: a second thread may get here before the first has completed the result
					this.decided = true;
					outcome = snapshot();
				}
			}
			if (failure != null) {
				report(this.masters.list().get(index), failure);
			}
			if (outcome != null) {
				if (logger.isDebugEnabled()) {
					logger.debug(describe(outcome));
				}
				if (QuorumTimer.isTimerThread(Thread.currentThread())) {
					// decided by a timeout: the caller's callbacks must not run on (and stall) the shared timer
					QuorumOutcome<T> decided = outcome;
					QuorumTimer.CALLBACKS.execute(() -> this.result.complete(decided));
				}
				else {
					this.result.complete(outcome);
				}
			}
		}

		/** One DEBUG line: the decision, the count, and each master's (masked) URL and reply. */
		private String describe(QuorumOutcome<?> outcome) {
			StringBuilder line = new StringBuilder("Quorum ")
				.append(outcome.isAchieved() ? "achieved" : "not achieved")
				.append(": ")
				.append(outcome.agreed())
				.append(" agreed, ")
				.append(outcome.erred())
				.append(" erred, ")
				.append(this.needed)
				.append(" needed of ")
				.append(outcome.replies().size())
				.append(", in ")
				.append(outcome.elapsed().toMillis())
				.append(" ms:");
			for (Reply<?> reply : outcome.replies()) {
				line.append(' ').append(reply.master().url()).append('=').append(reply.status());
				if (reply.error() != null) {
					line.append(" (").append(Master.mask(String.valueOf(reply.error().getMessage()))).append(')');
				}
			}
			return line.toString();
		}

		/** Tell the recorder about a master's error; a failing recorder must not stall the run. */
		private void report(Master master, Throwable error) {
			try {
				this.masters.getRecorder().quorumError(master.url(), error);
			}
			catch (RuntimeException ex) {
				// metrics are best effort
			}
		}

		private QuorumOutcome<T> snapshot() {
			@SuppressWarnings("unchecked")
			Reply<T>[] snapshot = new Reply[this.replies.length];
			for (int i = 0; i < snapshot.length; i++) {
				Reply<T> reply = this.replies[i];
				snapshot[i] = (reply != null) ? reply
						: new Reply<>(this.masters.list().get(i), Reply.Status.PENDING, null, null);
			}
			return new QuorumOutcome<>(this.needed, Arrays.asList(snapshot), this.sent, System.nanoTime() - this.start);
		}

		CompletableFuture<QuorumOutcome<T>> result() {
			return this.result;
		}

	}

}
