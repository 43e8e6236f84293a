package dev.pottery.lock;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.pottery.id.NextId;
import dev.pottery.id.NextIdOptions;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Fencing tokens and ids through master restarts without persistence, step by step on 3 masters (issue 10): the
 * worked examples of the issue, each of which handed out a token or an id twice before.
 */
@RealRedis(servers = 3, controllable = true)
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class RedlockRestartTests {

	/** Generous: a live master answers within it on a loaded machine; a paused one is resumed well within it. */
	private static final Duration MASTER_TIMEOUT = Duration.ofSeconds(5);

	private static final RedlockOptions FENCING = RedlockOptions.builder()
		.fencing(true)
		.masterTimeout(MASTER_TIMEOUT)
		.autoReleaseTime(Duration.ofSeconds(30))
		.build();

	private static final NextIdOptions ID_OPTIONS = NextIdOptions.builder().numTries(3).masterTimeout(MASTER_TIMEOUT).raiseOnRedisErrors(false).build();

	private final RedisServers servers;

	private Masters masters;

	private String name;

	RedlockRestartTests(RedisServers servers) {
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
		LockTestSupport.deleteKeys(this.servers, this.name);
		this.servers.forEach((server) -> server.commands().del("nextid:" + this.name));
		this.masters.close();
	}

	private long acquireAndRelease() {
		Redlock lock = Redlock.of(this.masters, this.name, FENCING);
		assertThat(lock.tryLock()).isTrue();
		long token = lock.fencingToken();
		lock.unlock();
		return token;
	}

	private String counter(int master) {
		return this.servers.get(master).commands().get(ReactiveRedlock.fenceKey(this.name));
	}

	/** Restart a master empty (no persistence) and wait until our connection to it works again. */
	private void restartEmpty(int master) {
		this.servers.get(master).restart();
		await().atMost(Duration.ofSeconds(20))
			.ignoreExceptions()
			.until(() -> "PONG".equals(this.masters.list()
				.get(master)
				.execute(RedisAsyncCommands::ping)
				.get(MASTER_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)));
	}

	@Test // the issue's worked example: B and C both held token 2
	void aTokenIsNeverHandedOutBelowACounterThatAnAnsweringMasterReports() {
		assertThat(acquireAndRelease()).isEqualTo(1); // counters 1, 1, 1
		this.servers.get(2).kill(); // master 3 is cut off
		long b = acquireAndRelease(); // B on masters 1 and 2: counters 2, 2, -
		assertThat(b).isEqualTo(2);
		restartEmpty(1); // master 2 restarts empty: 2, 0, -
		restartEmpty(2); // master 3 returns, empty: 2, 0, 0
		// C's first replies come from masters 2 and 3 (master 1 answers late, but within the per-master timeout)
		this.servers.get(0).pause();
		Redlock c = Redlock.of(this.masters, this.name, FENCING);
		CompletableFuture<Boolean> acquired = CompletableFuture.supplyAsync(c::tryLock);
		await().atMost(Duration.ofSeconds(20)).until(() -> "1".equals(counter(1)) && "1".equals(counter(2)));
		this.servers.get(0).resume();
		assertThat(acquired.join()).isTrue();
		// master 1 refused 1 and reported 2: C proposed again above it
		assertThat(c.fencingToken()).isGreaterThan(b);
		long token = c.fencingToken();
		c.unlock();
		// and every master was brought up to it
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(java.util.List.of(counter(0), counter(1), counter(2)))
				.containsOnly(Long.toString(token)));
	}

	@Test // a master that did not take the lock (busy there) was never brought forward
	void everyAnsweringMasterIsBroughtUpToTheTokenSoSuccessiveMinorityRestartsEraseNothing() {
		assertThat(acquireAndRelease()).isEqualTo(1);
		// master 3 still has someone's stale lock key: it refuses the lock, but must take the counter
		this.servers.get(2).commands().set("redlock:" + this.name, "stale", SetArgs.Builder.px(60_000));
		long b = acquireAndRelease();
		assertThat(b).isEqualTo(2);
		await().atMost(Duration.ofSeconds(10)).until(() -> "2".equals(counter(2)));
		this.servers.get(2).commands().del("redlock:" + this.name);
		// one master after the other restarts empty, with an acquisition in between: the sequence survives
		long previous = b;
		for (int master = 0; master < 3; master++) {
			restartEmpty(master);
			long token = acquireAndRelease();
			assertThat(token).isGreaterThan(previous);
			previous = token;
			long expected = token;
			await().atMost(Duration.ofSeconds(10))
				.untilAsserted(() -> assertThat(java.util.List.of(counter(0), counter(1), counter(2)))
					.containsOnly(Long.toString(expected)));
		}
	}

	@Test // the issue's example: 5, 5, 0; master 2 restarts empty; a fresh generator was given 1 again
	void nextIdNeverIssuesAnIdThatAnAnsweringMasterHasPassed() {
		this.servers.get(2).kill();
		NextId first = NextId.of(this.masters, this.name, ID_OPTIONS);
		for (int i = 1; i <= 5; i++) {
			assertThat(first.getAsLong()).isEqualTo(i);
		}
		restartEmpty(1); // 5, 0, -
		restartEmpty(2); // 5, 0, 0
		NextId fresh = NextId.of(this.masters, this.name, ID_OPTIONS);
		long id = fresh.getAsLong();
		assertThat(id).isGreaterThan(5);
		// the lagging masters were brought forward with it
		await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(this.servers.servers()
			.stream()
			.map((server) -> server.commands().get("nextid:" + this.name))
			.toList()).containsOnly(Long.toString(id)));
		restartEmpty(0); // 0, id, id: a single restart now erases nothing
		assertThat(NextId.of(this.masters, this.name, ID_OPTIONS).getAsLong()).isGreaterThan(id);
	}

}
