package dev.pottery.autoconfigure.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pottery.autoconfigure.PotteryAspectsAutoConfiguration;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import dev.pottery.autoconfigure.observation.PotteryObservationAutoConfiguration;
import dev.pottery.cache.PotteryCache;
import dev.pottery.cache.PotteryCacheManager;
import dev.pottery.cache.PotteryCaches;
import dev.pottery.cache.RedisCached;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cache.Cache;
import org.springframework.cache.CacheManager;
import org.springframework.cache.annotation.CacheEvict;
import org.springframework.cache.annotation.CachePut;
import org.springframework.cache.annotation.Cacheable;
import org.springframework.cache.annotation.EnableCaching;
import org.springframework.cache.concurrent.ConcurrentMapCacheManager;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * {@link PotteryCacheManager} and its auto-configuration: Spring's {@code @Cacheable}, {@code @CachePut} and
 * {@code @CacheEvict} on a real Redis, in pottery's layout, with null values, {@code sync = true}, metrics, and every
 * condition of the auto-configuration.
 */
@RealRedis
@ExtendWith(OutputCaptureExtension.class)
class PotteryCacheManagerTests {

	private static final List<String> KEYS = List.of("test-quotes", "test-names", "test-shared", "test-learned",
			"test-learned-list", "test-learned-optional");

	private final RedisServer redis;

	private final ApplicationContextRunner runner;

