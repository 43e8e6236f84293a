package dev.pottery.autoconfigure.shedlock;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pottery.lock.RedlockOptions;
import dev.pottery.lock.Masters;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServers;
import net.javacrumbs.shedlock.core.DefaultLockingTaskExecutor;
import net.javacrumbs.shedlock.core.LockAssert;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockExtender;
import net.javacrumbs.shedlock.core.LockingTaskExecutor;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link RedlockLockProvider} with ShedLock's own {@link DefaultLockingTaskExecutor} on three real masters; two
 * providers with their own connections stand for two nodes.
 */
@RealRedis(servers = 3)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedlockLockProviderTests {

	private static final RedlockOptions OPTIONS = RedlockOptions.builder().masterTimeout(Duration.ofSeconds(5)).build();

	private final RedisServers servers;

	private Masters nodeA;

	private Masters nodeB;

	private String job;

	RedlockLockProviderTests(RedisServers servers) {
		this.servers = servers;
	}

	@BeforeEach
	void setUp() {
		this.nodeA = Masters.of(this.servers.urls());
		this.nodeB = Masters.of(this.servers.urls());
		this.job = "pottery-test-" + UUID.randomUUID();
		warmUp(this.nodeA);
		warmUp(this.nodeB);
	}

	/** Open the connections and load the scripts, so that ShedLock's single attempts do not race them. */
	static void warmUp(Masters masters) {
		dev.pottery.lock.Redlock warmUp = dev.pottery.lock.Redlock.of(masters, "pottery-test-warm-up-" + UUID.randomUUID(),
				OPTIONS);
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
		this.nodeA.close();
		this.nodeB.close();
		this.servers.forEach((server) -> server.commands().del(key()));
	}

	private String key() {
		return "redlock:shedlock:" + this.job;
	}

	private LockConfiguration configuration(Duration atMost, Duration atLeast) {
		return new LockConfiguration(Instant.now(), this.job, atMost, atLeast);
	}

	@Test
	void aJobRunsOnOneNodeAtATime() throws Throwable {
		LockingTaskExecutor a = new DefaultLockingTaskExecutor(new RedlockLockProvider(this.nodeA, "shedlock", OPTIONS));
		LockingTaskExecutor b = new DefaultLockingTaskExecutor(new RedlockLockProvider(this.nodeB, "shedlock", OPTIONS));
		AtomicInteger runs = new AtomicInteger();
		CountDownLatch running = new CountDownLatch(1);
		CountDownLatch finish = new CountDownLatch(1);
		Thread first = new Thread(() -> a.executeWithLock((Runnable) () -> {
			LockAssert.assertLocked();
			runs.incrementAndGet();
			running.countDown();
			await(finish);
		}, configuration(Duration.ofMinutes(1), Duration.ZERO)));
		first.start();
		assertThat(running.await(30, TimeUnit.SECONDS)).isTrue();
		LockingTaskExecutor.TaskResult<String> skipped = b.executeWithLock(() -> "ran",
				configuration(Duration.ofMinutes(1), Duration.ZERO));
		assertThat(skipped.wasExecuted()).isFalse();
		assertThat(onMajority((ttl) -> ttl >= 1 && ttl <= 60_000)).isTrue();
		finish.countDown();
		first.join(30_000);
		assertThat(runs).hasValue(1);
		assertThat(onMajority((ttl) -> ttl == -2)).isTrue();
		assertThat(b.executeWithLock(() -> "ran", configuration(Duration.ofMinutes(1), Duration.ZERO)).getResult())
			.isEqualTo("ran");
	}

	@Test
	void lockAtLeastForKeepsTheLockUntilItPassesAndThenNoLonger() throws Throwable {
		RedlockLockProvider provider = new RedlockLockProvider(this.nodeA, "shedlock", OPTIONS);
		Optional<SimpleLock> lock = provider.lock(configuration(Duration.ofMinutes(10), Duration.ofSeconds(30)));
		assertThat(lock).isPresent();
		lock.get().unlock();
		// the lease was shortened to what is left of lockAtLeastFor, not released and not left at lockAtMostFor
		assertThat(onMajority((ttl) -> ttl >= 1 && ttl <= 30_000)).isTrue();
		RedlockLockProvider other = new RedlockLockProvider(this.nodeB, "shedlock", OPTIONS);
		assertThat(other.lock(configuration(Duration.ofMinutes(10), Duration.ZERO))).isEmpty();
		this.servers.forEach((server) -> server.commands().pexpire(key(), 1));
		await().atMost(Duration.ofSeconds(30)).until(() -> other
			.lock(configuration(Duration.ofMinutes(10), Duration.ZERO))
			.map((acquired) -> {
				acquired.unlock();
				return true;
			})
			.orElse(false));
	}

	@Test
	void lockExtenderResetsTheLeaseToTheNewLockAtMostFor() throws Throwable {
		LockingTaskExecutor executor = new DefaultLockingTaskExecutor(
				new RedlockLockProvider(this.nodeA, "shedlock", OPTIONS));
		executor.executeWithLock((Runnable) () -> {
			LockExtender.extendActiveLock(Duration.ofMinutes(5), Duration.ZERO);
			assertThat(onMajority((ttl) -> ttl > 60_000)).isTrue();
		}, configuration(Duration.ofSeconds(30), Duration.ZERO));
		assertThat(onMajority((ttl) -> ttl == -2)).isTrue();
	}

	/**
	 * Whether a majority of the masters holds the key with a TTL that passes (-2: absent); Redlock answers once a
	 * majority did, so the last master may still be in flight.
	 */
	private boolean onMajority(java.util.function.LongPredicate ttl) {
		long passing = 0;
		for (dev.pottery.test.RedisServer server : this.servers) {
			if (ttl.test(server.commands().pttl(key()))) {
				passing++;
			}
		}
		return passing >= this.servers.servers().size() / 2 + 1;
	}

	private static void await(CountDownLatch latch) {
		try {
			latch.await(30, TimeUnit.SECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static org.awaitility.core.ConditionFactory await() {
		return org.awaitility.Awaitility.await();
	}

}
