package dev.pottery.sync;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

import dev.pottery.autoconfigure.PotteryAspectsAutoConfiguration;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Reentrancy of {@link Synchronized}: a nested call of the same key by the same thread, or in the same Reactor chain,
 * joins the outer call's lock without touching Redis.
 */
@RealRedis
class SynchronizedReentrancyTests {

	private final RedisServer redis;

	private final ApplicationContextRunner runner;

	SynchronizedReentrancyTests(RedisServer redis) {
		this.redis = redis;
		// a short wait: a non-reentrant nested call would give up (and fail the test) instead of hanging
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url(), "pottery.redlock.master-timeout=2s")
			.withBean(Orders.class, () -> new Orders(redis));
	}

	@AfterEach
	void noLockIsLeftBehind() {
		assertThat(this.redis.commands().keys("redlock:*")).isEmpty();
	}

	private static Orders orders(org.springframework.context.ApplicationContext context) {
		Orders orders = context.getBean(Orders.class);
		orders.setSelf(orders);
		return orders;
	}

	@Test
	void aNestedCallOfTheSameKeyOnTheSameThreadIsReentrantAndDoesNotTouchRedis() {
		this.runner.run((context) -> {
			Orders orders = orders(context);
			CommandStats stats = CommandStats.start(this.redis.commands());
			assertThat(orders.outer(7)).isEqualTo("outer(inner 7 held=1)");
			// one acquisition (SET) and one release for both calls
			assertThat(stats.calls("set")).isOne();
			assertThat(stats.calls("evalsha") + stats.calls("eval")).isOne();
		});
	}

	@Test
	void aNestedCallOfADifferentKeyTakesItsOwnLock() {
		this.runner.run((context) -> {
			Orders orders = orders(context);
			assertThat(orders.outerOther(7)).isEqualTo("outer(inner 8 held=2)");
		});
	}

	@Test
	void reentrancyAcrossACompletionStageReleasesOnceTheLastHoldIsDone() {
		this.runner.run((context) -> {
			Orders orders = orders(context);
			CompletableFuture<String> innerDone = new CompletableFuture<>();
			CompletableFuture<String> outerDone = new CompletableFuture<>();
			CompletionStage<String> result = orders.outerAsync(7, outerDone, innerDone);
			outerDone.complete("outer");
			assertThat(result.toCompletableFuture().join()).isEqualTo("outer");
			// the inner call's stage still holds the lock
			assertThat(this.redis.commands().exists("redlock:order:7")).isOne();
			innerDone.complete("inner");
			assertThat(orders.inner().toCompletableFuture().join()).isEqualTo("inner");
			assertThat(this.redis.commands().exists("redlock:order:7")).isZero();
		});
	}

	@Test
	void aNestedMonoOfTheSameKeyInTheSameChainIsReentrant() {
		this.runner.run((context) -> {
			Orders orders = orders(context);
			assertThat(orders.outerMono(7).block(java.time.Duration.ofSeconds(30))).isEqualTo("outer(inner 7 held=1)");
		});
	}

	static class Orders {

		private final RedisServer redis;

		Orders self;

		CompletionStage<String> inner;

		Orders(RedisServer redis) {
			this.redis = redis;
		}

		public void setSelf(Orders self) {
			// the proxy, so that nested calls go through the advice
			this.self = self;
		}

		public CompletionStage<String> inner() {
			return this.inner;
		}

		private String held() {
			return "held=" + this.redis.commands().keys("redlock:order:*").size();
		}

		@Synchronized(key = "'order:' + #id", timeout = "1s")
		public String outer(long id) {
			return "outer(" + this.self.inner(id) + ")";
		}

		@Synchronized(key = "'order:' + #id", timeout = "1s")
		public String outerOther(long id) {
			return "outer(" + this.self.inner(id + 1) + ")";
		}

		@Synchronized(key = "'order:' + #id", timeout = "1s")
		public String inner(long id) {
			return "inner " + id + " " + held();
		}

		@Synchronized(key = "'order:' + #id", timeout = "1s")
		public CompletionStage<String> outerAsync(long id, CompletableFuture<String> outerDone,
				CompletableFuture<String> innerDone) {
			this.inner = this.self.innerAsync(id, innerDone);
			return outerDone;
		}

		@Synchronized(key = "'order:' + #id", timeout = "1s")
		public CompletionStage<String> innerAsync(long id, CompletableFuture<String> innerDone) {
			return innerDone;
		}

		@Synchronized(key = "'order:' + #id", timeout = "1s")
		public Mono<String> outerMono(long id) {
			return Mono.defer(() -> this.self.innerMono(id)).map((inner) -> "outer(" + inner + ")");
		}

		@Synchronized(key = "'order:' + #id", timeout = "1s")
		public Mono<String> innerMono(long id) {
			return Mono.fromSupplier(() -> "inner " + id + " " + held());
		}

	}

}
