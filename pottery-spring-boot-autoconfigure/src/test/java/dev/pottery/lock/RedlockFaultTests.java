package dev.pottery.lock;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import dev.pottery.id.NextId;
import dev.pottery.id.NextIdOptions;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * {@link Redlock} and {@link NextId} while masters are killed, paused (SIGSTOP) and restarted.
 */
@RealRedis(servers = 5, controllable = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedlockFaultTests {

	/**
	 * A per-master timeout a loaded build machine cannot miss for a live master, still far below the lease: what is
	 * tested is that paused and dead masters cost a timeout, not a hang.
	 */
	private static final RedlockOptions OPTIONS = RedlockOptions.builder().masterTimeout(Duration.ofMillis(500)).build();

	private static final NextIdOptions ID_OPTIONS = NextIdOptions.builder().numTries(3).masterTimeout(Duration.ofMillis(500)).raiseOnRedisErrors(false).build();

	private final RedisServers servers;

	private Masters masters;

	private String name;

	RedlockFaultTests(RedisServers servers) {
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
			restore(server);
		}
		LockTestSupport.deleteKeys(this.servers, this.name);
		this.servers.forEach((server) -> server.commands().del("nextid:" + this.name));
		this.masters.close();
	}

	private static void restore(RedisServer server) {
		try {
			server.resume();
		}
		catch (RuntimeException ex) {
			// not paused
		}
		try {
			server.commands().ping();
		}
		catch (RuntimeException ex) {
			server.restart();
		}
	}

	@Test
	void locksAndIdsWorkWithTwoOfFiveMastersKilled() {
		this.servers.get(0).kill();
		this.servers.get(1).kill();
		Redlock lock = Redlock.of(this.masters, this.name, OPTIONS);
		assertThat(lock.tryLock()).isTrue();
		assertThat(Redlock.of(this.masters, this.name, OPTIONS).tryLock()).isFalse();
		lock.unlock();
		NextId ids = NextId.of(this.masters, this.name, ID_OPTIONS);
		assertThat(ids.getAsLong()).isEqualTo(1);
		assertThat(ids.getAsLong()).isEqualTo(2);
	}

	@Test
	void acquisitionCompletesWithTwoOfFiveMastersPausedAndLeavesNoKeyAfterResume() {
		this.servers.get(3).pause();
		this.servers.get(4).pause();
		Redlock lock = Redlock.of(this.masters, this.name, OPTIONS);
		assertThat(lock.tryLock()).isTrue();
		assertThat(lock.isHeldByCurrentInstance()).isTrue();
		lock.unlock();
		assertThat(NextId.of(this.masters, this.name, ID_OPTIONS).getAsLong()).isEqualTo(1);
		this.servers.get(3).resume();
		this.servers.get(4).resume();
		// the acquisition the paused masters run after resuming is followed by its release, in order
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void withThreeOfFiveMastersDownNothingHangsAndAfterRestartAllWorksAgain() {
		List.of(0, 1, 2).forEach((i) -> this.servers.get(i).kill());
		Redlock lock = Redlock.of(this.masters, this.name, OPTIONS);
		assertThat(lock.tryLock()).isFalse();
		Redlock timed = Redlock.of(this.masters, this.name,
				OPTIONS.toBuilder().acquireTimeout(Duration.ofMillis(300)).build());
		assertThatExceptionOfType(QuorumNotAchievedException.class).isThrownBy(timed::acquire);
		Redlock raising = Redlock.of(this.masters, this.name, OPTIONS.toBuilder().raiseOnRedisErrors(true).build());
		assertThatExceptionOfType(QuorumIsImpossibleException.class).isThrownBy(raising::tryLock)
			.satisfies((ex) -> assertThat(ex.getRedisErrors()).hasSize(3))
			.satisfies((ex) -> assertThat(ex.getMasters()).hasSize(5));
		assertThatExceptionOfType(QuorumNotAchievedException.class)
			.isThrownBy(() -> NextId.of(this.masters, this.name, ID_OPTIONS).getAsLong());
		assertThatExceptionOfType(QuorumIsImpossibleException.class).isThrownBy(
				() -> NextId.of(this.masters, this.name, NextIdOptions.builder().numTries(3).masterTimeout(Duration.ofMillis(500)).raiseOnRedisErrors(true).build()).getAsLong());
		List.of(0, 1, 2).forEach((i) -> this.servers.get(i).restart());
		await().atMost(Duration.ofSeconds(15)).until(lock::tryLock);
		lock.unlock();
		await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
			.until(() -> NextId.of(this.masters, this.name, ID_OPTIONS).getAsLong() >= 1);
	}

	@Test
	void withThreeOfFiveMastersPausedTryLockReturnsFalse() {
		List.of(0, 1, 2).forEach((i) -> this.servers.get(i).pause());
		assertThat(Redlock.of(this.masters, this.name, OPTIONS).tryLock()).isFalse();
		List.of(0, 1, 2).forEach((i) -> this.servers.get(i).resume());
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

}
