package dev.pottery.autoconfigure.integration;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

import dev.pottery.PotteryException;
import dev.pottery.lock.Redlock;
import dev.pottery.lock.RedlockOptions;
import dev.pottery.lock.Masters;
import org.jspecify.annotations.Nullable;

import org.springframework.integration.support.locks.DistributedLock;
import org.springframework.integration.support.locks.ExpirableLockRegistry;
import org.springframework.util.Assert;

/**
 * Spring Integration's {@link org.springframework.integration.support.locks.LockRegistry} backed by Redlock: each
 * lock is a {@link Redlock} named {@code <registryKey>:<lockKey>} (Redis key {@code redlock:<registryKey>:<lockKey>})
 * on the Redlock masters, so it holds while a majority of the masters is up, and with it everything built on lock
 * registries, such as {@code LockRegistryLeaderInitiator}'s leader election or the aggregator's group locks.
 *
 * <p><b>Semantics</b>, as Spring Integration's own distributed registries: {@link #obtain} returns the same lock
 * object for the same key until it is {@linkplain #expireUnusedOlderThan expired}. A lock is owned by a thread (a
 * local {@link ReentrantLock} in front of the Redlock) and is reentrant: acquiring it again while holding it resets
 * the lease to its full length on the masters (one round trip), or, if the lease was lost meanwhile, voids the outer
 * holds and tries to acquire it afresh (what {@code LockRegistryLeaderInitiator}'s heartbeat relies on); only the
 * last {@link java.util.concurrent.locks.Lock#unlock unlock} releases it on the masters.
 * The lease is the options' {@code autoReleaseTime} (10 s by default) unless given per call
 * ({@link DistributedLock#lock(Duration)}); with the options' watchdog on, a held lock is renewed for as long as it is
 * held. An {@code unlock} after the lease ran out (the lock may have been taken by another process meanwhile) throws
 * {@link IllegalStateException}, as Spring Integration's Redis registry does.
 *
 * <pre>{@code
 * RedlockLockRegistry registry = new RedlockLockRegistry(masters, "orders", RedlockOptions.defaults());
 * Lock lock = registry.obtain("order-42");
 * if (lock.tryLock(1, TimeUnit.SECONDS)) {
 *     try {
 *         process();   // one process at a time, across JVMs
 *     }
 *     finally {
 *         lock.unlock();
 *     }
 * }
 * }</pre>
 *
 * <p>Thread-safe. Creating the registry and obtaining locks costs no round trip.
 *
 * @since 0.1.0
 */
public final class RedlockLockRegistry implements ExpirableLockRegistry<DistributedLock> {

	private final Masters masters;

	private final String registryKey;

	private final RedlockOptions options;

	private final Map<String, RegistryLock> locks = new ConcurrentHashMap<>();

	/**
	 * Create a registry.
	 * @param masters the Redlock masters
	 * @param registryKey the prefix of every lock's name, so that registries of different purposes do not collide
	 * @param options the Redlock options; {@code numExtensions} does not limit re-entries, which renew the lease
	 */
	public RedlockLockRegistry(Masters masters, String registryKey, RedlockOptions options) {
		Assert.notNull(masters, "'masters' must not be null");
		Assert.hasText(registryKey, "'registryKey' must not be empty");
		Assert.notNull(options, "'options' must not be null");
		this.masters = masters;
		this.registryKey = registryKey;
		this.options = options.toBuilder().numExtensions(Integer.MAX_VALUE).build();
	}

	/**
	 * The lock of a key: the same object for the same key.
	 * @param lockKey the key; its {@code toString()} names the lock
	 * @return the lock, not acquired
	 */
	@Override
	public DistributedLock obtain(Object lockKey) {
		Assert.notNull(lockKey, "'lockKey' must not be null");
		String name = this.registryKey + ":" + lockKey;
		RegistryLock lock = this.locks.computeIfAbsent(name, RegistryLock::new);
		lock.lastUsed = System.nanoTime();
		return lock;
	}

	/**
	 * Forget the lock objects that are not held and were last obtained longer ago than {@code age} milliseconds.
	 * @param age the age in milliseconds
	 */
	@Override
	public void expireUnusedOlderThan(long age) {
		long now = System.nanoTime();
		long ageNanos = TimeUnit.MILLISECONDS.toNanos(age);
		this.locks.values()
			.removeIf((lock) -> !lock.local.isLocked() && now - lock.lastUsed > ageNanos);
	}

	/**
	 * The registry key.
	 * @return the prefix of the locks' names
	 */
	public String getRegistryKey() {
		return this.registryKey;
	}

