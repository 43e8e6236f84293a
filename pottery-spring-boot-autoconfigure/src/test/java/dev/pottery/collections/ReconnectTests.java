package dev.pottery.collections;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.pottery.Pottery;
import dev.pottery.embedded.EmbeddedRedisServer;
import dev.pottery.internal.PotteryConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What Pottery's own connection ({@link PotteryConnection}) does while it is down: a call made then was not sent, so
 * it waits for the reconnection and goes through (or, past the command timeout, fails saying it was not applied)
 * instead of failing at once as if it might have been applied.
 */
class ReconnectTests {

	@Test
	void aCallMadeWhileTheConnectionIsDownWaitsForTheReconnectAndIsAppliedOnce() throws Exception {
		try (EmbeddedRedisServer server = EmbeddedRedisServer.start()) {
			LettuceConnectionFactory application = factory(server, Duration.ofSeconds(30));
			try (PotteryConnection connection = PotteryConnection.of(application)) {
				RedisCounter<String> counter = Pottery.create(connection.connectionFactory())
					.counter("pottery:test:" + UUID.randomUUID(), String.class);
				assertThat(counter.increment("hits")).isEqualTo(1);
				server.kill();
				awaitDisconnected(connection);
				CompletableFuture<Long> during = CompletableFuture.supplyAsync(() -> counter.increment("hits"));
				server.restart(); // empty: the count starts again
				assertThat(during.get(60, TimeUnit.SECONDS)).isEqualTo(1);
				assertThat(counter.count("hits")).isEqualTo(1);
			}
			finally {
				application.destroy();
			}
		}
	}

	@Test
	void aCallThatCannotBeSentWithinTheCommandTimeoutFailsSayingItWasNotApplied() throws Exception {
		try (EmbeddedRedisServer server = EmbeddedRedisServer.start()) {
			LettuceConnectionFactory application = factory(server, Duration.ofMillis(500));
			try (PotteryConnection connection = PotteryConnection.of(application)) {
				RedisMap<String, Integer> map = Pottery.create(connection.connectionFactory())
					.map("pottery:test:" + UUID.randomUUID(), String.class, Integer.class);
				map.put("jack", 4098);
				server.kill();
				awaitDisconnected(connection);
				assertThatExceptionOfType(RedisConnectionFailureException.class).isThrownBy(() -> map.put("jack", 1))
					.withMessageContaining("RedisMap")
					.withMessageContaining("it was not applied");
			}
			finally {
				application.destroy();
			}
		}
	}

	private static LettuceConnectionFactory factory(EmbeddedRedisServer server, Duration timeout) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				new RedisStandaloneConfiguration(server.host(), server.port()),
				LettuceClientConfiguration.builder().commandTimeout(timeout).build());
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/** Until Pottery's shared connection has seen the server go (so that the next command is not in flight). */
	private static void awaitDisconnected(PotteryConnection connection) throws InterruptedException {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		try (RedisConnection redis = connection.connectionFactory().getConnection()) {
			RedisAsyncCommands<?, ?> commands = (RedisAsyncCommands<?, ?>) redis.getNativeConnection();
			while (commands.getStatefulConnection().isOpen()) {
				assertThat(System.nanoTime()).as("connection seen closed within 30 s").isLessThan(deadline);
				Thread.sleep(5); // polling the client's state, not synchronising threads
			}
		}
	}

}
