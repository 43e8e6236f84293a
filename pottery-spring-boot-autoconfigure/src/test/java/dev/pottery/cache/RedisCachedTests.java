package dev.pottery.cache;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pottery.autoconfigure.PotteryAspectsAutoConfiguration;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link RedisCached} through the auto-configured advisor, against a real Redis.
 */
@RealRedis
class RedisCachedTests {

	private static final List<String> KEYS = List.of("test-fx-rates", "test-fx-history", "test-fx-maybe",
			"test-fx-unless", RatesService.class.getName() + ".plain", "test-fx-async");

	private final RedisServer redis;

	private final ApplicationContextRunner runner;

	RedisCachedTests(RedisServer redis) {
		this.redis = redis;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url())
			.withBean(RatesService.class);
	}

	@AfterEach
	void deleteCaches() {
		this.redis.commands().del(KEYS.toArray(String[]::new));
	}

	@Test
	void secondCallWithEqualArgumentsIsAHitStoredAsPotteryJson() {
		this.runner.run((context) -> {
			RatesService service = context.getBean(RatesService.class);
			assertThat(service.rates("EUR")).isEqualTo(new Rate("EUR", 1.1));
			assertThat(service.rates("EUR")).isEqualTo(new Rate("EUR", 1.1));
			assertThat(service.rates("USD")).isEqualTo(new Rate("USD", 1.1));
			assertThat(service.calls()).isEqualTo(2);
			// field: the canonical JSON of the argument list; value: the canonical JSON of the result
			assertThat(this.redis.commands().hget("test-fx-rates", "[\"EUR\"]"))
				.isEqualTo("{\"currency\": \"EUR\", \"value\": 1.1}");
			PotteryCaches caches = context.getBean(PotteryCaches.class);
			RedisCache.CacheInfo info = caches.info("test-fx-rates");
			assertThat(info.hits()).isEqualTo(1);
			assertThat(info.misses()).isEqualTo(2);
			assertThat(info.currentSize()).isEqualTo(2);
			// the sliding timeout of the annotation
			assertThat(this.redis.commands().pttl("test-fx-rates")).isBetween(1L, 600_000L);
		});
	}

	@Test
	void genericAndOptionalReturnTypesComeBackTyped() {
		this.runner.run((context) -> {
			RatesService service = context.getBean(RatesService.class);
			service.history("EUR");
			List<Rate> history = service.history("EUR");
			assertThat(history).containsExactly(new Rate("EUR", 1.0), new Rate("EUR", 1.1));
			assertThat(history.get(0)).isInstanceOf(Rate.class);
			service.maybe("XXX");
			assertThat(service.maybe("XXX")).isEmpty();
			service.maybe("EUR");
			assertThat(service.maybe("EUR")).contains(new Rate("EUR", 1.1));
			assertThat(service.calls()).isEqualTo(3);
		});
	}

	@Test
	void bypassRecomputesAndClearEmpties() {
		this.runner.run((context) -> {
			RatesService service = context.getBean(RatesService.class);
			PotteryCaches caches = context.getBean(PotteryCaches.class);
			service.rates("EUR");
			caches.bypass(() -> service.rates("EUR"));
			assertThat(service.calls()).isEqualTo(2);
			assertThat(caches.info("test-fx-rates").hits()).isZero();
			caches.clear("test-fx-rates");
			assertThat(this.redis.commands().exists("test-fx-rates")).isZero();
			service.rates("EUR");
			assertThat(service.calls()).isEqualTo(3);
		});
	}

	@Test
	void evictDropsOneEntryByTheMethodsArguments() {
		this.runner.run((context) -> {
			RatesService service = context.getBean(RatesService.class);
			PotteryCaches caches = context.getBean(PotteryCaches.class);
			service.rates("EUR");
			service.rates("USD");
			boolean evicted = caches.evict("test-fx-rates", "EUR");
			assertThat(evicted).isTrue();
			assertThat(caches.evict("test-fx-rates", "EUR")).isFalse();
			service.rates("EUR");
			service.rates("USD");
			assertThat(service.calls()).isEqualTo(3);
			assertThatIllegalArgumentException().isThrownBy(() -> caches.evict("no-such-cache", "EUR"))
				.withMessageContaining("no-such-cache");
		});
	}

	@Test
	void aCachedValueOfAnotherShapeIsRecomputedAndOverwritten() {
		this.redis.commands().hset("test-fx-rates", "[\"EUR\"]", "[\"not\", \"a rate\"]");
		this.runner.run((context) -> {
			RatesService service = context.getBean(RatesService.class);
			assertThat(service.rates("EUR")).isEqualTo(new Rate("EUR", 1.1));
			assertThat(service.rates("EUR")).isEqualTo(new Rate("EUR", 1.1));
			assertThat(service.calls()).isEqualTo(1);
			assertThat(this.redis.commands().hget("test-fx-rates", "[\"EUR\"]"))
				.isEqualTo("{\"currency\": \"EUR\", \"value\": 1.1}");
		});
	}

	@Test
	void unlessKeepsAResultOutOfTheCacheAndConditionSkipsIt() {
		this.runner.run((context) -> {
			RatesService service = context.getBean(RatesService.class);
			assertThat(service.unless("none")).isNull();
			assertThat(service.unless("none")).isNull();
			assertThat(service.calls()).isEqualTo(2);
			assertThat(this.redis.commands().exists("test-fx-unless")).isZero();
			service.unless("skip-me");
			service.unless("skip-me");
			assertThat(service.calls()).isEqualTo(4);
		});
	}

	@Test
	void nullResultsAreCachedAndTheDefaultNameIsTheMethodName() {
		this.runner.run((context) -> {
			RatesService service = context.getBean(RatesService.class);
			assertThat(service.plain(7)).isNull();
			assertThat(service.plain(7)).isNull();
			assertThat(service.calls()).isEqualTo(1);
			assertThat(this.redis.commands().hget(RatesService.class.getName() + ".plain", "[7]")).isEqualTo("null");
		});
	}

	@Test
	void asynchronousResultsAreNotCached() {
		this.runner.run((context) -> {
			RatesService service = context.getBean(RatesService.class);
			service.async().join();
			service.async().join();
			assertThat(service.calls()).isEqualTo(2);
			assertThat(this.redis.commands().exists("test-fx-async")).isZero();
		});
	}

	@Test
	void checkedExceptionsOfTheMethodPassThroughAndStoreNothing() {
		this.runner.run((context) -> {
			RatesService service = context.getBean(RatesService.class);
			assertThatIllegalStateException().isThrownBy(() -> service.rates("FAIL"));
			assertThat(this.redis.commands().hexists("test-fx-rates", "[\"FAIL\"]")).isFalse();
		});
	}

	record Rate(String currency, double value) {
	}

	static class RatesService {

		private final AtomicInteger calls = new AtomicInteger();

		public int calls() {
			return this.calls.get();
		}

		@RedisCached(key = "test-fx-rates", timeout = "10m")
		public Rate rates(String currency) {
			this.calls.incrementAndGet();
			if (currency.equals("FAIL")) {
				throw new IllegalStateException("upstream down");
			}
			return new Rate(currency, 1.1);
		}

		@RedisCached(key = "test-fx-history")
		public List<Rate> history(String currency) {
			this.calls.incrementAndGet();
			return List.of(new Rate(currency, 1.0), new Rate(currency, 1.1));
		}

		@RedisCached(key = "test-fx-maybe")
		public Optional<Rate> maybe(String currency) {
			this.calls.incrementAndGet();
			return currency.equals("XXX") ? Optional.empty() : Optional.of(new Rate(currency, 1.1));
		}

		@RedisCached(key = "test-fx-unless", unless = "#result == null", condition = "#currency != 'skip-me'")
		public @Nullable Rate unless(String currency) {
			this.calls.incrementAndGet();
			return currency.equals("none") ? null : new Rate(currency, 2.0);
		}

		@RedisCached
		public @Nullable Rate plain(int id) {
			this.calls.incrementAndGet();
			return null;
		}

		@RedisCached(key = "test-fx-async")
		public CompletableFuture<Rate> async() {
			this.calls.incrementAndGet();
			return CompletableFuture.completedFuture(new Rate("EUR", 1.0));
		}

	}

}
