package dev.pottery.internal.probabilistic;

import dev.pottery.codec.PotteryJson;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.probabilistic.HyperLogLog;
import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.core.ResolvableType;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link ProbabilisticFactory}: argument checks, codec, and what opening a structure costs.
 */
@RealRedis
class ProbabilisticFactoryTests {

	private final RedisServer redis;

	private final ProbabilisticFactory structures;

	ProbabilisticFactoryTests(RedisServer redis) {
		this.redis = redis;
		this.structures = ProbabilisticFactory.create(redis.connectionFactory());
	}

	@Test
	void constructorRejectsNulls() {
		PotteryJson codec = PotteryJson.create();
		RedisConnectionFactory factory = this.redis.connectionFactory();
		assertThatIllegalArgumentException().isThrownBy(() -> new ProbabilisticFactory(null, codec))
			.withMessage("'connectionFactory' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> new ProbabilisticFactory(factory, null))
			.withMessage("'codec' must not be null");
	}

	@Test
	void codecIsTheOneGiven() {
		PotteryJson codec = PotteryJson.create();
		assertThat(new ProbabilisticFactory(this.redis.connectionFactory(), codec).codec()).isSameAs(codec);
	}

	@Test
	void factoryMethodsRejectNullElementType() {
		String key = this.redis.newKey();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.structures.bloomFilter(key, 100, 0.01, (Class<String>) null))
			.withMessage("'elementType' must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.structures.bloomFilter(key, 100, 0.01, (ResolvableType) null))
			.withMessage("'elementType' must not be null");
		assertThatIllegalArgumentException().isThrownBy(() -> this.structures.hyperLogLog(key, (Class<String>) null))
			.withMessage("'elementType' must not be null");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.structures.hyperLogLog(key, (ResolvableType) null))
			.withMessage("'elementType' must not be null");
	}

	@Test
	void openingHyperLogLogWithKeyCostsNoRoundTrip() {
		CommandStats stats = CommandStats.start(this.redis.commands());
		HyperLogLog<String> hll = this.structures.hyperLogLog(this.redis.newKey(), String.class);
		assertThat(hll.key()).startsWith("pottery:test:");
		assertThat(stats.total()).isZero();
	}

	@Test
	void emptyKeyMeansRandomKey() {
		HyperLogLog<String> hll = this.structures.hyperLogLog("", String.class);
		assertThat(hll.key()).matches("pottery:[0-9a-f-]{36}");
		BloomFilter<String> filter = this.structures.bloomFilter("", 10, 0.1, String.class);
		assertThat(filter.key()).matches("pottery:[0-9a-f-]{36}");
	}

	@Test
	void toStringNamesTheConnectionFactory() {
		assertThat(this.structures.toString()).startsWith("ProbabilisticFactory{");
	}

}
