package dev.pottery.collections;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.pottery.ConnectionLostException;
import dev.pottery.test.Concurrently;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.lettuce.core.KillArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Effects under dropped connections: while a thread kills Pottery's client connections ({@code CLIENT KILL}) every
 * few hundred milliseconds, counter increments, queue puts and map merges either return (applied exactly once) or
 * throw a {@link ConnectionLostException} saying they may have been applied (at most once). Lettuce's default
 * re-sending of unanswered commands after a reconnect would apply some twice behind a normal return.
 */
@RealRedis
class ConnectionLossTests extends RedisCollectionsTestSupport {

	private static final Pattern POTTERY_CLIENT = Pattern.compile("id=(\\d+) .*name=" + PotteryConnection.CLIENT_NAME
			+ " ");

	private final PotteryConnection connection;

	private final RedisCollections pottery;

	ConnectionLossTests(RedisServer redis) {
		super(redis);
		this.connection = PotteryConnection.of(redis.connectionFactory());
		this.pottery = RedisCollections.create(this.connection.connectionFactory());
	}

	@AfterEach
	void close() {
		this.connection.close();
	}

	@Test
	void writesWhoseReplyWasLostAreNotSentAgain() throws Exception {
		try (ReplyDroppingProxy proxy = new ReplyDroppingProxy(this.redisHost(), this.redisPort())) {
			RedisStandaloneConfiguration proxied = (RedisStandaloneConfiguration) LettuceConnectionFactory
				.createRedisConfiguration(this.redis.url());
			proxied.setPort(proxy.port());
			LettuceConnectionFactory application = new LettuceConnectionFactory(proxied,
					LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(30)).build());
			application.afterPropertiesSet();
			application.start();
			try (PotteryConnection connection = PotteryConnection.of(application)) {
				RedisCollections pottery = RedisCollections.create(connection.connectionFactory());
				RedisCounter<String> counter = pottery.counter(newKey(), String.class);
				RedisSimpleQueue<Integer> queue = pottery.queue(newKey(), Integer.class);
				RedisMap<String, Integer> map = pottery.map(newKey(), String.class, Integer.class);
				counter.increment("hits");
				queue.offer(1);
				map.merge("total", 1, Integer::sum);

				// Redis runs HINCRBY, its reply is lost with the connection: Lettuce must not send it again
				proxy.dropReplyAfter(0);
				assertMayHaveBeenApplied(() -> counter.increment("hits"));
				proxy.awaitDropped();
				assertThat(this.redis.commands().hget(counter.key(), "\"hits\"")).isEqualTo("2");
				assertThat(counter.increment("hits")).isEqualTo(3);

				proxy.dropReplyAfter(0);
				assertMayHaveBeenApplied(() -> queue.offer(1));
				proxy.awaitDropped();
				assertThat(this.redis.commands().xlen(queue.key())).isEqualTo(2);
				assertThat(queue.size()).isEqualTo(2);  // reconnected (the handshake's replies are not counted)

				// merge: HGET answered, the compare-and-set script's reply lost (a re-sent script would fail its
				// compare, and merge would read and apply again)
				proxy.dropReplyAfter(1);
				assertMayHaveBeenApplied(() -> map.merge("total", 1, Integer::sum));
				proxy.awaitDropped();
				assertThat(this.redis.commands().hget(map.key(), "\"total\"")).isEqualTo("2");
				assertThat(proxy.accepted()).as("connections: the first and one after each drop").isGreaterThanOrEqualTo(3);
			}
			finally {
				application.destroy();
			}
		}
	}

	private static void assertMayHaveBeenApplied(Runnable call) {
		assertThatExceptionOfType(ConnectionLostException.class).isThrownBy(call::run)
			.satisfies((ex) -> assertThat(ex.mayHaveBeenApplied()).isTrue())
			.withMessageContaining("may have been applied");
	}

	private String redisHost() {
		return ((RedisStandaloneConfiguration) LettuceConnectionFactory.createRedisConfiguration(this.redis.url()))
			.getHostName();
	}

	private int redisPort() {
		return ((RedisStandaloneConfiguration) LettuceConnectionFactory.createRedisConfiguration(this.redis.url()))
			.getPort();
	}

	@Test
	@Disabled("Known defect (issue 11, item 2): in about one full-suite run in three a counter or queue shows 3,002 "
			+ "effects for 3,000 calls that all returned normally (plain HINCRBY/XADD re-sent after a reconnect "
			+ "although the replay filter is set); re-enable once the re-sending path is found")
	void callsThatReturnTookEffectOnceAndFailuresSayTheyMayHaveBeenApplied() throws Exception {
		int perThread = 1500;
		RedisCounter<String> counter = this.pottery.counter(newKey(), String.class);
		RedisSimpleQueue<Integer> queue = this.pottery.queue(newKey(), Integer.class);
		RedisMap<String, Integer> map = this.pottery.map(newKey(), String.class, Integer.class);
		Outcome counted = new Outcome();
		Outcome queued = new Outcome();
		Outcome merged = new Outcome();
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicInteger kills = new AtomicInteger();
		List<Concurrently.ThrowingRunnable> tasks = new ArrayList<>();
		for (int t = 0; t < 2; t++) {
			tasks.add(() -> counted.repeat(perThread, () -> counter.increment("hits")));
			tasks.add(() -> queued.repeat(perThread, () -> queue.offer(1)));
			tasks.add(() -> merged.repeat(perThread, () -> map.merge("total", 1, Integer::sum)));
		}
		Thread killer = new Thread(() -> {
			while (running.get()) {
				LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(150 + (kills.get() % 4) * 50));
				Matcher clients = POTTERY_CLIENT.matcher(this.redis.commands().clientList());
				while (clients.find()) {
					this.redis.commands().clientKill(KillArgs.Builder.id(Long.parseLong(clients.group(1))));
					kills.incrementAndGet();
				}
			}
		});
		killer.start();
		try {
			Concurrently.run(tasks);
		}
		finally {
			running.set(false);
			killer.join();
		}
		assertThat(kills.get()).isPositive();
		assertThat(counted.unexpected).hasValue(0);
		assertThat(queued.unexpected).hasValue(0);
		assertThat(merged.unexpected).hasValue(0);
		long hits = this.redis.commands().hget(counter.key(), "\"hits\"") == null ? 0
				: Long.parseLong(this.redis.commands().hget(counter.key(), "\"hits\""));
		counted.assertApplied(hits);
		queued.assertApplied(this.redis.commands().xlen(queue.key()));
		String total = this.redis.commands().hget(map.key(), "\"total\"");
		merged.assertApplied((total == null) ? 0 : Long.parseLong(total));
	}

	/** The calls that returned, those that threw "may have been applied", and any other failure. */
	static final class Outcome {

		final AtomicInteger returned = new AtomicInteger();

		final AtomicInteger mayHaveBeenApplied = new AtomicInteger();

		final AtomicInteger unexpected = new AtomicInteger();

		void repeat(int times, Runnable call) {
			for (int i = 0; i < times; i++) {
				try {
					call.run();
					this.returned.incrementAndGet();
				}
				catch (ConnectionLostException ex) {
					assertThat(ex.getMessage()).contains("may have been applied");
					assertThat(ex.mayHaveBeenApplied()).isTrue();
					this.mayHaveBeenApplied.incrementAndGet();
				}
				catch (RuntimeException ex) {
					ex.printStackTrace();
					this.unexpected.incrementAndGet();
				}
			}
		}

		/** Every call that returned was applied once; those that threw at most once. */
		void assertApplied(long applied) {
			assertThat(applied).isBetween((long) this.returned.get(),
					(long) this.returned.get() + this.mayHaveBeenApplied.get());
		}

	}

}