	PotteryCacheManagerTests(RedisServer redis) {
		this.redis = redis;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class,
					PotteryObservationAutoConfiguration.class, PotteryCacheManagerAutoConfiguration.class,
					CacheAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url())
			.withBean(ObservationRegistry.class, TestObservationRegistry::create);
	}

	@AfterEach
	void deleteCaches() {
		this.redis.commands().del(KEYS.toArray(String[]::new));
	}

	// ---- Spring's annotations on a real Redis

	@Test
	void cacheableStoresPotteryBytesAndAnswersFromRedis() {
		this.runner.withUserConfiguration(CachingConfiguration.class).run((context) -> {
			QuoteService quotes = context.getBean(QuoteService.class);
			assertThat(quotes.quote("EUR")).isEqualTo(new Quote("EUR", 1.08));
			assertThat(quotes.quote("EUR")).isEqualTo(new Quote("EUR", 1.08));
			assertThat(quotes.calls()).isEqualTo(1);
			// one hash per cache; the field is the canonical JSON of the argument list, the value that of the result
			assertThat(this.redis.commands().hgetall("test-quotes"))
				.containsExactly(Map.entry("[\"EUR\"]", "{\"currency\": \"EUR\", \"value\": 1.08}"));
			assertThat(this.redis.commands().pttl("test-quotes")).isBetween(1L, 600_000L);
			assertThat(context.getBean(CacheManager.class)).isInstanceOf(PotteryCacheManager.class);
			assertThat(context.getBean(PotteryCaches.class).info("test-quotes").hits()).isOne();
			assertThat((TestObservationRegistry) context.getBean(ObservationRegistry.class))
				.hasNumberOfObservationsWithNameEqualTo("pottery.cache.gets", 2)
				.hasAnObservation((observation) -> observation.hasNameEqualTo("pottery.cache.gets")
					.hasLowCardinalityKeyValue("pottery.cache", "test-quotes")
					.hasLowCardinalityKeyValue("pottery.outcome", "hit"));
		});
	}

	@Test
	void cachePutOverwritesAndCacheEvictDeletesOneEntryOrAll() {
		this.runner.withUserConfiguration(CachingConfiguration.class).run((context) -> {
			QuoteService quotes = context.getBean(QuoteService.class);
			quotes.quote("EUR");
			quotes.quote("GBP");
			assertThat(quotes.refresh("EUR", 1.1)).isEqualTo(new Quote("EUR", 1.1));
			assertThat(quotes.quote("EUR")).isEqualTo(new Quote("EUR", 1.1));
			quotes.forget("EUR");
			assertThat(this.redis.commands().hkeys("test-quotes")).containsExactly("[\"GBP\"]");
			assertThat(quotes.quote("EUR")).isEqualTo(new Quote("EUR", 1.08));
			assertThat(quotes.calls()).isEqualTo(3);
			quotes.forgetAll();
			assertThat(this.redis.commands().exists("test-quotes")).isZero();
		});
	}

	@Test
	void nullResultsAreCachedAsJsonNullAndAreHits() {
		this.runner.withUserConfiguration(CachingConfiguration.class).run((context) -> {
			QuoteService quotes = context.getBean(QuoteService.class);
			assertThat(quotes.name(7)).isNull();
			assertThat(quotes.name(7)).isNull();
			assertThat(quotes.calls()).isEqualTo(1);
			assertThat(this.redis.commands().hget("test-names", "[7]")).isEqualTo("null");
		});
	}

	@Test
	void syncCacheableComputesOncePerKeyUnderConcurrency() throws Exception {
		this.runner.withUserConfiguration(CachingConfiguration.class).run((context) -> {
			QuoteService quotes = context.getBean(QuoteService.class);
			int threads = 8;
			CountDownLatch start = new CountDownLatch(1);
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				List<Future<Quote>> results = new ArrayList<>();
				for (int i = 0; i < threads; i++) {
					results.add(executor.submit(() -> {
						start.await();
						return quotes.slowQuote("CHF");
					}));
				}
				start.countDown();
				for (Future<Quote> result : results) {
					assertThat(result.get(30, TimeUnit.SECONDS)).isEqualTo(new Quote("CHF", 0.95));
				}
			}
			finally {
				executor.shutdownNow();
			}
			assertThat(quotes.calls()).isEqualTo(1);
			assertThat(this.redis.commands().hget("test-quotes", "[\"CHF\"]")).contains("0.95");
		});
	}

	@Test
	void syncLoaderExceptionIsWrappedAndStoresNothing() {
		this.runner.withUserConfiguration(CachingConfiguration.class).run((context) -> {
			Cache cache = context.getBean(CacheManager.class).getCache("test-quotes");
			assertThat(cache).isNotNull();
			assertThatExceptionOfType(Cache.ValueRetrievalException.class)
				.isThrownBy(() -> cache.get("XXX", () -> {
					throw new IllegalStateException("upstream down");
				}))
				.withRootCauseInstanceOf(IllegalStateException.class);
			assertThat(this.redis.commands().exists("test-quotes")).isZero();
		});
	}

	@Test
	void sharesEntriesWithRedisCachedOfTheSameParameters() {
		this.runner.withUserConfiguration(CachingConfiguration.class).run((context) -> {
			QuoteService quotes = context.getBean(QuoteService.class);
			assertThat(quotes.viaRedisCached("EUR", 2)).isEqualTo("EUR x2");
			assertThat(quotes.viaCacheable("EUR", 2)).isEqualTo("EUR x2");
			assertThat(quotes.calls()).isEqualTo(1);
			assertThat(this.redis.commands().hgetall("test-shared"))
				.containsExactly(Map.entry("[\"EUR\", 2]", "\"EUR x2\""));
		});
	}

	@Test
	void undeclaredCachesDecodeIntoTheReturnTypeOfTheirMethods() {
		// without it, a hit came back as a LinkedHashMap and the caller failed with ClassCastException
		this.runner.withUserConfiguration(CachingConfiguration.class).run((context) -> {
			QuoteService quotes = context.getBean(QuoteService.class);
			quotes.learned("EUR");
			Quote hit = quotes.learned("EUR");
			assertThat(hit).isEqualTo(new Quote("EUR", 2.0));
			quotes.learnedList("EUR");
			List<Quote> list = quotes.learnedList("EUR");
			assertThat(list).containsExactly(new Quote("EUR", 2.0));
			assertThat(list.get(0)).isInstanceOf(Quote.class);
			quotes.learnedOptional("EUR");
			assertThat(quotes.learnedOptional("EUR")).contains(new Quote("EUR", 2.0));
			assertThat(quotes.calls()).isEqualTo(3);
		});
	}

	@Test
	void aCacheOfMethodsWithDifferentReturnTypesFallsBackToJsonTypesWithAWarning(CapturedOutput output) {
		this.runner.withUserConfiguration(CachingOnly.class)
			.withBean(ConflictingService.class)
			.run((context) -> {
				assertThat(output.getAll()).contains("Cache 'test-names' is used by methods returning");
				Cache names = context.getBean(CacheManager.class).getCache("test-names");
				assertThat(names).isNotNull();
				names.put("k", Map.of("a", 1));
				Cache.ValueWrapper value = names.get("k");
				assertThat(value).isNotNull();
				assertThat(value.get()).isEqualTo(Map.of("a", 1));
			});
	}

	@Test
	void programmaticCacheContract() {
		this.runner.withUserConfiguration(CachingConfiguration.class).run((context) -> {
			PotteryCache cache = (PotteryCache) context.getBean(CacheManager.class).getCache("test-names");
			assertThat(cache).isNotNull();
			assertThat(cache.field(new SimpleKey("EUR", 2))).isEqualTo("[\"EUR\", 2]");
			assertThat(cache.field(SimpleKey.EMPTY)).isEqualTo("[]");
			assertThat(cache.field("EUR")).isEqualTo("[\"EUR\"]");
			assertThat(cache.get("a")).isNull();
			assertThat(cache.putIfAbsent("a", "first")).isNull();
			Cache.ValueWrapper existing = cache.putIfAbsent("a", "second");
			assertThat(existing).isNotNull();
			assertThat(existing.get()).isEqualTo("first");
			assertThat(cache.get("a", String.class)).isEqualTo("first");
			assertThat(cache.evictIfPresent("a")).isTrue();
			assertThat(cache.evictIfPresent("a")).isFalse();
			cache.put("b", List.of(1, 2));
			assertThat(cache.get("b", List.class)).containsExactly(1, 2);
			assertThat(cache.invalidate()).isTrue();
			assertThat(cache.invalidate()).isFalse();
			assertThat(cache.getNativeCache().key()).isEqualTo("test-names");
			assertThat(context.getBean(CacheManager.class).getCacheNames()).contains("test-quotes", "test-names");
		});
	}

	@Test
	void undecodableValueIsAMissAndOverwritten() {
		this.redis.commands().hset("test-quotes", "[\"EUR\"]", "[\"not a quote\"]");
		this.runner.withUserConfiguration(CachingConfiguration.class).run((context) -> {
			QuoteService quotes = context.getBean(QuoteService.class);
			assertThat(quotes.quote("EUR")).isEqualTo(new Quote("EUR", 1.08));
			assertThat(quotes.quote("EUR")).isEqualTo(new Quote("EUR", 1.08));
			assertThat(quotes.calls()).isEqualTo(1);
		});
	}

	// ---- conditions

	@Test
	void withoutEnableCachingThereIsNoCacheManager() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(CacheManager.class));
	}

	@Test
	void aUserDefinedCacheManagerWins() {
		this.runner.withUserConfiguration(CachingConfiguration.class, OwnCacheManager.class)
			.run((context) -> assertThat(context).getBean(CacheManager.class)
				.isInstanceOf(ConcurrentMapCacheManager.class));
	}

	@Test
	void springCacheTypeLeavesTheChoiceToSpringBoot() {
		this.runner.withUserConfiguration(CachingConfiguration.class)
			.withPropertyValues("spring.cache.type=simple")
			.run((context) -> assertThat(context).getBean(CacheManager.class)
				.isInstanceOf(ConcurrentMapCacheManager.class));
	}

	@Test
	void withoutRedisOnTheClasspathThereIsNoPotteryCacheManager() {
		this.runner.withUserConfiguration(CachingOnly.class)
			.withClassLoader(new FilteredClassLoader("org.springframework.data.redis"))
			.run((context) -> assertThat(context).doesNotHaveBean(PotteryCacheManager.class));
	}

	@Test
	void withoutSpringsCacheAbstractionThereIsNoPotteryCacheManager() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class,
					PotteryCacheManagerAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + this.redis.url())
			.withClassLoader(new FilteredClassLoader(CacheManager.class))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(PotteryCacheManager.class));
	}

	@Test
	void customizersDeclareTypesAndDynamicCreationCanBeTurnedOff() {
		this.runner.withUserConfiguration(CachingConfiguration.class)
			.withBean(PotteryCacheManagerCustomizer.class,
					() -> (builder) -> builder.cache("test-names", String.class, Duration.ofSeconds(30))
						.dynamic(false))
			.run((context) -> {
				CacheManager manager = context.getBean(CacheManager.class);
				assertThat(manager.getCache("undeclared")).isNull();
				assertThat(manager.getCacheNames()).containsExactlyInAnyOrder("test-quotes", "test-names");
				Cache names = manager.getCache("test-names");
				assertThat(names).isNotNull();
				names.put(1, "one");
				assertThat(this.redis.commands().pttl("test-names")).isBetween(1L, 30_000L);
			});
	}

	@Test
	void nativeImagesMayReadTheArgumentsOfSimpleKey() {
		org.springframework.aot.hint.RuntimeHints hints = new org.springframework.aot.hint.RuntimeHints();
		new PotteryCacheManagerAutoConfiguration.CacheKeyHints().registerHints(hints, getClass().getClassLoader());
		assertThat(org.springframework.aot.hint.predicate.RuntimeHintsPredicates.reflection()
			.onFieldAccess(SimpleKey.class, "params")).accepts(hints);
	}

	// ---- fixtures

	record Quote(String currency, double value) {
	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingConfiguration {

		@Bean
		QuoteService quoteService() {
			return new QuoteService();
		}

		@Bean
		PotteryCacheManagerCustomizer quoteCaches() {
			return (builder) -> builder.cache("test-quotes", Quote.class, Duration.ofMinutes(10));
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableCaching
	static class CachingOnly {

	}

	@Configuration(proxyBeanMethods = false)
	static class OwnCacheManager {

		@Bean
		CacheManager ownCacheManager() {
			return new ConcurrentMapCacheManager();
		}

	}

	public static class ConflictingService {

		@Cacheable("test-names")
		public String name(int id) {
			return "n" + id;
		}

		@Cacheable("test-names")
		public Integer number(int id) {
			return id;
		}

	}

	static class QuoteService {

		private final AtomicInteger calls = new AtomicInteger();

		public int calls() {
			return this.calls.get();
		}

		@Cacheable("test-quotes")
		public Quote quote(String currency) {
			this.calls.incrementAndGet();
			return new Quote(currency, 1.08);
		}

		@Cacheable(cacheNames = "test-quotes", sync = true)
		public Quote slowQuote(String currency) throws InterruptedException {
			this.calls.incrementAndGet();
			Thread.sleep(200); // widen the window in which the other threads ask for the same key
			return new Quote(currency, 0.95);
		}

		@CachePut(cacheNames = "test-quotes", key = "#currency")
		public Quote refresh(String currency, double value) {
			return new Quote(currency, value);
		}

		@CacheEvict("test-quotes")
		public void forget(String currency) {
		}

		@CacheEvict(cacheNames = "test-quotes", allEntries = true)
		public void forgetAll() {
		}

		@Cacheable("test-names")
		public @Nullable String name(int id) {
			this.calls.incrementAndGet();
			return null;
		}

		@Cacheable("test-learned")
		public Quote learned(String currency) {
			this.calls.incrementAndGet();
			return new Quote(currency, 2.0);
		}

		@Cacheable("test-learned-list")
		public List<Quote> learnedList(String currency) {
			this.calls.incrementAndGet();
			return List.of(new Quote(currency, 2.0));
		}

		@Cacheable("test-learned-optional")
		public java.util.Optional<Quote> learnedOptional(String currency) {
			this.calls.incrementAndGet();
			return java.util.Optional.of(new Quote(currency, 2.0));
		}

		@RedisCached(key = "test-shared")
		public String viaRedisCached(String currency, int times) {
			this.calls.incrementAndGet();
			return currency + " x" + times;
		}

		@Cacheable("test-shared")
		public String viaCacheable(String currency, int times) {
			this.calls.incrementAndGet();
			return currency + " x" + times;
		}

	}

}
