package dev.pottery.autoconfigure;

import java.time.Duration;
import java.util.Map;

import dev.pottery.Pottery;
import dev.pottery.codec.PotteryJson;
import dev.pottery.lock.Masters;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PotteryAutoConfiguration}.
 */
@RealRedis
class PotteryAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class));

	// ---- codec ----

	@Test
	void createsTheCodecTheMastersAndTheFacade(RedisServer redis) {
		this.runner.withPropertyValues("spring.data.redis.url=" + redis.url()).run((context) -> {
			assertThat(context).hasSingleBean(PotteryJson.class).hasSingleBean(Pottery.class).hasSingleBean(Masters.class);
			assertThat(context.getBean(Masters.class).urls()).hasSize(1);
			assertThat(context.getBean(PotteryJson.class).encode(Map.of("b", 1, "a", 1e16)))
				.isEqualTo("{\"a\": 1e+16, \"b\": 1}");
		});
	}

	@Test
	void appliesCodecCustomizersInOrder(RedisServer redis) {
		this.runner.withPropertyValues("spring.data.redis.url=" + redis.url())
			.withBean("renameX", PotteryJsonCustomizer.class,
					() -> (builder) -> builder.addMixIn(Point.class, RenamedPoint.class))
			.run((context) -> assertThat(context.getBean(PotteryJson.class).encode(new Point(1, 2)))
				.isEqualTo("{\"x_coordinate\": 1, \"y\": 2}"));
	}

	@Test
	void userCodecWins(RedisServer redis) {
		PotteryJson own = PotteryJson.create();
		this.runner.withPropertyValues("spring.data.redis.url=" + redis.url())
			.withBean(PotteryJson.class, () -> own)
			.run((context) -> assertThat(context.getBean(PotteryJson.class)).isSameAs(own));
	}

	@Test
	void backsOffWithoutARedisConnection() {
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(PotteryAutoConfiguration.class))
			.run((context) -> assertThat(context).doesNotHaveBean(PotteryJson.class)
				.doesNotHaveBean(RedisConnectionFactory.class));
	}

	// ---- properties ----

	@Test
	void defaultsArePythonPotterysDefaults() {
		PotteryProperties properties = new PotteryProperties();
		// pottery 3.0.1: Redlock(auto_release_time=10, num_extensions=3), CLOCK_DRIFT_FACTOR 0.01,
		// RETRY_DELAY 200 ms, redis_cache(timeout=60), no key prefix
		assertThat(properties.getRedlock().getAutoReleaseTime()).isEqualTo(Duration.ofSeconds(10));
		assertThat(properties.getRedlock().getNumExtensions()).isEqualTo(3);
		assertThat(properties.getRedlock().getClockDriftFactor()).isEqualTo(0.01);
		assertThat(properties.getRedlock().getRetryDelay()).isEqualTo(Duration.ofMillis(200));
		assertThat(properties.getRedlock().isRaiseOnRedisErrors()).isFalse();
		assertThat(properties.getRedlock().getMasters()).isEmpty();
		assertThat(properties.getCache().getDefaultTimeout()).isEqualTo(Duration.ofSeconds(60));
		assertThat(properties.getKeyPrefix()).isEmpty();
		assertThat(properties.getEmbedded().isEnabled()).isFalse();
	}

	@Test
	void bindsEveryProperty(RedisServer redis) {
		this.runner.withPropertyValues("spring.data.redis.url=" + redis.url(), "pottery.key-prefix=app:",
				"pottery.redlock.masters[0]=redis://r1:6379", "pottery.redlock.masters[1]=rediss://u:p@r2:6380/1",
				"pottery.redlock.auto-release-time=30s", "pottery.redlock.num-extensions=5",
				"pottery.redlock.retry-delay=100ms", "pottery.redlock.master-timeout=20ms",
				"pottery.redlock.clock-drift-factor=0.02", "pottery.redlock.raise-on-redis-errors=true",
				"pottery.cache.default-timeout=10m", "pottery.embedded.masters=5",
				"pottery.structures.tel.type=map", "pottery.structures.tel.key=tel",
				"pottery.structures.tel.key-type=java.lang.String", "pottery.structures.tel.value-type=java.lang.Integer",
				"pottery.structures.dilberts.type=bloom-filter", "pottery.structures.dilberts.num-elements=100",
				"pottery.structures.dilberts.false-positives=0.01", "pottery.structures.recent.type=deque",
				"pottery.structures.recent.max-length=5", "pottery.structures.recent.element-type=java.lang.Long")
			.run((context) -> {
				PotteryProperties properties = context.getBean(PotteryProperties.class);
				assertThat(properties.getKeyPrefix()).isEqualTo("app:");
				PotteryProperties.Redlock redlock = properties.getRedlock();
				assertThat(redlock.getMasters()).containsExactly("redis://r1:6379", "rediss://u:p@r2:6380/1");
				assertThat(redlock.getAutoReleaseTime()).isEqualTo(Duration.ofSeconds(30));
				assertThat(redlock.getNumExtensions()).isEqualTo(5);
				assertThat(redlock.getRetryDelay()).isEqualTo(Duration.ofMillis(100));
				assertThat(redlock.getMasterTimeout()).isEqualTo(Duration.ofMillis(20));
				assertThat(redlock.getClockDriftFactor()).isEqualTo(0.02);
				assertThat(redlock.isRaiseOnRedisErrors()).isTrue();
				assertThat(properties.getCache().getDefaultTimeout()).isEqualTo(Duration.ofMinutes(10));
				assertThat(properties.getEmbedded().getMasters()).isEqualTo(5);
				PotteryProperties.Structure tel = properties.getStructures().get("tel");
				assertThat(tel.getType()).isEqualTo(PotteryProperties.StructureType.MAP);
				assertThat(tel.getKey()).isEqualTo("tel");
				assertThat(tel.getKeyType()).isEqualTo("java.lang.String");
				assertThat(tel.getValueType()).isEqualTo("java.lang.Integer");
				PotteryProperties.Structure dilberts = properties.getStructures().get("dilberts");
				assertThat(dilberts.getType()).isEqualTo(PotteryProperties.StructureType.BLOOM_FILTER);
				assertThat(dilberts.getNumElements()).isEqualTo(100L);
				assertThat(dilberts.getFalsePositives()).isEqualTo(0.01);
				PotteryProperties.Structure recent = properties.getStructures().get("recent");
				assertThat(recent.getMaxLength()).isEqualTo(5);
				assertThat(recent.getElementType()).isEqualTo("java.lang.Long");
			});
	}

	@Test
	void configurationMetadataDescribesThePropertiesForIdes() throws Exception {
		String metadata;
		try (java.io.InputStream in = getClass().getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			assertThat(in).isNotNull();
			metadata = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
		}
		assertThat(metadata).contains("\"pottery.redlock.auto-release-time\"", "\"pottery.structures\"",
				"\"pottery.embedded.enabled\"", "\"pottery.structures.values.value-type\"", "class-reference");
	}

	record Point(int x, int y) {
	}

	abstract static class RenamedPoint {

		@JsonProperty("x_coordinate")
		abstract int x();

	}

}
