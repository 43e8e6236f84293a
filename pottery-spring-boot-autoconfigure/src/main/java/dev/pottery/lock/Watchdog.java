package dev.pottery.lock;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * The watchdog of one {@link ReactiveRedlock} ({@link RedlockOptions#watchdog()}): while an acquisition is held, it
 * extends the lock every third of its lease on a Reactor parallel thread, without blocking. If an extension fails
 * while the same acquisition is still held, it stops, records the failure, tells the lock (which notifies its
 * lease-lost listeners) and logs one warning.
 */
final class Watchdog {

	private static final Log logger = LogFactory.getLog(ReactiveRedlock.class);

	private final String lockKey;

	private final long periodMillis;

	private final Predicate<String> holds;

	private final Supplier<Mono<?>> extend;

	private final Runnable lost;

	private final AtomicReference<@Nullable Disposable> task = new AtomicReference<>();

	private volatile boolean failed;

	/**
	 * A watchdog for one lock.
	 * @param lockKey the lock's Redis key, for the warning
	 * @param leaseMillis the lease; extensions run every third of it
	 * @param holds whether the acquisition with this token is still the lock's current one
	 * @param extend one extension of the current acquisition
	 * @param lost what to do once an extension failed
	 */
	Watchdog(String lockKey, long leaseMillis, Predicate<String> holds, Supplier<Mono<?>> extend, Runnable lost) {
		this.lockKey = lockKey;
		this.periodMillis = Math.max(1, leaseMillis / 3);
		this.holds = holds;
		this.extend = extend;
		this.lost = lost;
	}

	/**
	 * Start watching the acquisition with {@code token}, replacing any earlier run, and clear an earlier failure.
	 * @param token the acquisition's token
	 */
	void start(String token) {
		this.failed = false;
		Disposable started = Schedulers.parallel()
			.schedulePeriodically(() -> tick(token), this.periodMillis, this.periodMillis, TimeUnit.MILLISECONDS);
		Disposable previous = this.task.getAndSet(started);
		if (previous != null) {
			previous.dispose();
		}
	}

	/** Stop watching (released, or failed). */
	void stop() {
		Disposable running = this.task.getAndSet(null);
		if (running != null) {
			running.dispose();
		}
	}

	/**
	 * Whether the last run stopped because an extension failed.
	 * @return {@code true} after a failed extension, until the next {@link #start}
	 */
	boolean hasFailed() {
		return this.failed;
	}

	private void tick(String token) {
		if (!this.holds.test(token)) {
			// released (which stopped us) or replaced by a newer acquisition (whose start disposed us)
			return;
		}
		this.extend.get().subscribe(null, (ex) -> {
			if (this.holds.test(token)) {
				this.failed = true;
				stop();
				this.lost.run();
				logger.warn("Watchdog could not extend lock '" + this.lockKey + "'; it may have been lost and is no "
						+ "longer extended: " + ex.getMessage());
			}
		});
	}

}
