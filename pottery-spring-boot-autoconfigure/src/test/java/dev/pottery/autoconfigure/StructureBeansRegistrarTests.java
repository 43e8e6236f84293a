package dev.pottery.autoconfigure;

import dev.pottery.collections.RedisDeque;
import dev.pottery.collections.RedisMap;
import dev.pottery.id.NextId;
import dev.pottery.lock.Redlock;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link StructureBeansRegistrar}: beans from {@code pottery.structures}, and startup failures that name
 * the property.
 */
@RealRedis
class StructureBeansRegistrarTests {

	private final RedisServer redis;

	private final ApplicationContextRunner runner;

	StructureBeansRegistrarTests(RedisServer redis) {
		this.redis = redis;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url());
	}

	@Test
	void registersTypedBeansByName() {
		this.runner
			.withPropertyValues("pottery.structures.tel.type=map", "pottery.structures.tel.key=test-tel",
					"pottery.structures.tel.key-type=java.lang.String",
					"pottery.structures.tel.value-type=java.lang.Integer", "pottery.structures.recent.type=deque",
					"pottery.structures.recent.max-length=2", "pottery.structures.recent.element-type=java.lang.Long",
					"pottery.structures.orders.type=next-id", "pottery.structures.printer.type=redlock")
			.run((context) -> {
				RedisMap<String, Integer> tel = context.getBean("tel", RedisMap.class);
				tel.put("jack", 4098);
				assertThat(this.redis.commands().hget("test-tel", "\"jack\"")).isEqualTo("4098");
				// injection by generic type finds it
				assertThat(context.getBeanProvider(
						ResolvableType.forClassWithGenerics(RedisMap.class, String.class, Integer.class)).getObject())
					.isSameAs(tel);
				assertThat(context.getBeanProvider(
						ResolvableType.forClassWithGenerics(RedisMap.class, String.class, Long.class)).getIfAvailable())
					.isNull();
				RedisDeque<Long> recent = context.getBean("recent", RedisDeque.class);
				recent.addAll(java.util.List.of(1L, 2L, 3L));
				assertThat(recent).containsExactly(2L, 3L);
				assertThat(context.getBean("orders", NextId.class).next()).isPositive();
				// a Redlock instance tracks one holder: every injection gets its own
				assertThat(context.getBean("printer", Redlock.class)).isNotSameAs(context.getBean("printer", Redlock.class));
				tel.clear();
				recent.clear();
				this.redis.commands().del("nextid:orders");
			});
	}

	@Test
	void keyPrefixApplies() {
		this.runner
			.withPropertyValues("pottery.key-prefix=test-app:", "pottery.structures.seen.type=bloom-filter",
					"pottery.structures.seen.num-elements=100", "pottery.structures.seen.false-positives=0.01",
					"pottery.structures.seen.element-type=java.lang.String")
			.run((context) -> {
				BloomFilter<String> seen = context.getBean("seen", BloomFilter.class);
				seen.add("rajiv");
				assertThat(seen.key()).isEqualTo("test-app:seen");
				assertThat(this.redis.commands().exists("test-app:seen")).isOne();
				this.redis.commands().del("test-app:seen", "test-app:seen:bloom-params");
			});
	}

	@Test
	void missingTypeFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("pottery.structures.tel.key=tel")
			.run((context) -> assertFailure(context.getStartupFailure(), "pottery.structures.tel.type",
					"map, set, list"));
	}

	@Test
	void unknownClassFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("pottery.structures.tel.type=map", "pottery.structures.tel.value-type=com.acme.Nope")
			.run((context) -> assertFailure(context.getStartupFailure(), "pottery.structures.tel.value-type",
					"fully qualified class name"));
	}

	@Test
	void bloomFilterWithoutSizeFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("pottery.structures.seen.type=bloom-filter")
			.run((context) -> assertFailure(context.getStartupFailure(), "pottery.structures.seen.num-elements",
					"for example 1000"));
	}

	@Test
	void invalidBloomFilterRateFailsStartupNamingTheStructure() {
		this.runner
			.withPropertyValues("pottery.structures.seen.type=bloom-filter", "pottery.structures.seen.num-elements=10",
					"pottery.structures.seen.false-positives=1.5")
			.run((context) -> assertFailure(context.getStartupFailure(), "pottery.structures.seen.false-positives",
					"between 0 and 1"));
	}

	@Test
	void badMasterUrlFailsStartupWithThePasswordMasked() {
		this.runner.withPropertyValues("pottery.redlock.masters[0]=" + this.redis.url(),
				"pottery.redlock.masters[1]=http://bob:hunter2@nowhere")
			.run((context) -> {
				assertFailure(context.getStartupFailure(), "pottery.redlock.masters[1]", "rediss://");
				assertThat(context.getStartupFailure()).rootCause().hasMessageNotContaining("hunter2");
			});
	}

	@Test
	void unknownFieldInsideAStructureFailsNamingItAndTheFix() {
		this.runner
			.withPropertyValues("pottery.structures.carts.type=map", "pottery.structures.carts.value-tpye=java.lang.Integer")
			.run((context) -> {
				assertFailure(context.getStartupFailure(), "pottery.structures.carts.value-tpye",
						"did you mean pottery.structures.carts.value-type?");
				assertThat(new InvalidPotteryPropertyFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
					.contains("type, key, key-type, value-type, element-type");
			});
	}

	@Test
	void badKeyTypeIsReportedUnderKeyType() {
		this.runner.withPropertyValues("pottery.structures.tel.type=map", "pottery.structures.tel.key-type=com.acme.Nope")
			.run((context) -> assertFailure(context.getStartupFailure(), "pottery.structures.tel.key-type",
					"fully qualified class name"));
	}

	@Test
	void invalidTypeListsTheKebabCaseValues() {
		this.runner.withPropertyValues("pottery.structures.seen.type=bloom")
			.run((context) -> {
				assertFailure(context.getStartupFailure(), "pottery.structures.seen.type",
						"map, set, list, deque, counter, queue, bloom-filter, hyper-log-log, next-id, redlock");
				assertThat(new InvalidPotteryPropertyFailureAnalyzer().analyze(context.getStartupFailure()).getAction())
					.doesNotContain("BLOOM_FILTER");
			});
	}

	@Test
	void twoStructuresOnOneRedisKeyFailStartup() {
		this.runner
			.withPropertyValues("pottery.structures.carts.type=map", "pottery.structures.baskets.type=set",
					"pottery.structures.baskets.key=carts")
			.run((context) -> assertFailure(context.getStartupFailure(), "pottery.structures.baskets.key",
					"give one of them another key"));
	}

	@Test
	void aRedlockAndAMapMayShareAName() {
		// redlock:printer and printer are different Redis keys
		this.runner
			.withPropertyValues("pottery.structures.printer.type=redlock", "pottery.structures.jobs.type=map",
					"pottery.structures.jobs.key=printer")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void badAutoReleaseTimeFailsStartupNamingItsOwnProperty() {
		this.runner.withPropertyValues("pottery.redlock.auto-release-time=0s")
			.run((context) -> {
				assertFailure(context.getStartupFailure(), "pottery.redlock.auto-release-time", "positive auto-release-time");
				assertThat(context.getStartupFailure()).rootCause().hasMessageContaining("at least 1 ms");
			});
	}

	@Test
	void negativeMaxLengthFailsStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("pottery.structures.recent.type=deque", "pottery.structures.recent.max-length=-1")
			.run((context) -> assertFailure(context.getStartupFailure(), "pottery.structures.recent.max-length",
					"use 0 or more"));
	}

	@Test
	void unconvertibleFieldValueFailsStartupNamingTheProperty() {
		this.runner
			.withPropertyValues("pottery.structures.recent.type=deque", "pottery.structures.recent.max-length=ten")
			.run((context) -> assertFailure(context.getStartupFailure(), "pottery.structures.recent.max-length",
					"correct the value"));
	}

	@ParameterizedTest
	@CsvSource({ "master-timeout, 0s", "num-extensions, -1", "retry-delay, -1ms", "clock-drift-factor, 1.5" })
	void badRedlockOptionFailsStartupNamingItsOwnProperty(String field, String value) {
		this.runner.withPropertyValues("pottery.redlock." + field + "=" + value)
			.run((context) -> assertFailure(context.getStartupFailure(), "pottery.redlock." + field,
					"num-extensions >= 0"));
	}

	@Test
	void negativeCacheTimeoutFailsStartupNamingTheProperty() {
		this.runner.withPropertyValues("pottery.cache.default-timeout=-5s")
			.run((context) -> assertFailure(context.getStartupFailure(), "pottery.cache.default-timeout",
					"a duration such as 60s"));
	}

	@Test
	void badUrlInAMastersGroupFailsStartupNamingTheGroup() {
		this.runner.withPropertyValues("pottery.redlock.groups.billing[0]=" + this.redis.url(),
				"pottery.redlock.groups.billing[1]=http://bob:hunter2@nowhere")
			.run((context) -> assertFailure(context.getStartupFailure(), "pottery.redlock.groups.billing[1]",
					"rediss://"));
	}

	private static void assertFailure(Throwable failure, String property, String action) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new InvalidPotteryPropertyFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		assertThat(analysis.getDescription()).contains(property).doesNotContain("hunter2");
		assertThat(analysis.getAction()).contains(action);
	}

}
