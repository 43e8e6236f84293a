package dev.pottery.autoconfigure.shedlock;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.pottery.PotteryException;
import dev.pottery.lock.Redlock;
import dev.pottery.lock.RedlockOptions;
import dev.pottery.lock.Masters;
import net.javacrumbs.shedlock.core.ExtensibleLockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.SimpleLock;

import org.springframework.util.Assert;

/**
 * ShedLock's {@link net.javacrumbs.shedlock.core.LockProvider} backed by Redlock, so that a {@code @SchedulerLock}
 * job runs on one node at a time while a majority of the Redlock masters is up. The lock of a job named {@code name}
 * is the {@link Redlock} {@code <prefix>:<name>} (Redis key {@code redlock:<prefix>:<name>}).
 *
 * <p><b>Semantics.</b> {@link #lock} makes one attempt (ShedLock never waits) with a lease of {@code lockAtMostFor}:
 * if the node dies, the job is free again after it. On unlock, if {@code lockAtLeastFor} has not passed yet, the lease
 * is shortened to what is left of it (one round trip) instead of released, so that no other node runs the job before
 * then; otherwise the lock is released. {@link SimpleLock#extend} resets the lease to the new {@code lockAtMostFor}
 * (ShedLock's {@code LockExtender}). An unlock after {@code lockAtMostFor} ran out is logged by ShedLock as a failed
 * unlock (it throws).
 *
 * <pre>{@code
 * LockProvider provider = new RedlockLockProvider(masters, "shedlock", RedlockOptions.defaults());
 * LockingTaskExecutor executor = new DefaultLockingTaskExecutor(provider);
 * executor.executeWithLock((Runnable) this::report,
 *         new LockConfiguration(Instant.now(), "nightly-report", Duration.ofMinutes(10), Duration.ofSeconds(5)));
 * }</pre>
 *
 * <p>Thread-safe; creating it costs no round trip.
 *
 * @since 0.1.0
 */
public final class RedlockLockProvider implements ExtensibleLockProvider {

	private final Masters masters;

	private final String prefix;

	private final RedlockOptions options;

	/**
	 * Create a provider.
	 * @param masters the Redlock masters
	 * @param prefix the prefix of the locks' names, for example {@code shedlock}
	 * @param options the Redlock options (the lease is each job's {@code lockAtMostFor}; blocking, timeouts and
	 * extension counts do not apply; the watchdog is turned off, ShedLock bounds the lease on purpose)
	 */
	public RedlockLockProvider(Masters masters, String prefix, RedlockOptions options) {
		Assert.notNull(masters, "'masters' must not be null");
		Assert.hasText(prefix, "'prefix' must not be empty");
		Assert.notNull(options, "'options' must not be null");
		this.masters = masters;
		this.prefix = prefix;
		this.options = options.toBuilder()
			.watchdog(false)
			.acquireTimeout(null)
			.acquireBlocking(false)
			.numExtensions(Integer.MAX_VALUE)
			.build();
	}

	@Override
	public Optional<SimpleLock> lock(LockConfiguration configuration) {
		Assert.notNull(configuration, "'configuration' must not be null");
		Redlock redlock = Redlock.of(this.masters, this.prefix + ":" + configuration.getName(),
				this.options.toBuilder().autoReleaseTime(lease(configuration.getLockAtMostFor())).build());
		return redlock.tryLock() ? Optional.of(new RedlockSimpleLock(redlock, configuration)) : Optional.empty();
	}

	private static Duration lease(Duration duration) {
		return (duration.toMillis() < 1) ? Duration.ofMillis(1) : duration;
	}

	@Override
	public String toString() {
		return "RedlockLockProvider{prefix='" + this.prefix + "', masters=" + this.masters.urls() + "}";
	}

	private static final class RedlockSimpleLock implements SimpleLock {

		private final Redlock redlock;

		private final LockConfiguration configuration;

		private final AtomicBoolean active = new AtomicBoolean(true);

		RedlockSimpleLock(Redlock redlock, LockConfiguration configuration) {
			this.redlock = redlock;
			this.configuration = configuration;
		}

		@Override
		public void unlock() {
			Assert.state(this.active.compareAndSet(true, false),
					() -> "ShedLock lock '" + this.configuration.getName() + "' was already unlocked or extended");
			Duration atLeast = Duration.between(Instant.now(), this.configuration.getLockAtLeastUntil());
			if (atLeast.toMillis() >= 1) {
				this.redlock.extend(atLeast);
			}
			else {
				this.redlock.unlock();
			}
		}

		@Override
		public Optional<SimpleLock> extend(Duration lockAtMostFor, Duration lockAtLeastFor) {
			Assert.state(this.active.get(),
					() -> "ShedLock lock '" + this.configuration.getName() + "' was already unlocked or extended");
			try {
				this.redlock.extend(lease(lockAtMostFor));
			}
			catch (PotteryException ex) {
				return Optional.empty();
			}
			this.active.set(false);
			LockConfiguration extended = new LockConfiguration(Instant.now(), this.configuration.getName(),
					lockAtMostFor, lockAtLeastFor);
			return Optional.of(new RedlockSimpleLock(this.redlock, extended));
		}

	}

}
