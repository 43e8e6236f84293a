package dev.pottery.cache;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pottery.EncodingException;
import dev.pottery.WrongTypeException;
import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@link RedisCache} against a real Redis: stored fields and values, hits and misses, null results, the sliding
 * timeout (asserted through the TTL Redis holds, not by waiting), bypass, clear, round trips and bad input.
 */
@RealRedis
@ExtendWith(OutputCaptureExtension.class)
class RedisCacheTests {

	private final RedisServer redis;

	private final RedisCommands<String, String> commands;

	private final String key;

	private final AtomicInteger calls = new AtomicInteger();

	RedisCacheTests(RedisServer redis) {
		this.redis = redis;
		this.commands = redis.commands();
		this.key = redis.newKey();
	}

	@BeforeEach
	@AfterEach
	void deleteKey() {
		// through the connection factory, which also opens its shared connection before any command is counted
		new StringRedisTemplate(this.redis.connectionFactory()).delete(this.key);
	}

	private RedisCache.Builder builder() {
		return RedisCache.builder(this.redis.connectionFactory()).key(this.key);
	}

	private int expensiveFunction(int n) {
		this.calls.incrementAndGet();
		return n;
	}

	// ---- get ----

	@Test
	void getComputesOnMissThenAnswersFromRedis() {
		RedisCache<Integer> cache = builder().build(Integer.class);
		assertThat(cache.get(List.of(5), () -> expensiveFunction(5))).isEqualTo(5);
		assertThat(cache.info()).isEqualTo(new RedisCache.CacheInfo(0, 1, OptionalLong.empty(), 1));
		assertThat(cache.get(List.of(5), () -> expensiveFunction(5))).isEqualTo(5);
		assertThat(cache.info()).isEqualTo(new RedisCache.CacheInfo(1, 1, OptionalLong.empty(), 1));
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void getStoresCanonicalJsonOfArgumentListAndResult() {
		// the rows of the storage table in the README (RedisCache, Storage), plus non-ASCII and nested arguments
		RedisCache<@Nullable Object> cache = builder().build(Object.class);
		cache.get(List.of(5), () -> 5);
		cache.get(List.of("EUR", 2), () -> Map.of("rate", 1.0));
		cache.get(List.of(), () -> null);
		cache.get(Arrays.asList(null, List.of(1, 2)), () -> 1e16);
		cache.get(List.of("caf\u00e9", Map.of("b", 1, "a", 2.5)), () -> List.of("x"));
		assertThat(this.commands.hgetall(this.key)).containsOnly(Map.entry("[5]", "5"),
				Map.entry("[\"EUR\", 2]", "{\"rate\": 1.0}"), Map.entry("[]", "null"),
				Map.entry("[null, [1, 2]]", "1e+16"), Map.entry("[\"caf\\u00e9\", {\"a\": 2.5, \"b\": 1}]", "[\"x\"]"));
		assertThat(cache.field(List.of("EUR", 2))).isEqualTo("[\"EUR\", 2]");
	}

	@Test
	void getFindsEntriesWrittenByAnotherInstanceOrClient() {
		this.commands.hset(this.key, "[\"EUR\"]", "[1.5, 2]");
		RedisCache<List<Double>> cache = builder().build(new ParameterizedTypeReference<List<Double>>() { });
		assertThat(cache.get(List.of("EUR"), () -> List.of(0.0))).containsExactly(1.5, 2.0);
		assertThat(cache.info().hits()).isOne();
	}

	@Test
	void getDecodesIntoGenericRecordType() {
		RedisCache<List<Rate>> cache = builder().build(new ParameterizedTypeReference<List<Rate>>() { });
		List<Rate> rates = List.of(new Rate("EUR", 1.08), new Rate("GBP", 1.27));
		cache.get(List.of("USD"), () -> rates);
		List<Rate> cached = cache.get(List.of("USD"), List::of);
		assertThat(cached).isEqualTo(rates);
		assertThat(cached.get(0)).isInstanceOf(Rate.class);
	}

	@Test
	void getCachesNullResultAsHit() {
		RedisCache<@Nullable String> cache = builder().build(String.class);
		assertThat(cache.get(List.of("nobody"), () -> {
			this.calls.incrementAndGet();
			return null;
		})).isNull();
		assertThat(this.commands.hget(this.key, "[\"nobody\"]")).isEqualTo("null");
		assertThat(cache.get(List.of("nobody"), () -> "computed again")).isNull();
		assertThat(cache.info().hits()).isOne();
		assertThat(cache.info().misses()).isOne();
		assertThat(this.calls).hasValue(1);
	}

	@Test
	void getAcceptsNullArguments() {
		RedisCache<String> cache = builder().build(String.class);
		assertThat(cache.get(Arrays.asList((Object) null), () -> "x")).isEqualTo("x");
		assertThat(this.commands.hget(this.key, "[null]")).isEqualTo("\"x\"");
	}

	@Test
	void getHitIsOneScriptWithHgetAndPexpire() {
		RedisCache<Integer> cache = builder().build(Integer.class);
		cache.get(List.of(5), () -> 5); // also loads both scripts
		CommandStats stats = CommandStats.start(this.commands);
		cache.get(List.of(5), () -> 5);
		assertThat(stats.since()).containsOnly(Map.entry("evalsha", 1L), Map.entry("hget", 1L),
				Map.entry("pexpire", 1L));
	}

	@Test
	void getMissIsTwoScripts() {
		RedisCache<Integer> cache = builder().build(Integer.class);
		cache.get(List.of(0), () -> 0);
		CommandStats stats = CommandStats.start(this.commands);
		cache.get(List.of(5), () -> 5);
		assertThat(stats.since()).containsOnly(Map.entry("evalsha", 2L), Map.entry("hget", 1L),
				Map.entry("hset", 1L), Map.entry("pexpire", 2L));
	}

	@Test
	void getWhenLoaderFailsStoresNothingAndCountsMiss() {
		RedisCache<Integer> cache = builder().build(Integer.class);
		assertThatExceptionOfType(IllegalStateException.class)
			.isThrownBy(() -> cache.get(List.of(1), () -> {
				throw new IllegalStateException("database down");
			}))
			.withMessage("database down");
		assertThat(this.commands.exists(this.key)).isZero();
		assertThat(cache.info().misses()).isOne();
	}

	@Test
	void getWithArgumentThatCannotBeEncodedFailsBeforeAnyRoundTrip() {
		RedisCache<Integer> cache = builder().build(Integer.class);
		CommandStats stats = CommandStats.start(this.commands);
		assertThatExceptionOfType(EncodingException.class)
			.isThrownBy(() -> cache.get(List.of(new Object()), () -> expensiveFunction(1)))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(this.key));
		assertThat(stats.total()).isZero();
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void getWithResultThatCannotBeEncodedFailsAndStoresNothing() {
		RedisCache<Object> cache = builder().build(Object.class);
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> cache.get(List.of(1), Object::new))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(this.key));
		assertThat(this.commands.exists(this.key)).isZero();
	}

	@Test
	void getOfValueThatDoesNotFitTheTypeIsAMissOverwrittenAndLoggedOnce(CapturedOutput output) {
		// on the old code every call threw EncodingException and slid the expiry: the entry was poisoned for good
		this.commands.hset(this.key, "[1]", "\"not a number\"");
		this.commands.hset(this.key, "[2]", "{\"neither\": 1}");
		RedisCache<Integer> cache = builder().build(Integer.class);
		assertThat(cache.get(List.of(1), () -> expensiveFunction(1))).isEqualTo(1);
		assertThat(this.commands.hget(this.key, "[1]")).isEqualTo("1");
		assertThat(cache.get(List.of(1), () -> expensiveFunction(1))).isEqualTo(1);
		assertThat(cache.get(List.of(2), () -> expensiveFunction(2))).isEqualTo(2);
		assertThat(this.commands.hget(this.key, "[2]")).isEqualTo("2");
		assertThat(this.calls).hasValue(2);
		assertThat(cache.info()).isEqualTo(new RedisCache.CacheInfo(1, 2, OptionalLong.empty(), 2));
		String warning = "RedisCache '" + this.key + "': the value cached for [1] cannot be decoded into";
		assertThat(output.getAll()).contains(warning).contains("WARN");
		assertThat(output.getAll().split(java.util.regex.Pattern.quote("cannot be decoded into"), -1)).hasSize(2);
	}

	@Test
	void evictDeletesTheEntryOfOneCallOnly() {
		RedisCache<Integer> cache = builder().build(Integer.class);
		cache.get(List.of(5), () -> expensiveFunction(5));
		cache.get(List.of(6), () -> expensiveFunction(6));
		assertThat(cache.evict(List.of(5))).isTrue();
		assertThat(cache.evict(List.of(5))).isFalse();
		assertThat(this.commands.hkeys(this.key)).containsExactly("[6]");
		cache.get(List.of(5), () -> expensiveFunction(5));
		cache.get(List.of(6), () -> expensiveFunction(6));
		assertThat(this.calls).hasValue(3);
	}

	@Test
	void evictOfMissingKeyIsFalse() {
		RedisCache<Integer> cache = builder().build(Integer.class);
		assertThat(cache.evict(List.of())).isFalse();
		assertThat(this.commands.exists(this.key)).isZero();
	}

	@Test
	void getOnKeyHoldingAnotherTypeFailsNamingTheKey() {
		this.commands.rpush(this.key, "x");
		RedisCache<Integer> cache = builder().build(Integer.class);
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> cache.get(List.of(1), () -> 1))
			.withMessageContaining("'" + this.key + "' holds a list, but RedisCache needs a hash")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(this.key));
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(cache::info);
		assertThat(this.calls).hasValue(0);
	}

	@Test
	void concurrentMissesMayComputeTwiceButStoreOneWholeValue() throws Exception {
		RedisCache<String> cache = builder().build(String.class);
		int threads = 4;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<String>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				String value = String.valueOf((char) ('a' + i)).repeat(200_000);
				Callable<String> call = () -> cache.get(List.of("big"), () -> value);
				results.add(executor.submit(call));
			}
			for (Future<String> result : results) {
				assertThat(result.get()).hasSize(200_000);
			}
		}
		finally {
			executor.shutdownNow();
		}
		String stored = this.commands.hget(this.key, "[\"big\"]");
		assertThat(stored).hasSize(200_002).matches("\"([a-d])\\1*\"");
	}

	// ---- sliding timeout ----

	@Test
	void everyAccessSetsTheTimeoutOnTheHash() {
		RedisCache<Integer> cache = builder().timeout(Duration.ofMinutes(10)).build(Integer.class);
		cache.get(List.of(1), () -> 1);
		assertThat(this.commands.pttl(this.key)).isBetween(590_000L, 600_000L);
		this.commands.pexpire(this.key, 5_000);
		cache.get(List.of(1), () -> 1); // hit
		assertThat(this.commands.pttl(this.key)).isGreaterThan(590_000L);
		this.commands.pexpire(this.key, 5_000);
		cache.get(List.of(2), () -> {
			// the lookup of a miss has already slid the timeout, before anything is stored
			assertThat(this.commands.pttl(this.key)).isGreaterThan(590_000L);
			return 2;
		});
		this.commands.pexpire(this.key, 5_000);
		cache.bypass(List.of(1), () -> 1);
		assertThat(this.commands.pttl(this.key)).isGreaterThan(590_000L);
	}

	@Test
	void defaultTimeoutIsPotterysSixtySeconds() {
		RedisCache<Integer> cache = RedisCache.builder(this.redis.connectionFactory()).key(this.key).build(Integer.class);
		assertThat(cache.timeout()).isEqualTo(Duration.ofSeconds(60)).isEqualTo(RedisCache.DEFAULT_TIMEOUT);
		cache.get(List.of(1), () -> 1);
		assertThat(this.commands.pttl(this.key)).isBetween(50_000L, 60_000L);
	}

	@Test
	void zeroOrNullTimeoutMeansNoExpiry() {
		RedisCache<Integer> cache = builder().timeout(Duration.ZERO).build(Integer.class);
		cache.get(List.of(1), () -> 1);
		assertThat(this.commands.pttl(this.key)).isEqualTo(-1);
		assertThat(builder().timeout(null).build(Integer.class).timeout()).isZero();
	}

	@Test
	void cacheExpiresOnceUnusedForTheTimeout() {
		RedisCache<Integer> cache = builder().timeout(Duration.ofMillis(50)).build(Integer.class);
		cache.get(List.of(1), () -> expensiveFunction(1));
		await().atMost(Duration.ofSeconds(5)).until(() -> this.commands.exists(this.key) == 0);
		cache.get(List.of(1), () -> expensiveFunction(1));
		assertThat(this.calls).hasValue(2);
		assertThat(cache.info().misses()).isEqualTo(2);
	}

	@Test
	void subMillisecondTimeoutIsRoundedUpToOneMillisecond() {
		RedisCache<Integer> cache = builder().timeout(Duration.ofNanos(1)).build(Integer.class);
		assertThat(cache.timeout()).isEqualTo(Duration.ofNanos(1));
		cache.bypass(List.of(1), () -> 1);
		assertThat(this.commands.pttl(this.key)).isLessThanOrEqualTo(1);
	}

	@Test
	void negativeTimeoutFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> builder().timeout(Duration.ofSeconds(-1)))
			.withMessage("'timeout' must not be negative, but was PT-1S");
	}

	// ---- bypass ----

	@Test
	void bypassRecomputesAndStoresWithoutCountingHitOrMiss() {
		RedisCache<Integer> cache = builder().build(Integer.class);
		cache.get(List.of(5), () -> 5);
		assertThat(cache.bypass(List.of(5), () -> 6)).isEqualTo(6);
		assertThat(cache.get(List.of(5), () -> 7)).isEqualTo(6);
		assertThat(cache.info()).isEqualTo(new RedisCache.CacheInfo(1, 1, OptionalLong.empty(), 1));
	}

	// ---- info ----

	@Test
	void infoCountsPerInstanceAndSizeFromRedis() {
		RedisCache<Integer> first = builder().build(Integer.class);
		RedisCache<Integer> second = builder().build(Integer.class);
		first.get(List.of(1), () -> 1);
		second.get(List.of(1), () -> 1);
		second.get(List.of(2), () -> 2);
		assertThat(first.info()).isEqualTo(new RedisCache.CacheInfo(0, 1, OptionalLong.empty(), 2));
		assertThat(second.info()).isEqualTo(new RedisCache.CacheInfo(1, 1, OptionalLong.empty(), 2));
	}

	@Test
	void infoOfMissingKeyIsEmpty() {
		assertThat(builder().build(Integer.class).info()).isEqualTo(new RedisCache.CacheInfo(0, 0, OptionalLong.empty(), 0));
	}

	// ---- clear ----

	@Test
	void clearUnlinksTheHashAndResetsStatistics() {
		RedisCache<Integer> cache = builder().build(Integer.class);
		cache.get(List.of(1), () -> 1);
		cache.get(List.of(1), () -> 1);
		cache.clear();
		assertThat(this.commands.exists(this.key)).isZero();
		assertThat(cache.info()).isEqualTo(new RedisCache.CacheInfo(0, 0, OptionalLong.empty(), 0));
	}

	// ---- builder ----

	@Test
	void cacheWithoutKeyGetsRandomKey() {
		RedisCache<Integer> cache = RedisCache.builder(this.redis.connectionFactory()).build(Integer.class);
		try {
			assertThat(cache.key()).matches("pottery:[0-9a-f-]{36}");
			cache.get(List.of(1), () -> 1);
			assertThat(this.commands.exists(cache.key())).isOne();
		}
		finally {
			cache.clear();
		}
	}

	@Test
	void builderRejectsNulls() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedisCache.builder(null))
			.withMessage("'connectionFactory' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder().codec(null))
			.withMessage("'codec' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> builder().build((Class<Integer>) null))
			.withMessage("'valueType' must not be null");
		RedisCache<Integer> cache = builder().build(Integer.class);
		assertThatIllegalArgumentException().isThrownBy(() -> cache.get(null, () -> 1))
			.withMessage("'arguments' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> cache.get(List.of(), null))
			.withMessage("'loader' must not be null");
	}

	@Test
	void buildFromResolvableTypeDecodesGenericReturnType() throws NoSuchMethodException {
		RedisCache<Object> cache = builder()
			.build(ResolvableType.forMethodReturnType(RedisCacheTests.class.getDeclaredMethod("rates")));
		cache.bypass(List.of(), () -> Map.of("EUR", new Rate("EUR", 1.08)));
		assertThat(cache.get(List.of(), Map::of)).isEqualTo(Map.of("EUR", new Rate("EUR", 1.08)));
	}

	@Test
	void toStringShowsKeyAndTimeout() {
		assertThat(builder().build(Integer.class)).hasToString("RedisCache{key='" + this.key + "', timeout=PT1M}");
	}

	@SuppressWarnings("unused")
	private Map<String, Rate> rates() {
		return Map.of();
	}

	record Rate(String currency, double rate) {
	}

}
