package dev.pottery.autoconfigure.integration;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import dev.pottery.lock.RedlockOptions;
import dev.pottery.lock.Masters;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.integration.support.locks.DistributedLock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link RedlockLockRegistry} on a real Redis: two registries stand for two JVMs.
 */
@RealRedis
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedlockLockRegistryTests {

	private static final RedlockOptions OPTIONS = RedlockOptions.builder()
		.masterTimeout(Duration.ofSeconds(5))
		.autoReleaseTime(Duration.ofSeconds(30))
		.build();

	private final RedisServer redis;

	private Masters masters;

	private String registryKey;

	RedlockLockRegistryTests(RedisServer redis) {
		this.redis = redis;
	}

	@BeforeEach
	void setUp() {
		this.masters = Masters.of(this.redis.url());
		this.registryKey = "pottery-test-" + UUID.randomUUID();
		// open the connection and load the scripts, so that single attempts (tryLock()) do not race them
		Lock warmUp = registry().obtain("warm-up");
		try {
			assertThat(warmUp.tryLock(30, TimeUnit.SECONDS)).isTrue();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
		warmUp.unlock();
	}

	@AfterEach
	void tearDown() {
		this.masters.close();
		this.redis.commands().keys("redlock:" + this.registryKey + ":*").forEach((key) -> this.redis.commands().del(key));
	}

	private RedlockLockRegistry registry() {
		return new RedlockLockRegistry(this.masters, this.registryKey, OPTIONS);
	}

	@Test
	void lockIsARedlockExcludingOtherRegistries() throws Exception {
		RedlockLockRegistry one = registry();
		RedlockLockRegistry other = registry();
		Lock lock = one.obtain("order-42");
		assertThat(one.obtain("order-42")).isSameAs(lock);
		assertThat(lock.tryLock(30, TimeUnit.SECONDS)).isTrue();
		assertThat(this.redis.commands().pttl("redlock:" + this.registryKey + ":order-42")).isBetween(1L, 30_000L);
		assertThat(other.obtain("order-42").tryLock()).isFalse();
		lock.unlock();
		assertThat(this.redis.commands().exists("redlock:" + this.registryKey + ":order-42")).isZero();
		Lock theirs = other.obtain("order-42");
		assertThat(theirs.tryLock()).isTrue();
		theirs.unlock();
	}

	@Test
	void lockIsReentrantAndOnlyTheLastUnlockReleases() {
		Lock lock = registry().obtain("reentrant");
		lock.lock();
		assertThat(lock.tryLock()).isTrue();
		lock.unlock();
		assertThat(this.redis.commands().exists("redlock:" + this.registryKey + ":reentrant")).isOne();
		lock.unlock();
		assertThat(this.redis.commands().exists("redlock:" + this.registryKey + ":reentrant")).isZero();
	}

	@Test
	void reentryRenewsTheLease() {
		DistributedLock lock = registry().obtain("renewed");
		lock.lock(Duration.ofSeconds(5));
		String key = "redlock:" + this.registryKey + ":renewed";
		this.redis.commands().pexpire(key, 1_000);
		assertThat(lock.tryLock()).isTrue();
		assertThat(this.redis.commands().pttl(key)).isGreaterThan(1_000L);
		lock.unlock();
		lock.unlock();
	}

	@Test
	void ownershipBelongsToTheThread() throws Exception {
		Lock lock = registry().obtain("threads");
		lock.lock();
		try {
			assertThat(CompletableFuture.supplyAsync(lock::tryLock).get(30, TimeUnit.SECONDS)).isFalse();
			CompletableFuture<Void> foreignUnlock = CompletableFuture.runAsync(lock::unlock);
			assertThat(foreignUnlock).failsWithin(30, TimeUnit.SECONDS)
				.withThrowableThat()
				.havingRootCause()
				.isInstanceOf(IllegalStateException.class)
				.withMessageContaining("not held by the current thread");
		}
		finally {
			lock.unlock();
		}
	}

	@Test
	void unlockAfterTheLeaseWasLostThrows() {
		Lock lock = registry().obtain("lost");
		lock.lock();
		this.redis.commands().del("redlock:" + this.registryKey + ":lost");
		assertThatIllegalStateException().isThrownBy(lock::unlock).withMessageContaining("lost");
		assertThat(lock.tryLock()).isTrue();
		lock.unlock();
	}

	@Test
	void executeLockedFromSpringIntegrationRunsUnderTheLock() throws Exception {
		RedlockLockRegistry registry = registry();
		String result = registry.executeLocked("job", () -> {
			assertThat(this.redis.commands().exists("redlock:" + this.registryKey + ":job")).isOne();
			return "done";
		});
		assertThat(result).isEqualTo("done");
		assertThat(this.redis.commands().exists("redlock:" + this.registryKey + ":job")).isZero();
	}

	@Test
	void expireUnusedForgetsFreeLocksOnly() {
		RedlockLockRegistry registry = registry();
		Lock held = registry.obtain("held");
		Lock free = registry.obtain("free");
		held.lock();
		try {
			registry.expireUnusedOlderThan(-1);
			assertThat(registry.obtain("held")).isSameAs(held);
			assertThat(registry.obtain("free")).isNotSameAs(free);
		}
		finally {
			held.unlock();
		}
	}

}
