package dev.pottery.lock;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.Lock;

import dev.pottery.internal.Blocking;
import org.jspecify.annotations.Nullable;

/**
 * A distributed lock on N independent Redis masters (the Redlock algorithm), pottery's {@code Redlock}, as a
 * {@link Lock}. It is a blocking wrapper over {@link ReactiveRedlock}, which documents the algorithm, the fencing
 * token's guarantee and the watchdog; this class adds nothing to them.
 *
 * <p><strong>Storage</strong> (wire-format.md §3.1): {@code redlock:<key>} on every master, a random UUID4 with a
 * {@code PX} lease, set with {@code NX}: a Java and a Python pottery lock of the same name exclude each other.
 *
 * <p><strong>Use</strong> {@link #acquire()} in try-with-resources (pottery's context manager), or the {@link Lock}
 * methods: {@link #tryLock()} makes one attempt, {@link #tryLock(long, TimeUnit)} retries until the time is up,
 * {@link #lock()} and {@link #lockInterruptibly()} retry until acquired, each pausing a random 0 to
 * {@code retryDelay} (200 ms) between attempts. The lock is held until {@link #unlock()} or until the lease
 * ({@code autoReleaseTime}, 10 s) runs out: {@link #extend()} renews it up to {@code numExtensions} (3) times, the
 * opt-in watchdog renews it for as long as it is held.
 *
 * <p><strong>Deviations from {@link Lock}:</strong> ownership belongs to this instance, not to a thread (as in
 * pottery); the lock is not reentrant; it can be lost when the lease runs out, after which {@link #unlock()} throws
 * {@link ReleaseUnlockedLockException} (treat that as "the critical section may not have been exclusive");
 * {@link #newCondition()} is unsupported.
 *
 * <p><strong>Thread-safety and cost:</strong> thread-safe; one parallel round trip to all masters per
 * acquire/release/extend/{@link #remainingLease()} (two for acquire with fencing tokens).
 *
 * <pre>{@code
 * Redlock printer = Redlock.of(masters, "printer");
 * try (Redlock.Held held = printer.acquire()) {
 *     System.out.println("printer_lock is locked");   // only one caller at a time gets here
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Redlock implements Lock {

	private final ReactiveRedlock reactive;

	Redlock(ReactiveRedlock reactive) {
		this.reactive = reactive;
	}

	/**
	 * A lock named {@code key} with pottery's default options.
	 * @param masters the masters to lock on
	 * @param key the lock's name; the Redis key is {@code redlock:<key>}
	 * @return the lock, not yet acquired
	 * @throws IllegalStateException if {@code masters} are {@linkplain Masters#unavailable unavailable}, with the
	 * reason (for example: the application's Redis is a Redis Cluster and no masters are configured)
	 */
	public static Redlock of(Masters masters, String key) {
		return new Redlock(ReactiveRedlock.of(masters, key));
	}

	/**
	 * A lock named {@code key}.
	 * @param masters the masters to lock on
	 * @param key the lock's name; the Redis key is {@code redlock:<key>}
	 * @param options the options
	 * @return the lock, not yet acquired
	 * @throws IllegalStateException if {@code masters} are {@linkplain Masters#unavailable unavailable}, with the
	 * reason (for example: the application's Redis is a Redis Cluster and no masters are configured)
	 */
	public static Redlock of(Masters masters, String key, RedlockOptions options) {
		return new Redlock(ReactiveRedlock.of(masters, key, options));
	}

	/**
	 * The reactive lock this one wraps; both share their state.
	 * @return the reactive lock
	 */
	public ReactiveRedlock reactive() {
		return this.reactive;
	}

	// ---------------------------------------------------------------- acquire

	/**
	 * Acquire the lock as pottery's context manager does (by default waiting as long as it takes, see
	 * {@link RedlockOptions#acquireBlocking()} and {@link RedlockOptions#acquireTimeout()}), for use in
	 * try-with-resources.
	 * @return the hold; closing it releases the lock
	 * @throws QuorumNotAchievedException if the lock could not be acquired within the configured time
	 * @throws QuorumIsImpossibleException if {@code raiseOnRedisErrors} is set and too many masters erred
	 */
	public Held acquire() {
		Blocking.await(this.reactive.acquire());
		return new Held(this);
	}

	/**
	 * Acquire the lock, waiting as long as it takes; an interrupt is remembered and restored, not obeyed.
	 * @throws QuorumIsImpossibleException if {@code raiseOnRedisErrors} is set and too many masters erred
	 */
	@Override
	public void lock() {
		Blocking.await(this.reactive.attempts(null, new AtomicBoolean()));
	}

	/**
	 * Acquire the lock, waiting as long as it takes unless interrupted. After an interrupt the caller either holds
	 * the lock and is told so (this method returns, with the thread's interrupt status set), or does not hold it:
	 * an attempt still in flight then runs to its end and, if it succeeded, is released again.
	 * @throws InterruptedException if the thread is interrupted before or while waiting
	 * @throws QuorumIsImpossibleException if {@code raiseOnRedisErrors} is set and too many masters erred
	 */
	@Override
	public void lockInterruptibly() throws InterruptedException {
		awaitAcquisition(null);
	}

	/**
	 * Wait for attempts until acquired or {@code timeout}; on interrupt, stop attempting and give back (release) an
	 * acquisition that succeeds after the caller left, so that an interrupt never leaves the lock held behind the
	 * caller's back.
	 */
	private boolean awaitAcquisition(@Nullable Duration timeout) throws InterruptedException {
		AtomicBoolean stop = new AtomicBoolean();
		return Boolean.TRUE.equals(Blocking.awaitInterruptibly(this.reactive.attempts(timeout, stop),
				() -> stop.set(true), (late) -> {
					if (Boolean.TRUE.equals(late)) {
						this.reactive.release().onErrorComplete().subscribe();
					}
				}));
	}

	/**
	 * Make one attempt to acquire the lock.
	 * @return {@code true} if acquired
	 * @throws QuorumIsImpossibleException if {@code raiseOnRedisErrors} is set and too many masters erred
	 */
	@Override
	public boolean tryLock() {
		return Boolean.TRUE.equals(Blocking.awaitStarted(this.reactive::tryAcquireNow));
	}

	/**
	 * Try to acquire the lock until it is acquired or the time is up.
	 * @param time how long to keep trying; zero or less makes one attempt
	 * @param unit the unit of {@code time}
	 * @return {@code true} if acquired (also when the thread was interrupted as the acquisition completed: the
	 * interrupt status is then set again); after an {@link InterruptedException} the lock is not held
	 * @throws InterruptedException if the thread is interrupted
	 * @throws QuorumIsImpossibleException if {@code raiseOnRedisErrors} is set and too many masters erred
	 */
	@Override
	public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
		Duration timeout = Duration.ofNanos(Math.max(0, unit.toNanos(time)));
		return awaitAcquisition(timeout);
	}

	// ---------------------------------------------------------------- release, extend

	/**
	 * Release the lock.
	 * @throws ReleaseUnlockedLockException if this instance does not hold the lock (never acquired, released, or
	 * the lease ran out)
	 * @throws QuorumIsImpossibleException if {@code raiseOnRedisErrors} is set and too many masters erred
	 */
	@Override
	public void unlock() {
		Blocking.awaitStarted(this.reactive::releaseNow);
	}

	/**
	 * Reset the lease to the full {@code autoReleaseTime}.
	 * @throws TooManyExtensionsException after {@code numExtensions} extensions of this acquisition
	 * @throws ExtendUnlockedLockException if this instance does not hold the lock
	 * @throws QuorumIsImpossibleException if {@code raiseOnRedisErrors} is set and too many masters erred
	 */
	public void extend() {
		Blocking.await(this.reactive.extend());
	}

	/**
	 * Set the lease to {@code lease} from now (shorter or longer than {@code autoReleaseTime}), not counted against
	 * {@code numExtensions}; see {@link ReactiveRedlock#extend(Duration)}.
	 * @param lease the new lease, at least 1 ms
	 * @throws ExtendUnlockedLockException if this instance does not hold the lock
	 * @throws QuorumIsImpossibleException if {@code raiseOnRedisErrors} is set and too many masters erred
	 */
	public void extend(Duration lease) {
		Blocking.await(this.reactive.extend(lease));
	}

	/**
	 * Not supported: a distributed lock has no condition variables.
	 * @return never
	 * @throws UnsupportedOperationException always
	 */
	@Override
	public Condition newCondition() {
		throw new UnsupportedOperationException("Redlock does not support conditions");
	}

	// ---------------------------------------------------------------- state

	/**
	 * How much of the lease is left as a majority of masters sees it, pottery's {@code locked()}; one round trip.
	 * @return the remaining lease; zero when this instance does not hold the lock
	 */
	public Duration remainingLease() {
		Duration remaining = Blocking.await(this.reactive.remainingLease());
		return (remaining != null) ? remaining : Duration.ZERO;
	}

	/**
	 * How much of the lease is left to whoever holds the lock, any instance in any process, see
	 * {@link ReactiveRedlock#holderRemainingLease()}; one round trip.
	 * @return the holder's remaining lease; zero when nobody holds the lock
	 */
	public Duration holderRemainingLease() {
		Duration remaining = Blocking.await(this.reactive.holderRemainingLease());
		return (remaining != null) ? remaining : Duration.ZERO;
	}

	/**
	 * Whether anyone holds the lock (any instance, in any process), as a majority of masters sees it; one round
	 * trip. For observing only: the answer may be stale when it arrives.
	 * @return {@code true} while held by anyone
	 */
	public boolean isLocked() {
		return !holderRemainingLease().isZero();
	}

	/**
	 * Be told when this instance finds that it lost the lock, see {@link ReactiveRedlock#onLeaseLost}.
	 * @param listener called with the lock's name each time; runs on a Reactor bounded-elastic thread
	 * @return this lock
	 */
	public Redlock onLeaseLost(java.util.function.Consumer<String> listener) {
		this.reactive.onLeaseLost((lock) -> listener.accept(lock.getKey()));
		return this;
	}

	/**
	 * Whether this instance holds the lock, judged locally (no round trip).
	 * @return {@code true} while acquired, not released and within its validity
	 */
	public boolean isHeldByCurrentInstance() {
		return this.reactive.isHeldByCurrentInstance();
	}

	/**
	 * The fencing token of the current acquisition, see {@link ReactiveRedlock#fencingToken()}.
	 * @return the token, 1 or more
	 * @throws IllegalStateException if this instance does not hold the lock or fencing tokens are off
	 */
	public long fencingToken() {
		return this.reactive.fencingToken();
	}

	/**
	 * Whether the watchdog stopped because an extension failed.
	 * @return {@code true} after a failed watchdog extension, until the next acquisition
	 */
	public boolean isWatchdogFailed() {
		return this.reactive.isWatchdogFailed();
	}

	/**
	 * The lock's name.
	 * @return the name, without the {@code redlock:} prefix
	 */
	public String getKey() {
		return this.reactive.getKey();
	}

	/**
	 * The options.
	 * @return the options
	 */
	public RedlockOptions getOptions() {
		return this.reactive.getOptions();
	}

	@Override
	public String toString() {
		return "Redlock{key=" + ReactiveRedlock.KEY_PREFIX + getKey() + ", masters=" + this.reactive.getMasters().urls()
				+ "}";
	}

	/**
	 * A held {@link Redlock}, for try-with-resources: closing it releases the lock (once).
	 *
	 * @since 0.1.0
	 */
	public static final class Held implements AutoCloseable {

		private final Redlock lock;

		private final AtomicBoolean closed = new AtomicBoolean();

		private Held(Redlock lock) {
			this.lock = lock;
		}

		/**
		 * The lock held.
		 * @return the lock
		 */
		public Redlock lock() {
			return this.lock;
		}

		/**
		 * The fencing token of this acquisition.
		 * @return the token
		 * @throws IllegalStateException if fencing tokens are off or the lock was released
		 */
		public long fencingToken() {
			return this.lock.fencingToken();
		}

		/**
		 * Release the lock without blocking, for code that runs on threads that must not block (a Lettuce or Netty
		 * event loop, for example where a {@code CompletionStage} completes); later calls, and {@link #close()},
		 * do nothing.
		 * @return completes when released; fails with {@link ReleaseUnlockedLockException} if the lease ran out
		 * before
		 */
		public CompletionStage<Void> closeAsync() {
			if (!this.closed.compareAndSet(false, true)) {
				return CompletableFuture.completedFuture(null);
			}
			return this.lock.reactive().release().toFuture();
		}

		/**
		 * Release the lock; later calls do nothing.
		 * @throws ReleaseUnlockedLockException if the lease ran out before (the critical section may not have been
		 * exclusive)
		 */
		@Override
		public void close() {
			if (this.closed.compareAndSet(false, true)) {
				this.lock.unlock();
			}
		}

	}

}
