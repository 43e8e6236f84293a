package dev.pottery.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Hand-over of a contended {@link Redlock} between independent clients (each its own {@link Masters}, as separate
 * application instances have) on 3 real masters: release notifications, their fallbacks, and fairness.
 */
@RealRedis(servers = 3)
@Timeout(120)
class RedlockHandOverTests {

	private static final Duration TEN_SECONDS = Duration.ofSeconds(10);

	private final RedisServers servers;

	private final List<Masters> clients = new ArrayList<>();

	private String name;

	RedlockHandOverTests(RedisServers servers) {
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

	private static RedlockOptions options(Duration retryDelay, Duration lease) {
		return RedlockOptions.builder()
			.retryDelay(retryDelay)
			.autoReleaseTime(lease)
			.masterTimeout(Duration.ofSeconds(5))
			.build();
	}

	/** Wait until every master has a subscriber on the lock's release channel, so the waiter is past its retry. */
	private void awaitSubscribed() {
		String channel = ReleaseNotifications.channel("redlock:" + this.name);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (RedisServer server : this.servers) {
				assertThat(server.commands().pubsubNumsub(channel).get(channel)).isPositive();
			}
		});
	}

	@Test
	void aWaiterWithATenSecondRetryDelayAcquiresWithinASecondOfEachRelease() {
		Redlock holder = Redlock.of(client(), this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
		Redlock waiter = Redlock.of(client(), this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
		// three hand-overs: pottery's random 0-10 s retry would make even one within a second unlikely
		for (int round = 0; round < 3; round++) {
			holder.lock();
			CompletableFuture<Boolean> waited = CompletableFuture
				.supplyAsync(() -> waiter.reactive().tryAcquire(Duration.ofSeconds(60)).block());
			awaitSubscribed();
			assertThat(waited).isNotDone();
			holder.unlock();
			await().atMost(Duration.ofSeconds(1)).until(waited::isDone);
			assertThat(waited.join()).isTrue();
			waiter.unlock();
		}
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void withoutPubSubAReleaseThroughTheSameMastersStillWakesItsWaiters() {
		io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create();
		List<io.lettuce.core.api.StatefulRedisConnection<String, String>> connections = this.servers.urls()
			.stream()
			.map((url) -> client.connect(io.lettuce.core.RedisURI.create(url)))
			.toList();
		try (Masters masters = Masters.ofConnections(connections, this.servers.urls())) {
			assertThat(masters.releaseNotifications().isSubscribable()).isFalse();
			Redlock holder = Redlock.of(masters, this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
			Redlock waiter = Redlock.of(masters, this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
			holder.lock();
			CompletableFuture<Boolean> waited = CompletableFuture
				.supplyAsync(() -> waiter.reactive().tryAcquire(Duration.ofSeconds(60)).block());
			// no subscription to wait for: give the waiter time to fail its attempts and sleep
			await().pollDelay(Duration.ofMillis(300)).atMost(Duration.ofSeconds(1)).until(() -> !waited.isDone());
			holder.unlock();
			await().atMost(Duration.ofSeconds(2)).until(waited::isDone);
			assertThat(waited.join()).isTrue();
			waiter.unlock();
		}
		finally {
			connections.forEach(io.lettuce.core.api.StatefulRedisConnection::close);
			client.shutdown();
		}
	}

	@Test
	void aLostNotificationStillHandsOverThroughTheRandomRetry() {
		// a holder that deletes the key without publishing (Python pottery's release), with a lease far too long to
		// be waited out: only the fallback retry can hand over
		PythonRedlock python = new PythonRedlock(this.servers, this.name);
		String uuid = UUID.randomUUID().toString();
		assertThat(python.acquire(uuid, 600_000)).isTrue();
		Redlock waiter = Redlock.of(client(), this.name, options(Duration.ofMillis(300), Duration.ofSeconds(60)));
		CompletableFuture<Boolean> waited = CompletableFuture
			.supplyAsync(() -> waiter.reactive().tryAcquire(Duration.ofSeconds(60)).block());
		awaitSubscribed();
		assertThat(python.release(uuid)).isTrue();
		await().atMost(Duration.ofSeconds(30)).until(waited::isDone);
		assertThat(waited.join()).isTrue();
		waiter.unlock();
	}

	@Test
	void aDroppedSubscriptionStillHandsOver() {
		Redlock holder = Redlock.of(client(), this.name, options(Duration.ofMillis(300), Duration.ofSeconds(60)));
		Redlock waiter = Redlock.of(client(), this.name, options(Duration.ofMillis(300), Duration.ofSeconds(60)));
		holder.lock();
		CompletableFuture<Boolean> waited = CompletableFuture
			.supplyAsync(() -> waiter.reactive().tryAcquire(Duration.ofSeconds(60)).block());
		awaitSubscribed();
		for (RedisServer server : this.servers) {
			server.commands().clientKill(io.lettuce.core.KillArgs.Builder.typePubsub());
		}
		holder.unlock();
		await().atMost(Duration.ofSeconds(30)).until(waited::isDone);
		assertThat(waited.join()).isTrue();
		waiter.unlock();
		// the subscription comes back (Lettuce reconnects and subscribes again) for the next wait
		holder.lock();
		CompletableFuture<Boolean> again = CompletableFuture
			.supplyAsync(() -> waiter.reactive().tryAcquire(Duration.ofSeconds(60)).block());
		awaitSubscribed();
		holder.unlock();
		await().atMost(Duration.ofSeconds(30)).until(again::isDone);
		assertThat(again.join()).isTrue();
		waiter.unlock();
	}

	@Test
	void aPythonHolderThatNeverReleasesIsWaitedOutWhenItsLeaseEnds() {
		PythonRedlock python = new PythonRedlock(this.servers, this.name);
		assertThat(python.acquire(UUID.randomUUID().toString(), 2_000)).isTrue();
		Redlock waiter = Redlock.of(client(), this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
		CompletableFuture<Boolean> waited = CompletableFuture
			.supplyAsync(() -> waiter.reactive().tryAcquire(Duration.ofSeconds(60)).block());
		awaitSubscribed();
		// the waiter sleeps until the holder's remaining lease (PTTL) is over, not for its random 0-10 s
		await().atMost(Duration.ofSeconds(30)).until(
				() -> this.servers.get(0).commands().exists("redlock:" + this.name) == 0 || waited.isDone());
		await().atMost(Duration.ofSeconds(5)).until(waited::isDone);
		assertThat(waited.join()).isTrue();
		waiter.unlock();
	}

	@Test
	void aLockWaitedOnAgainSoonReusesItsSubscriptionUntilItLingeredASecond() {
		Redlock holder = Redlock.of(client(), this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
		Redlock waiter = Redlock.of(client(), this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
		List<CommandStats> stats = this.servers.servers().stream()
			.map((server) -> CommandStats.start(server.commands()))
			.toList();
		for (int round = 0; round < 3; round++) {
			holder.lock();
			CommandStats attempts = CommandStats.start(this.servers.get(0).commands());
			CompletableFuture<Boolean> waited = CompletableFuture
				.supplyAsync(() -> waiter.reactive().tryAcquire(Duration.ofSeconds(60)).block());
			// the waiter has made its (failed) first attempt, and from then on it is woken by the release
			await().atMost(Duration.ofSeconds(30)).until(() -> attempts.calls("set") >= 1);
			awaitSubscribed();
			assertThat(waited).isNotDone();
			holder.unlock();
			await().atMost(Duration.ofSeconds(1)).until(waited::isDone);
			assertThat(waited.join()).isTrue();
			waiter.unlock();
		}
		// one SUBSCRIBE per master for the three waits (it was one per wait)
		for (CommandStats server : stats) {
			assertThat(server.calls("subscribe")).isOne();
		}
		// and the channel is given up once no one waited on it for a while
		String channel = ReleaseNotifications.channel("redlock:" + this.name);
		await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
			for (RedisServer server : this.servers) {
				Long subscribers = server.commands().pubsubNumsub(channel).get(channel);
				assertThat((subscribers != null) ? subscribers : 0L).isZero();
			}
		});
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void aWaitsRetriesCleanUpOnlyWhereTheyMayHaveSetSomething() throws Exception {
		Redlock holder = Redlock.of(client(), this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
		holder.lock();
		Redlock waiter = Redlock.of(client(), this.name, options(Duration.ofMillis(20), Duration.ofSeconds(60)));
		List<CommandStats> stats = this.servers.servers().stream()
			.map((server) -> CommandStats.start(server.commands()))
			.toList();
		assertThat(waiter.tryLock(2, java.util.concurrent.TimeUnit.SECONDS)).isFalse();
		for (CommandStats server : stats) {
			// a random 0-20 ms pause: some 200 attempts in 2 s, at least a few dozen on a loaded machine
			assertThat(server.calls("set")).isGreaterThanOrEqualTo(10);
			// the masters answered "busy": the clean-up script ran only for the probes for a lock key of another
			// type (the first attempt, then at most one a second), not after every attempt
			assertThat(server.calls("evalsha") + server.calls("eval")).as("%s", server.since()).isLessThanOrEqualTo(4);
			// pauses of 0-20 ms end before the 25 ms after which a pause asks for the holder's PTTL (it was asked on
			// every pause, at its start)
			assertThat(server.calls("pttl")).as("%s", server.since()).isLessThan(server.calls("set") / 4);
		}
		holder.unlock();
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void aLockKeyReplacedByAnotherTypeDuringAWaitEndsItNamingTheKey() {
		PythonRedlock python = new PythonRedlock(this.servers, this.name);
		assertThat(python.acquire(UUID.randomUUID().toString(), 600_000)).isTrue();
		Redlock waiter = Redlock.of(client(), this.name, options(Duration.ofMillis(50), Duration.ofSeconds(60)));
		CompletableFuture<Boolean> waited = CompletableFuture
			.supplyAsync(() -> waiter.reactive().tryAcquire(Duration.ofSeconds(60)).block());
		awaitSubscribed();
		for (RedisServer server : this.servers) {
			// in one step: the waiter must not take the lock in between
			server.commands().eval("redis.call('DEL', KEYS[1]); return redis.call('HSET', KEYS[1], 'field', 'value')",
					io.lettuce.core.ScriptOutputType.INTEGER, "redlock:" + this.name);
		}
		assertThat(waited).failsWithin(Duration.ofSeconds(30))
			.withThrowableOfType(java.util.concurrent.ExecutionException.class)
			.havingCause()
			.isInstanceOf(dev.pottery.WrongTypeException.class)
			.withMessageContaining("'redlock:" + this.name + "'");
	}

	@Test
	void aReleaseDoesNotYieldToItsOwnProcesssLingeringSubscription() {
		Masters masters = client();
		Redlock holder = Redlock.of(client(), this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
		Redlock lock = Redlock.of(masters, this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
		holder.lock();
		CompletableFuture<Boolean> waited = CompletableFuture
			.supplyAsync(() -> lock.reactive().tryAcquire(Duration.ofSeconds(60)).block());
		awaitSubscribed();
		holder.unlock();
		assertThat(waited).succeedsWithin(Duration.ofSeconds(30)).isEqualTo(true);
		lock.unlock();
		masters.releaseNotifications().yieldBefore("redlock:" + this.name);
		// nobody waits now; this process's channel lingers, and is the only receiver of the next releases
		for (int i = 0; i < 3; i++) {
			lock.lock();
			lock.unlock();
			assertThat(masters.releaseNotifications().yieldBefore("redlock:" + this.name)).isNull();
		}
	}

	@Test
	void noClientIsStarved() throws Exception {
		List<Redlock> locks = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			locks.add(Redlock.of(client(), this.name, options(Duration.ofMillis(200), Duration.ofSeconds(30))));
		}
		LockTestSupport.assertNoClientStarved(locks, 200, 1);
	}

	@Test
	void aReleaseTellsWaitersItsTokenAndHowManyProcessesSubscribed() throws Exception {
		Redlock lock = Redlock.of(client(), this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
		String channel = ReleaseNotifications.channel("redlock:" + this.name);
		io.lettuce.core.RedisClient client = io.lettuce.core.RedisClient.create();
		try {
			List<java.util.concurrent.BlockingQueue<String>> messages = new ArrayList<>();
			for (String url : this.servers.urls()) {
				java.util.concurrent.BlockingQueue<String> received = new java.util.concurrent.LinkedBlockingQueue<>();
				io.lettuce.core.pubsub.StatefulRedisPubSubConnection<String, String> connection = client
					.connectPubSub(io.lettuce.core.RedisURI.create(url));
				connection.addListener(new io.lettuce.core.pubsub.RedisPubSubAdapter<>() {

					@Override
					public void message(String channel, String message) {
						received.add(message);
					}

				});
				connection.sync().subscribe(channel);
				messages.add(received);
			}
			lock.lock();
			String token = this.servers.get(0).commands().get("redlock:" + this.name);
			lock.unlock();
			for (java.util.concurrent.BlockingQueue<String> received : messages) {
				assertThat(received.poll(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(token + ":1");
			}
		}
		finally {
			client.shutdown();
		}
	}

	@Test
	void anUncontendedReleasePublishesNothing() {
		Redlock lock = Redlock.of(client(), this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
		lock.lock();
		List<CommandStats> stats = this.servers.servers().stream()
			.map((server) -> CommandStats.start(server.commands()))
			.toList();
		lock.unlock();
		for (CommandStats server : stats) {
			assertThat(server.calls("publish")).isZero();
		}
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void anAclUserWithoutPubsubNumsubStillReleasesAndWakesWaiters() {
		String user = "pottery-old-acl-" + UUID.randomUUID();
		List<String> urls = new ArrayList<>();
		for (RedisServer server : this.servers) {
			// the README's list before this release script asked for PUBSUB NUMSUB: everything but PUBSUB
			server.commands()
				.dispatch(io.lettuce.core.protocol.CommandType.ACL,
						new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
						new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8).add("SETUSER")
							.add(user)
							.add("on")
							.add(">secret")
							.add("~*")
							.add("&*")
							.add("+@all")
							.add("-pubsub"));
			urls.add(server.url().replace("redis://", "redis://" + user + ":secret@"));
		}
		Masters holderMasters = Masters.of(urls);
		this.clients.add(holderMasters);
		Redlock holder = Redlock.of(holderMasters, this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
		Redlock waiter = Redlock.of(client(), this.name, options(TEN_SECONDS, Duration.ofSeconds(60)));
		holder.lock();
		CompletableFuture<Boolean> waited = CompletableFuture
			.supplyAsync(() -> waiter.reactive().tryAcquire(Duration.ofSeconds(60)).block());
		awaitSubscribed();
		holder.unlock();
		// woken by the token-only notification, not by the 0-10 s random retry
		await().atMost(Duration.ofSeconds(1)).until(waited::isDone);
		assertThat(waited.join()).isTrue();
		waiter.unlock();
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

}
