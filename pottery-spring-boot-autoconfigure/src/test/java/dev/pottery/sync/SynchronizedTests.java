package dev.pottery.sync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.pottery.Pottery;
import dev.pottery.lock.QuorumNotAchievedException;
import dev.pottery.autoconfigure.PotteryAspectsAutoConfiguration;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import dev.pottery.lock.Redlock;
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
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link Synchronized} through the auto-configured advisor, against a real Redis.
 */
@RealRedis
class SynchronizedTests {

	private final RedisServer redis;

	private final ApplicationContextRunner runner;

	SynchronizedTests(RedisServer redis) {
		this.redis = redis;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url(), "pottery.redlock.master-timeout=2s")
			.withBean(Billing.class, () -> new Billing(redis));
	}

	@AfterEach
	void noLockIsLeftBehind() {
		assertThat(this.redis.commands().keys("redlock:*")).isEmpty();
	}

	@Test
	void oneCallerAtATimePerKeyAndTheKeyIsTheSpelValue() throws Exception {
		this.runner.run((context) -> {
			Billing billing = context.getBean(Billing.class);
			ExecutorService pool = Executors.newFixedThreadPool(4);
			try {
				List<Future<?>> calls = new ArrayList<>();
				for (int i = 0; i < 40; i++) {
					calls.add(pool.submit(() -> billing.settle(7)));
				}
				for (Future<?> call : calls) {
					call.get();
				}
			}
			finally {
				pool.shutdown();
			}
			assertThat(billing.settled()).isEqualTo(40);
			assertThat(billing.maxInside()).isEqualTo(1);
			assertThat(billing.lockKeysSeen()).containsOnly("redlock:invoice:7");
		});
	}

	@Test
	void defaultKeyIsTheQualifiedMethodName() {
		this.runner.run((context) -> {
			Billing billing = context.getBean(Billing.class);
			billing.nightly();
			assertThat(billing.lockKeysSeen()).containsExactly("redlock:" + Billing.class.getName() + ".nightly");
		});
	}

	@Test
	void nonBlockingCallFailsWithoutRunningWhileAnotherHolds() {
		this.runner.run((context) -> {
			Billing billing = context.getBean(Billing.class);
			try (Redlock.Held held = context.getBean(Pottery.class).redlock("busy").acquire()) {
				assertThatExceptionOfType(QuorumNotAchievedException.class).isThrownBy(billing::busy);
			}
			assertThat(billing.settled()).isZero();
			billing.busy();
			assertThat(billing.settled()).isEqualTo(1);
		});
	}

	@Test
	void blockingCallGivesUpAfterItsTimeout() {
		this.runner.run((context) -> {
			Billing billing = context.getBean(Billing.class);
			try (Redlock.Held held = context.getBean(Pottery.class).redlock("slow").acquire()) {
				assertThatExceptionOfType(QuorumNotAchievedException.class).isThrownBy(billing::slow);
			}
			assertThat(billing.settled()).isZero();
		});
	}

	@Test
	void lockIsReleasedWhenTheMethodThrows() {
		this.runner.run((context) -> {
			Billing billing = context.getBean(Billing.class);
			assertThatIllegalStateException().isThrownBy(billing::fails).withMessage("boom");
			assertThat(this.redis.commands().exists("redlock:fails")).isZero();
		});
	}

	@Test
	void completableFutureHoldsTheLockUntilItCompletes() {
		this.runner.run((context) -> {
			Billing billing = context.getBean(Billing.class);
			CompletableFuture<String> pending = new CompletableFuture<>();
			CompletableFuture<String> result = billing.later(pending);
			assertThat(this.redis.commands().exists("redlock:later")).isOne();
			pending.complete("done");
			assertThat(result.join()).isEqualTo("done");
			assertThat(this.redis.commands().exists("redlock:later")).isZero();
		});
	}

	@Test
	void monoTakesTheLockOnSubscriptionAndReleasesOnCompletion() {
		this.runner.run((context) -> {
			Billing billing = context.getBean(Billing.class);
			Mono<Long> mono = billing.reactive(() -> this.redis.commands().exists("redlock:reactive"));
			assertThat(this.redis.commands().exists("redlock:reactive")).as("not subscribed yet").isZero();
			assertThat(mono.block()).as("held while the work ran").isOne();
			assertThat(this.redis.commands().exists("redlock:reactive")).isZero();
		});
	}

	static class Billing {

		private final RedisServer redis;

		private final AtomicInteger inside = new AtomicInteger();

		private final AtomicInteger maxInside = new AtomicInteger();

		private final AtomicInteger settled = new AtomicInteger();

		private final List<String> lockKeysSeen = new java.util.concurrent.CopyOnWriteArrayList<>();

		Billing(RedisServer redis) {
			this.redis = redis;
		}

		@Synchronized(key = "'invoice:' + #id", autoReleaseTime = "30s")
		public void settle(long id) {
			int now = this.inside.incrementAndGet();
			this.maxInside.accumulateAndGet(now, Math::max);
			this.lockKeysSeen.addAll(this.redis.commands().keys("redlock:*"));
			Thread.yield();
			this.settled.incrementAndGet();
			this.inside.decrementAndGet();
		}

		@Synchronized
		public void nightly() {
			this.lockKeysSeen.addAll(this.redis.commands().keys("redlock:*"));
		}

		@Synchronized(key = "busy", blocking = false)
		public void busy() {
			this.settled.incrementAndGet();
		}

		@Synchronized(key = "slow", timeout = "300ms")
		public void slow() {
			this.settled.incrementAndGet();
		}

		@Synchronized(key = "fails")
		public void fails() {
			throw new IllegalStateException("boom");
		}

		@Synchronized(key = "later")
		public CompletableFuture<String> later(CompletableFuture<String> pending) {
			return pending;
		}

		@Synchronized(key = "reactive")
		public Mono<Long> reactive(Supplier<Long> work) {
			return Mono.fromSupplier(work);
		}

		public int settled() {
			return this.settled.get();
		}

		public int maxInside() {
			return this.maxInside.get();
		}

		public List<String> lockKeysSeen() {
			return List.copyOf(this.lockKeysSeen);
		}

	}

}
