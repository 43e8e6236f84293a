package dev.pottery.lock;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.pottery.EncodingException;
import dev.pottery.WrongTypeException;
import dev.pottery.id.NextId;
import dev.pottery.id.NextIdOptions;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import reactor.core.publisher.Mono;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

/**
 * Errors that say what happened (issue 10, items 5 to 7): per-master outcomes, contention told from outage, a
 * rate-limited warning while masters are unreachable, the lease-lost listener, and clear exceptions for locks that
 * could never be taken.
 */
@RealRedis(servers = 5, controllable = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
@ExtendWith(OutputCaptureExtension.class)
class RedlockErrorTests {

	private static final RedlockOptions OPTIONS = RedlockOptions.builder()
		.masterTimeout(Duration.ofMillis(1500))
		.autoReleaseTime(Duration.ofSeconds(30))
		.build();

	private final RedisServers servers;

	private Masters masters;

	private String name;

	RedlockErrorTests(RedisServers servers) {
		this.servers = servers;
	}

	@BeforeEach
	void setUp() {
		this.masters = Masters.of(this.servers.urls());
		this.name = "pottery:test:" + UUID.randomUUID();
	}

	@AfterEach
	void tearDown() {
		for (RedisServer server : this.servers) {
			try {
				server.commands().ping();
			}
			catch (RuntimeException ex) {
				server.restart();
			}
		}
		LockTestSupport.deleteKeys(this.servers, this.name);
		this.servers.forEach((server) -> server.commands().del("nextid:" + this.name));
		this.masters.close();
	}

	private Redlock lock(RedlockOptions options) {
		return Redlock.of(this.masters, this.name, options);
	}

	private static RedlockOptions.Builder options() {
		return OPTIONS.toBuilder();
	}

	// ---------------------------------------------------------------- contention and outage (item 5)

	@Test
	void acquireOfABusyLockSaysItIsBusyWithEachMastersOutcome() {
		Redlock holder = lock(OPTIONS);
		assertThat(holder.tryLock()).isTrue();
		// the holder returned once a majority had it; the waiter must find it on every master, or it may take one
		org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> this.servers
			.forEach((server) -> assertThat(server.commands().exists("redlock:" + this.name)).isOne()));
		Redlock waiter = lock(options().acquireTimeout(Duration.ofMillis(300)).build());
		assertThatExceptionOfType(QuorumNotAchievedException.class).isThrownBy(waiter::acquire)
			.withMessageContaining("Could not acquire lock 'redlock:" + this.name + "' within acquireTimeout")
			.withMessageContaining("the lock is busy: another owner holds it on ")
			.satisfies((ex) -> assertThat(ex.getOutcomes()).hasSize(5)
				.containsValue("busy")
				.doesNotContainValue("timeout")
				.allSatisfy((url, outcome) -> assertThat(outcome).isIn("busy", "acquired", "no answer yet")));
		// ("acquired" where the holder's own SET was still in flight: it returned once a majority had answered)
		holder.unlock();
	}

	@Test
	void acquireWhileAMajorityIsDownSaysMastersAreUnreachableAndWarnsOnce(CapturedOutput output) {
		List.of(0, 1, 2).forEach((i) -> this.servers.get(i).kill());
		Redlock lock = lock(options().acquireTimeout(Duration.ofMillis(800))
			.retryDelay(Duration.ofMillis(20))
			.build());
		assertThatExceptionOfType(QuorumNotAchievedException.class).isThrownBy(lock::acquire)
			.withMessageContaining("masters unreachable: 3 of 5 masters erred or did not answer")
			.withMessageContaining(this.servers.get(0).url())
			.satisfies((ex) -> {
				assertThat(ex.getOutcomes()).hasSize(5);
				assertThat(ex.getOutcomes().get(this.servers.get(0).url())).startsWith("error: ");
				assertThat(ex.getOutcomes().get(this.servers.get(3).url())).isIn("acquired", "no answer yet");
				assertThat(ex.getRedisErrors()).hasSize(3);
			});
		// many attempts failed on errors; one warning names the lock and the unreachable masters
		String warning = "Lock 'redlock:" + this.name + "' cannot be acquired, masters unreachable";
		assertThat(output.getAll()).contains(warning).contains(this.servers.get(1).url());
		assertThat(output.getAll().split(java.util.regex.Pattern.quote(warning), -1)).hasSize(2);
	}

	@Test
	void tryLockWithRaiseOnRedisErrorsCarriesEachMastersOutcome() {
		List.of(0, 1, 2).forEach((i) -> this.servers.get(i).kill());
		assertThatExceptionOfType(QuorumIsImpossibleException.class)
			.isThrownBy(() -> lock(options().raiseOnRedisErrors(true).build()).tryLock())
			.withMessageContaining("masters unreachable")
			.satisfies((ex) -> assertThat(ex.getOutcomes().values()).filteredOn((v) -> v.startsWith("error: "))
				.hasSize(3));
	}

	@Test
	void unlockAfterTheMastersBecameUnreachableSaysSoNotThatTheLeaseRanOut() {
		Redlock lock = lock(OPTIONS);
		assertThat(lock.tryLock()).isTrue();
		List.of(0, 1, 2).forEach((i) -> this.servers.get(i).kill());
		assertThatExceptionOfType(ReleaseUnlockedLockException.class).isThrownBy(lock::unlock)
			.withMessageContaining("masters unreachable")
			.withMessageNotContaining("ran out");
	}

	@Test
	void unlockOfALostLeaseSaysItRanOutAndTellsTheListener() {
		List<String> lost = new CopyOnWriteArrayList<>();
		Redlock lock = lock(OPTIONS).onLeaseLost((name) -> lost.add(name + " on " + Thread.currentThread().getName()));
		assertThat(lock.tryLock()).isTrue();
		this.servers.forEach((server) -> server.commands().del("redlock:" + this.name));
		assertThatExceptionOfType(ReleaseUnlockedLockException.class).isThrownBy(lock::unlock)
			.withMessageContaining("ran out")
			.satisfies((ex) -> assertThat(ex.getOutcomes()).containsValue("not held"));
		await().atMost(Duration.ofSeconds(10)).until(() -> lost.size() == 1);
		assertThat(lost.get(0)).startsWith(this.name + " on ").doesNotContain("pottery-quorum-timer")
			.doesNotContain("lettuce");
	}

	@Test
	void theWatchdogLosingTheLockTellsTheListenerOffTheTimerThread() {
		List<String> threads = new CopyOnWriteArrayList<>();
		Redlock lock = lock(options().autoReleaseTime(Duration.ofMillis(900)).watchdog(true).build())
			.onLeaseLost((name) -> {
				threads.add(Thread.currentThread().getName());
				// a listener may block without stalling anything
				try {
					Thread.sleep(50);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		assertThat(lock.tryLock()).isTrue();
		this.servers.forEach((server) -> server.commands().del("redlock:" + this.name));
		await().atMost(Duration.ofSeconds(10)).until(() -> threads.size() == 1);
		assertThat(lock.isWatchdogFailed()).isTrue();
		assertThat(threads.get(0)).doesNotContain("pottery-quorum-timer").doesNotContain("lettuce");
	}

	// ---------------------------------------------------------------- locks that could never be taken (item 6)

	@Test
	void aLockKeyOfAnotherTypeThrowsNamingTheKey() {
		this.servers.forEach((server) -> server.commands().hset("redlock:" + this.name, "field", "value"));
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> lock(OPTIONS).tryLock())
			.withMessageContaining("'redlock:" + this.name + "'")
			.withMessageContaining("Redlock")
			.withMessageContaining("delete this one");
		assertThatExceptionOfType(WrongTypeException.class)
			.isThrownBy(() -> lock(options().fencing(true).build()).tryLock())
			.withMessageContaining("holds a hash")
			.satisfies((ex) -> assertThat(ex.getActualType()).isEqualTo("hash"));
		this.servers.forEach((server) -> server.commands().del("redlock:" + this.name));
	}

	@Test
	void aGarbageFencingCounterThrowsNamingTheCounter() {
		String fenceKey = ReactiveRedlock.fenceKey(this.name);
		this.servers.forEach((server) -> server.commands().set(fenceKey, "garbage"));
		assertThatExceptionOfType(EncodingException.class)
			.isThrownBy(() -> lock(options().fencing(true).raiseOnRedisErrors(true).build()).tryLock())
			.withMessageContaining("'" + fenceKey + "' holds 'garbage'")
			.withMessageContaining("delete the key");
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void aClosedMastersThrowsInsteadOfAnsweringNotAcquired() {
		Masters closed = Masters.of(this.servers.urls());
		Redlock lock = Redlock.of(closed, this.name, OPTIONS);
		closed.close();
		assertThatIllegalStateException().isThrownBy(lock::tryLock).withMessageContaining("are closed");
		assertThatIllegalStateException().isThrownBy(() -> Redlock.of(closed, this.name)).withMessageContaining("closed");
	}

	@Test
	void firstUseOfFencingWarnsAboutMastersWithoutFullPersistence(CapturedOutput output) {
		Redlock lock = lock(options().fencing(true).build());
		assertThat(lock.tryLock()).isTrue();
		lock.unlock();
		// the embedded test servers run without appendonly
		await().atMost(Duration.ofSeconds(10))
			.until(() -> output.getAll().contains("Master " + this.servers.get(0).url() + " runs without an append-only file"));
		assertThat(output.getAll()).contains("use appendonly yes and appendfsync always");
	}

	// ---------------------------------------------------------------- smaller (item 7)

	@Test
	void concurrentExtensionsCannotBothPassTheLimit() {
		Redlock lock = lock(options().numExtensions(1).build());
		assertThat(lock.tryLock()).isTrue();
		CompletableFuture<Void> first = lock.reactive().extend().toFuture();
		CompletableFuture<Void> second = lock.reactive().extend().toFuture();
		assertThat(CompletableFuture.allOf(first, second).handle((done, ex) -> ex)).succeedsWithin(Duration.ofSeconds(30))
			.isNotNull();
		assertThat(List.of(first, second)).filteredOn(CompletableFuture::isCompletedExceptionally).hasSize(1);
		assertThat(second).failsWithin(Duration.ofSeconds(1))
			.withThrowableThat()
			.withCauseInstanceOf(TooManyExtensionsException.class);
		lock.unlock();
	}

	@Test
	void withLockWhoseLeaseRanOutFailsWithReleaseUnlockedLock() {
		ReactiveRedlock lock = ReactiveRedlock.of(this.masters, this.name, OPTIONS);
		Mono<String> work = lock.withLock(() -> Mono.fromRunnable(() -> this.servers
			.forEach((server) -> server.commands().del("redlock:" + this.name))).thenReturn("done"));
		assertThatExceptionOfType(ReleaseUnlockedLockException.class).isThrownBy(work::block);
	}

	@Test
	void isLockedAndTheHoldersLeaseAreSeenFromAnyInstance() {
		Redlock holder = lock(OPTIONS);
		Redlock observer = lock(OPTIONS);
		assertThat(observer.isLocked()).isFalse();
		assertThat(observer.holderRemainingLease()).isZero();
		assertThat(holder.tryLock()).isTrue();
		assertThat(observer.isLocked()).isTrue();
		assertThat(observer.holderRemainingLease()).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
		assertThat(observer.remainingLease()).isZero();
		holder.unlock();
		assertThat(observer.isLocked()).isFalse();
	}

	@Test
	void nextIdResetHonoursRaiseOnRedisErrors() {
		List.of(0, 1, 2).forEach((i) -> this.servers.get(i).kill());
		assertThatExceptionOfType(QuorumIsImpossibleException.class)
			.isThrownBy(() -> NextId.of(this.masters, this.name, NextIdOptions.builder().numTries(3).masterTimeout(Duration.ofMillis(1500)).raiseOnRedisErrors(true).build())
				.reset())
			.withMessageContaining("reset() needs every master")
			.satisfies((ex) -> assertThat(ex.getOutcomes()).hasSize(5));
		assertThatExceptionOfType(QuorumNotAchievedException.class)
			.isThrownBy(() -> NextId.of(this.masters, this.name, NextIdOptions.builder().numTries(3).masterTimeout(Duration.ofMillis(1500)).raiseOnRedisErrors(false).build())
				.getAsLong())
			.withMessageContaining("masters unreachable");
	}

}
