package dev.pottery.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The one exception to a releaser's yield to woken waiters: on a single master, a process that was handed a short
 * hold by a wait may take the lock straight back, once (see {@code ReactiveRedlock.barges}). Independent clients
 * (each its own {@link Masters}) on 1 real master.
 */
@RealRedis(servers = 1)
@Timeout(120)
class RedlockBargingTests {

	private static final Duration MINUTE = Duration.ofSeconds(60);

	private final RedisServers servers;

	private final List<Masters> clients = new ArrayList<>();

	private String name;

	RedlockBargingTests(RedisServers servers) {
		this.servers = servers;
	}

	@BeforeEach
	void newName() {
		this.name = "pottery:test:" + UUID.randomUUID();
	}

	@AfterEach
	void closeClients() {
		this.clients.forEach(Masters::close);
		LockTestSupport.deleteKeys(this.servers, this.name);
	}

	private Masters client() {
		Masters masters = Masters.of(this.servers.urls());
		this.clients.add(masters);
		return masters;
	}

	private Redlock lock(Masters masters) {
		// a 10 s fallback retry: only release notifications hand the lock over within these tests' time
		return Redlock.of(masters, this.name, RedlockOptions.builder()
			.retryDelay(Duration.ofSeconds(10))
			.autoReleaseTime(MINUTE)
			.masterTimeout(Duration.ofSeconds(5))
			.build());
	}

	private void awaitSubscribers(long count) {
		String channel = ReleaseNotifications.channel("redlock:" + this.name);
		await().atMost(Duration.ofSeconds(30))
			.until(() -> this.servers.get(0).commands().pubsubNumsub(channel).get(channel) >= count);
	}

	/** Wait for the lock and release it inside the acquisition's own callback: a hold of microseconds. */
	private static CompletableFuture<Boolean> takeAndReleaseAtOnce(Redlock lock) {
		return lock.reactive()
			.tryAcquire(MINUTE)
			.flatMap((acquired) -> acquired ? lock.reactive().release().thenReturn(true) : reactor.core.publisher.Mono.just(false))
			.toFuture();
	}

	@Test
	void aProcessHandedAShortHoldReleasesWithoutYieldingSoItMayTakeItStraightBack() {
		Redlock holder = lock(client());
		Masters first = client();
		Masters second = client();
		holder.lock();
		CompletableFuture<Boolean> firstWaiter = takeAndReleaseAtOnce(lock(first));
		awaitSubscribers(1);
		CompletableFuture<Boolean> secondWaiter = takeAndReleaseAtOnce(lock(second));
		awaitSubscribers(2);
		holder.unlock();
		assertThat(firstWaiter).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
		assertThat(secondWaiter).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
		// whichever waiter got the lock first released it while the other still waited (its notification reached
		// a waiter): without the exception its process would owe that waiter a yield
		String key = "redlock:" + this.name;
		assertThat(first.releaseNotifications().isYieldRecorded(key)).isFalse();
		assertThat(second.releaseNotifications().isYieldRecorded(key)).isFalse();
	}

	@Test
	void aHoldThatWasNotHandedOverStillYields() {
		Masters releaser = client();
		Redlock lock = lock(releaser);
		Redlock waiter = lock(client());
		// taken at the first attempt, nobody waiting: no wait handed it over, so its release yields to the waiter
		assertThat(lock.tryLock()).isTrue();
		CompletableFuture<Boolean> waited = takeAndReleaseAtOnce(waiter);
		awaitSubscribers(1);
		lock.unlock();
		assertThat(waited).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
		assertThat(releaser.releaseNotifications().isYieldRecorded("redlock:" + this.name)).isTrue();
	}

	@Test
	void aLongHandedOverHoldStillYields() throws Exception {
		Redlock holder = lock(client());
		Masters handed = client();
		Redlock lock = lock(handed);
		holder.lock();
		CompletableFuture<Void> acquired = CompletableFuture.runAsync(lock::lock);
		awaitSubscribers(1);
		holder.unlock();
		assertThat(acquired).succeedsWithin(Duration.ofSeconds(30));
		CompletableFuture<Boolean> waited = takeAndReleaseAtOnce(holder);
		awaitSubscribers(2);
		// held far longer than a few release round trips (the waiter subscribing took one at least, and this one
		// sleeps 1 s more): fair turns cost little here, so the release yields
		Thread.sleep(1000);
		lock.unlock();
		assertThat(waited).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
		assertThat(handed.releaseNotifications().isYieldRecorded("redlock:" + this.name)).isTrue();
	}

	@Test
	void reTakingAfterShortHoldsStarvesNoClient() throws Exception {
		List<Redlock> locks = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			locks.add(lock(client()));
		}
		// empty critical sections: every handed-over hold is short enough to be re-taken once
		LockTestSupport.assertNoClientStarved(locks, 400, 0);
	}

	@Test
	void onlyASingleMasterShortHandedOverHoldBarges() {
		long rtt = Duration.ofMillis(1).toNanos();
		long start = 1_000_000_000L;
		assertThat(ReactiveRedlock.barges(1, start, start + rtt, rtt)).isTrue();
		assertThat(ReactiveRedlock.barges(1, start, start + 3 * rtt, rtt)).isTrue();
		// a hold of 4 release round trips or more: fair turns
		assertThat(ReactiveRedlock.barges(1, start, start + 4 * rtt, rtt)).isFalse();
		// not handed over by a wait (0), for example the re-take itself: it yields, so at most two holds in a row
		assertThat(ReactiveRedlock.barges(1, 0, start + rtt, rtt)).isFalse();
		// several masters: a re-take racing a woken waiter could split them
		assertThat(ReactiveRedlock.barges(3, start, start + rtt, rtt)).isFalse();
		assertThat(ReactiveRedlock.barges(5, start, start + rtt, rtt)).isFalse();
	}

}
