package dev.pottery.lock;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.pottery.test.QuorumTestSupport;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;
import io.lettuce.core.SetArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link Redlock} on 5 real masters.
 */
@RealRedis(servers = 5)
class RedlockTests extends QuorumTestSupport {

	RedlockTests(RedisServers servers) {
		super(servers);
	}

	@AfterEach
	void deleteKeys() {
		LockTestSupport.deleteKeys(this.servers, this.name);
	}

	/**
	 * pottery's defaults except a generous per-master timeout: these tests are about semantics and must not fail
	 * when a loaded build machine makes a master answer later than 50 ms.
	 */
	static RedlockOptions.Builder options() {
		return RedlockOptions.builder().masterTimeout(Duration.ofSeconds(2));
	}

	private Redlock lock() {
		return Redlock.of(masters, this.name, options().build());
	}

	private Redlock lock(RedlockOptions options) {
		return Redlock.of(masters, this.name, options);
	}

	// ---------------------------------------------------------------- tryLock / unlock

	@Test
	void tryLockWhenFreeAcquiresOnEveryMasterWithPotteryKeyAndLease() {
		Redlock lock = lock();
		assertThat(lock.tryLock()).isTrue();
		assertThat(lock.isHeldByCurrentInstance()).isTrue();
		// a majority answered before tryLock returned; the others' SETs may still be on their way
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			for (RedisServer server : this.servers) {
				String token = server.commands().get("redlock:" + this.name);
				assertThat(token).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
				assertThat(server.commands().pttl("redlock:" + this.name)).isBetween(1L, 10_000L);
			}
		});
		lock.unlock();
		assertThat(lock.isHeldByCurrentInstance()).isFalse();
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void tryLockWhenHeldByAnotherInstanceFails() {
		Redlock first = lock();
		Redlock second = lock();
		assertThat(first.tryLock()).isTrue();
		assertThat(second.tryLock()).isFalse();
		assertThat(second.isHeldByCurrentInstance()).isFalse();
		first.unlock();
		assertThat(second.tryLock()).isTrue();
		second.unlock();
	}

	@Test
	void tryLockWhenPythonPotteryHoldsTheLockFails() {
		// pottery's acquire, byte for byte: SET redlock:<key> <uuid4> PX <ttl> NX on every master
		String pythonToken = UUID.randomUUID().toString();
		PythonRedlock python = new PythonRedlock(this.servers, this.name);
		assertThat(python.acquire(pythonToken, 10_000)).isTrue();
		Redlock java = lock();
		assertThat(java.tryLock()).isFalse();
		assertThat(python.release(pythonToken)).isTrue();
		assertThat(java.tryLock()).isTrue();
		assertThat(python.acquire(UUID.randomUUID().toString(), 10_000)).isFalse();
		java.unlock();
	}

	@Test
	void tryLockWhenMinorityHeldByOthersSucceedsAndLeavesTheirKeys() {
		this.servers.get(0).commands().set("redlock:" + this.name, "someone-else", SetArgs.Builder.px(10_000));
		this.servers.get(1).commands().set("redlock:" + this.name, "someone-else", SetArgs.Builder.px(10_000));
		Redlock lock = lock();
		assertThat(lock.tryLock()).isTrue();
		lock.unlock();
		assertThat(this.servers.get(0).commands().get("redlock:" + this.name)).isEqualTo("someone-else");
		assertThat(this.servers.get(1).commands().get("redlock:" + this.name)).isEqualTo("someone-else");
	}

	@Test
	void tryLockWhenMajorityHeldByOthersFailsAndRemovesItsPartialHolds() {
		for (int i = 0; i < 3; i++) {
			this.servers.get(i).commands().set("redlock:" + this.name, "someone-else", SetArgs.Builder.px(10_000));
		}
		Redlock lock = lock();
		assertThat(lock.tryLock()).isFalse();
		assertThat(this.servers.get(3).commands().exists("redlock:" + this.name)).isZero();
		assertThat(this.servers.get(4).commands().exists("redlock:" + this.name)).isZero();
		assertThat(this.servers.get(0).commands().get("redlock:" + this.name)).isEqualTo("someone-else");
	}

	@Test // issue 10: a 1-2 ms lease was accepted, but could never be acquired (validity <= 0)
	void aLeaseShorterThanTheDriftIsRejectedAtConstruction() {
		assertThatIllegalArgumentException().isThrownBy(() -> options().autoReleaseTime(Duration.ofMillis(2)).build())
			.withMessageContaining("'autoReleaseTime' of 2 ms")
			.withMessageContaining("could never be acquired")
			.withMessageContaining("use at least 3 ms");
		assertThat(options().autoReleaseTime(Duration.ofMillis(3)).build().autoReleaseTime())
			.isEqualTo(Duration.ofMillis(3));
	}

	@Test
	void tryLockWithTimeoutWaitsForTheHolderToRelease() throws Exception {
		Redlock holder = lock();
		assertThat(holder.tryLock()).isTrue();
		Redlock waiter = lock(options().retryDelay(Duration.ofMillis(20)).build());
		AtomicBoolean acquired = new AtomicBoolean();
		Thread thread = new Thread(() -> {
			try {
				acquired.set(waiter.tryLock(30, TimeUnit.SECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		thread.start();
		holder.unlock();
		thread.join(30_000);
		assertThat(acquired).isTrue();
		waiter.unlock();
	}

	@Test
	void tryLockWithTimeoutWhenHeldElsewhereReturnsFalse() throws Exception {
		Redlock holder = lock();
		assertThat(holder.tryLock()).isTrue();
		assertThat(lock().tryLock(100, TimeUnit.MILLISECONDS)).isFalse();
		holder.unlock();
	}

	@Test
	void unlockWhenNotHeldThrowsReleaseUnlockedLock() {
		assertThatExceptionOfType(ReleaseUnlockedLockException.class).isThrownBy(lock()::unlock)
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("redlock:" + this.name))
			.satisfies((ex) -> assertThat(ex.getMasters()).hasSize(5));
	}

	@Test
	void unlockWhenAnotherInstanceHoldsTheLockThrowsAndKeepsTheirLock() {
		Redlock holder = lock();
		Redlock other = lock();
		assertThat(holder.tryLock()).isTrue();
		assertThat(other.tryLock()).isFalse();
		assertThatExceptionOfType(ReleaseUnlockedLockException.class).isThrownBy(other::unlock);
		assertThat(holder.remainingLease()).isPositive();
		holder.unlock();
	}

	// ---------------------------------------------------------------- lock / lockInterruptibly

	@Test
	void lockAcquiresAndLockInterruptiblyObeysInterrupts() throws Exception {
		Redlock holder = lock();
		holder.lock();
		Redlock waiter = lock(options().retryDelay(Duration.ofMillis(10)).build());
		AtomicBoolean interrupted = new AtomicBoolean();
		Thread thread = new Thread(() -> {
			try {
				waiter.lockInterruptibly();
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
		});
		thread.start();
		thread.interrupt();
		thread.join(10_000);
		assertThat(interrupted).isTrue();
		assertThat(waiter.isHeldByCurrentInstance()).isFalse();
		holder.unlock();
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	// ---------------------------------------------------------------- acquire

	@Test
	void acquireInTryWithResourcesReleasesOnClose() {
		Redlock lock = lock();
		try (Redlock.Held held = lock.acquire()) {
			assertThat(held.lock()).isSameAs(lock);
			assertThat(lock.isHeldByCurrentInstance()).isTrue();
		}
		assertThat(lock.isHeldByCurrentInstance()).isFalse();
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void acquireWhenNonBlockingAndHeldThrowsQuorumNotAchieved() {
		Redlock holder = lock();
		assertThat(holder.tryLock()).isTrue();
		Redlock other = lock(options().acquireBlocking(false).build());
		assertThatExceptionOfType(QuorumNotAchievedException.class).isThrownBy(other::acquire);
		Redlock timed = lock(options().acquireTimeout(Duration.ofMillis(100)).build());
		assertThatExceptionOfType(QuorumNotAchievedException.class).isThrownBy(timed::acquire);
		holder.unlock();
	}

	// ---------------------------------------------------------------- extend

	@Test
	void extendResetsTheLeaseUpToNumExtensionsTimes() {
		Redlock lock = lock(options().numExtensions(2).build());
		assertThat(lock.tryLock()).isTrue();
		this.servers.forEach((server) -> server.commands().pexpire("redlock:" + this.name, 5_000));
		lock.extend();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> this.servers
			.forEach((server) -> assertThat(server.commands().pttl("redlock:" + this.name)).isGreaterThan(5_000)));
		lock.extend();
		assertThatExceptionOfType(TooManyExtensionsException.class).isThrownBy(lock::extend);
		lock.unlock();
	}

	@Test
	void extendWhenNotHeldThrowsExtendUnlockedLock() {
		assertThatExceptionOfType(ExtendUnlockedLockException.class).isThrownBy(lock()::extend);
	}

	@Test
	void extendWhenKeysWereDeletedThrowsExtendUnlockedLock() {
		Redlock lock = lock();
		assertThat(lock.tryLock()).isTrue();
		this.servers.forEach((server) -> server.commands().del("redlock:" + this.name));
		assertThatExceptionOfType(ExtendUnlockedLockException.class).isThrownBy(lock::extend);
		assertThatExceptionOfType(ReleaseUnlockedLockException.class).isThrownBy(lock::unlock);
	}

	// ---------------------------------------------------------------- remainingLease

	@Test
	void remainingLeaseIsPositiveWhileHeldAndZeroOtherwise() {
		Redlock lock = lock();
		assertThat(lock.remainingLease()).isZero();
		assertThat(lock.tryLock()).isTrue();
		assertThat(lock.remainingLease()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(10));
		assertThat(lock().remainingLease()).isZero();
		lock.unlock();
		assertThat(lock.remainingLease()).isZero();
	}

	// ---------------------------------------------------------------- lease expiry

	@Test
	void leaseExpiresWithoutExtensionAndUnlockThenThrows() {
		Redlock lock = lock(options().autoReleaseTime(Duration.ofMillis(300)).build());
		assertThat(lock.tryLock()).isTrue();
		Redlock other = lock(options().autoReleaseTime(Duration.ofMillis(300)).build());
		await().atMost(Duration.ofSeconds(5)).until(other::tryLock);
		assertThat(lock.isHeldByCurrentInstance()).isFalse();
		assertThatExceptionOfType(ReleaseUnlockedLockException.class).isThrownBy(lock::unlock);
		other.unlock();
	}

	@Test
	void watchdogKeepsTheLockPastThreeLeases() {
		// long enough that a loaded build machine does not miss an extension (every third of the lease)
		Duration lease = Duration.ofMillis(1500);
		Redlock lock = lock(options().autoReleaseTime(lease).watchdog(true).build());
		assertThat(lock.tryLock()).isTrue();
		Redlock other = lock(options().autoReleaseTime(lease).build());
		long end = System.nanoTime() + lease.multipliedBy(4).toNanos();
		while (System.nanoTime() < end) {
			assertThat(other.tryLock()).isFalse();
		}
		assertThat(lock.isWatchdogFailed()).isFalse();
		assertThat(lock.isHeldByCurrentInstance()).isTrue();
		lock.unlock();
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void watchdogStopsAndReportsWhenAnExtensionFails() {
		Redlock lock = lock(options().autoReleaseTime(Duration.ofMillis(600)).watchdog(true).build());
		assertThat(lock.tryLock()).isTrue();
		this.servers.forEach((server) -> server.commands().del("redlock:" + this.name));
		await().atMost(Duration.ofSeconds(5)).until(lock::isWatchdogFailed);
		assertThatExceptionOfType(ReleaseUnlockedLockException.class).isThrownBy(lock::unlock);
	}

	// ---------------------------------------------------------------- fencing tokens

	@Test
	void fencingTokensStrictlyIncreaseAcrossInstances() {
		RedlockOptions options = options().fencing(true).build();
		long previous = 0;
		for (int i = 0; i < 20; i++) {
			Redlock lock = lock(options);
			try (Redlock.Held held = lock.acquire()) {
				assertThat(held.fencingToken()).isGreaterThan(previous);
				previous = held.fencingToken();
			}
		}
		assertThat(previous).isEqualTo(20);
		// written back to (at least) a majority; a master busy with an earlier release may have missed a round
		long written = this.servers.servers().stream()
			.filter((server) -> "20".equals(server.commands().get(ReactiveRedlock.fenceKey(this.name))))
			.count();
		assertThat(written).isGreaterThanOrEqualTo(3);
	}

	@Test
	void fencingTokenIsDerivedFromTheMajorityEvenWhenCountersDiffer() {
		// token 9 was written back to a majority (masters 0, 2, 4) and the minority lags: every majority sees 9
		List<String> counters = List.of("9", "3", "9", "1", "9");
		for (int i = 0; i < 5; i++) {
			this.servers.get(i).commands().set(ReactiveRedlock.fenceKey(this.name), counters.get(i));
		}
		Redlock lock = lock(options().fencing(true).build());
		assertThat(lock.tryLock()).isTrue();
		assertThat(lock.fencingToken()).isEqualTo(10);
		lock.unlock();
	}

	@Test
	void fencingTokenWhenFencingIsOffThrows() {
		Redlock lock = lock();
		assertThatIllegalStateException().isThrownBy(lock::fencingToken);
		assertThat(lock.tryLock()).isTrue();
		assertThatIllegalStateException().isThrownBy(lock::fencingToken).withMessageContaining("fencing(true)");
		lock.unlock();
	}

	// ---------------------------------------------------------------- newCondition

	@Test
	void newConditionIsUnsupported() {
		assertThatExceptionOfType(UnsupportedOperationException.class).isThrownBy(lock()::newCondition);
	}

	// ---------------------------------------------------------------- ordering of release after acquire

	@Test // issue 4: pottery's release overtakes in-flight acquires and leaves keys on slow masters
	void threeHundredAcquireReleaseCyclesLeaveNoLockKeyOnAnyMaster() {
		Redlock lock = lock(options().masterTimeout(Duration.ofSeconds(1)).build());
		for (int i = 0; i < 300; i++) {
			assertThat(lock.tryLock()).isTrue();
			lock.unlock();
		}
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void toStringShowsKeyAndMasters() {
		assertThat(lock().toString()).startsWith("Redlock{key=redlock:" + this.name + ", masters=[redis://");
	}

}
