package dev.pottery.sync;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.pottery.internal.aop.SynchronizedInterceptor;
import dev.pottery.lock.RedlockOptions;
import dev.pottery.lock.Masters;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.aop.framework.ProxyFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @Synchronized} on a method returning a {@code CompletionStage} releases without blocking the thread that
 * completes the stage (issue 10, item 4).
 */
@RealRedis
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class SynchronizedNonBlockingTests {

	private final RedisServer redis;

	SynchronizedNonBlockingTests(RedisServer redis) {
		this.redis = redis;
	}

	/** The annotated bean's interface. */
	public interface Pinger {

		@Synchronized(key = "pottery-nonblocking-test")
		CompletableFuture<String> ping();

	}

	@Test
	void aStageCompletedOnTheMastersOwnEventLoopIsReleasedWithoutBlockingIt() {
		RedisClient client = RedisClient.create(this.redis.url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			// the masters on the application's own connection: a blocking release on its event loop would wait for
			// a reply that only that event loop can read, until the per-master timeout
			try (Masters masters = Masters.ofConnections(List.of(connection), List.of(this.redis.url()))) {
				RedlockOptions options = RedlockOptions.builder().masterTimeout(Duration.ofSeconds(5)).build();
				SynchronizedInterceptor interceptor = new SynchronizedInterceptor((name) -> masters, () -> options);
				List<String> completedOn = new java.util.concurrent.CopyOnWriteArrayList<>();
				Pinger target = () -> connection.async().ping().toCompletableFuture().thenApply((pong) -> {
					completedOn.add(Thread.currentThread().getName());
					return pong;
				});
				ProxyFactory factory = new ProxyFactory(target);
				factory.addInterface(Pinger.class);
				factory.addAdvice(interceptor);
				Pinger pinger = (Pinger) factory.getProxy();
				// at least 20 calls, more if every reply so far arrived before thenApply was attached (the stage then
				// completes on the caller's thread)
				for (int i = 0; i < 20 || (i < 500 && completedOn.stream().noneMatch((t) -> t.contains("EventLoop"))); i++) {
					assertThat(pinger.ping()).succeedsWithin(Duration.ofSeconds(30)).isEqualTo("PONG");
				}
				assertThat(completedOn).anyMatch((thread) -> thread.contains("EventLoop"));
				assertThat(this.redis.commands().exists("redlock:pottery-nonblocking-test")).isZero();
			}
		}
		finally {
			client.shutdown();
		}
	}

}
