package dev.pottery.cache;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.pottery.codec.PotteryJson;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the Javadoc in {@code dev.pottery.cache} and of its README section
 * (README.md), run so that they cannot rot. Javadoc examples use this test's own keys; the
 * README example uses the README's key ({@code expensive-function-cache}) on this class's own server.
 */
@RealRedis
class JavadocExamplesTests {

	private final RedisServer redis;

	private final RedisConnectionFactory connectionFactory;

	private final String key;

	private final RedisCache<Rates> rates;

	private int computations;

	JavadocExamplesTests(RedisServer redis) {
		this.redis = redis;
		this.connectionFactory = redis.connectionFactory();
		this.key = redis.newKey();
		this.rates = RedisCache.builder(this.connectionFactory).key(this.key).build(Rates.class);
	}

	@AfterEach
	void deleteKey() {
		this.redis.commands().del(this.key);
	}

	private int expensiveFunction(int n) {
		this.computations++;
		return n;
	}

	private Rates fetchRates(String currency) {
		this.computations++;
		return new Rates(currency, Map.of("USD", 1.08));
	}

	@Test
	void readmeExpensiveFunction() {
		try {
			RedisCache<Integer> cache = RedisCache.builder(this.connectionFactory)
				.key("expensive-function-cache")
				.timeout(Duration.ofSeconds(60))
				.build(Integer.class);
			assertThat(cache.get(List.of(5), () -> expensiveFunction(5))).isEqualTo(5); // computed
			assertThat(cache.get(List.of(5), () -> expensiveFunction(5))).isEqualTo(5); // from Redis
			assertThat(cache.info()).isEqualTo(new RedisCache.CacheInfo(1, 1, OptionalLong.empty(), 1));
			assertThat(this.redis.commands().hgetall("expensive-function-cache")).isEqualTo(Map.of("[5]", "5"));
			assertThat(cache.bypass(List.of(5), () -> expensiveFunction(5))).isEqualTo(5); // recomputed and stored
			assertThat(cache.info().hits()).isOne();
			cache.clear();
			assertThat(cache.info()).isEqualTo(new RedisCache.CacheInfo(0, 0, OptionalLong.empty(), 0));
			assertThat(this.computations).isEqualTo(2);
		}
		finally {
			this.redis.commands().del("expensive-function-cache");
		}
	}

	@Test
	void redisCache() {
		RedisCache<Integer> cache = RedisCache.builder(this.connectionFactory).key(this.key).build(Integer.class);
		int result = cache.get(List.of(5), () -> expensiveFunction(5));
		cache.get(List.of(5), () -> expensiveFunction(5));
		assertThat(result).isEqualTo(5);
		assertThat(this.computations).isOne();
		assertThat(cache.info()).hasToString("CacheInfo[hits=1, misses=1, maxSize=OptionalLong.empty, currentSize=1]");
	}

	@Test
	void builder() {
		RedisCache<Rates> rates = RedisCache.builder(this.connectionFactory)
			.key(this.key).timeout(Duration.ofMinutes(10)).build(Rates.class);
		assertThat(rates.timeout()).isEqualTo(Duration.ofMinutes(10));
	}

	@Test
	void getBypassInfoClearField() {
		Rates eur = this.rates.get(List.of("EUR"), () -> fetchRates("EUR"));
		assertThat(eur).isEqualTo(fetchRates("EUR"));
		Rates fresh = this.rates.bypass(List.of("EUR"), () -> fetchRates("EUR"));
		assertThat(fresh).isEqualTo(eur);
		this.rates.get(List.of("EUR"), () -> fetchRates("EUR"));
		RedisCache.CacheInfo info = this.rates.info();
		assertThat(info).isEqualTo(new RedisCache.CacheInfo(1, 1, OptionalLong.empty(), 1));
		assertThat(this.rates.field(List.of("EUR", 2))).isEqualTo("[\"EUR\", 2]");
		this.rates.clear();
		assertThat(this.rates.info().currentSize()).isZero();
	}

	@Test
	void builderMethods() throws NoSuchMethodException {
		RedisCache.Builder builder = RedisCache.builder(this.connectionFactory);
		builder.key(this.key);
		builder.timeout(Duration.ofMinutes(10));
		JsonMapper customMapper = PotteryJson.defaultMapperBuilder().build();
		builder.codec(PotteryJson.of(customMapper));
		RedisCache<Integer> cache = builder.build(Integer.class);
		assertThat(cache.key()).isEqualTo(this.key);
		RedisCache<List<String>> lists = builder.build(new ParameterizedTypeReference<List<String>>() { });
		assertThat(lists.get(List.of(), () -> List.of("a"))).containsExactly("a");
		Method method = JavadocExamplesTests.class.getDeclaredMethod("fetchRates", String.class);
		RedisCache<Object> byMethod = builder.build(ResolvableType.forMethodReturnType(method));
		assertThat(byMethod.get(List.of("EUR"), () -> fetchRates("EUR"))).isInstanceOf(Rates.class);
	}

	record Rates(String base, Map<String, Double> rates) {
	}

}