	@Override
	public String toString() {
		return "RedlockLockRegistry{registryKey='" + this.registryKey + "', masters=" + this.masters.urls() + "}";
	}

	/** A thread-owned, reentrant lock over a Redlock. */
	private final class RegistryLock implements DistributedLock {

		private final String name;

		private final ReentrantLock local = new ReentrantLock();

		private volatile long lastUsed;

		/** The Redlock of the current acquisition; guarded by {@link #local}. */
		private @Nullable Redlock redlock;

		RegistryLock(String name) {
			this.name = name;
		}

		@Override
		public void lock() {
			lock(null);
		}

		@Override
		public void lock(@Nullable Duration ttl) {
			boolean interrupted = false;
			this.local.lock();
			try {
				while (true) {
					try {
						acquireOrRenew(ttl, null);
						return;
					}
					catch (InterruptedException ex) {
						// remembered and restored, not obeyed, as Lock.lock() requires
						Thread.interrupted();
						interrupted = true;
					}
				}
			}
			catch (RuntimeException | Error ex) {
				this.local.unlock();
				throw ex;
			}
			finally {
				if (interrupted) {
					Thread.currentThread().interrupt();
				}
			}
		}

		@Override
		public void lockInterruptibly() throws InterruptedException {
			this.local.lockInterruptibly();
			try {
				acquireOrRenew(null, null);
			}
			catch (RuntimeException | Error | InterruptedException ex) {
				this.local.unlock();
				throw ex;
			}
		}

		@Override
		public boolean tryLock() {
			try {
				return tryLock(Duration.ZERO, null);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		@Override
		public boolean tryLock(long time, TimeUnit unit) throws InterruptedException {
			return tryLock(Duration.ofNanos(Math.max(0, unit.toNanos(time))), null);
		}

		@Override
		public boolean tryLock(Duration waitTime, @Nullable Duration ttl) throws InterruptedException {
			long deadline = System.nanoTime() + waitTime.toNanos();
			if (!this.local.tryLock(waitTime.toNanos(), TimeUnit.NANOSECONDS)) {
				return false;
			}
			boolean acquired = false;
			try {
				acquired = acquireOrRenew(ttl, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
				return acquired;
			}
			finally {
				if (!acquired) {
					this.local.unlock();
				}
			}
		}

		/**
		 * With the local lock held: renew the lease of a held Redlock (re-entry), or acquire it, waiting forever
		 * ({@code wait} null) or up to {@code wait}.
		 */
		private boolean acquireOrRenew(@Nullable Duration ttl, @Nullable Duration wait) throws InterruptedException {
			Redlock current = this.redlock;
			if (current != null && this.local.getHoldCount() > 1 && current.isHeldByCurrentInstance()) {
				try {
					current.extend();
					return true;
				}
				catch (PotteryException ex) {
					// lost meanwhile: acquire it afresh below
				}
			}
			if (this.local.getHoldCount() > 1) {
				// the lease was lost: the outer holds are void, so that a failed attempt leaves the lock free
				while (this.local.getHoldCount() > 1) {
					this.local.unlock();
				}
			}
			RedlockOptions lease = (ttl != null)
					? RedlockLockRegistry.this.options.toBuilder().autoReleaseTime(ttl).build()
					: RedlockLockRegistry.this.options;
			Redlock fresh = (current != null && current.getOptions().equals(lease) && !current.isHeldByCurrentInstance())
					? current : Redlock.of(RedlockLockRegistry.this.masters, this.name, lease);
			boolean acquired;
			if (wait == null) {
				fresh.lockInterruptibly();
				acquired = true;
			}
			else {
				acquired = fresh.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
			}
			if (acquired) {
				this.redlock = fresh;
			}
			return acquired;
		}

		@Override
		public void unlock() {
			Assert.state(this.local.isHeldByCurrentThread(),
					() -> "Lock '" + this.name + "' is not held by the current thread");
			if (this.local.getHoldCount() > 1) {
				this.local.unlock();
				return;
			}
			Redlock current = this.redlock;
			this.redlock = null;
			try {
				if (current != null) {
					current.unlock();
				}
			}
			catch (PotteryException ex) {
				throw new IllegalStateException("Lock '" + this.name + "' was released on the Redlock masters before "
						+ "unlock (its lease ran out or a majority of masters was lost); the critical section may not "
						+ "have been exclusive", ex);
			}
			finally {
				this.local.unlock();
			}
		}

		@Override
		public Condition newCondition() {
			throw new UnsupportedOperationException("A Redlock registry lock does not support conditions");
		}

		@Override
		public String toString() {
			return "RedlockLockRegistry.Lock{name='" + this.name + "', held=" + this.local.isLocked() + "}";
		}

	}

}
