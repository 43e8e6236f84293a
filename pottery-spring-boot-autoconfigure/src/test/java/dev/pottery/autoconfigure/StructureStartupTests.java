package dev.pottery.autoconfigure;

import java.net.ServerSocket;

import dev.pottery.autoconfigure.health.PotteryHealthContributorAutoConfiguration;
import dev.pottery.collections.RedisMap;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.RedisConnectionFailureException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

/**
 * Structure beans are created without Redis I/O: the application starts with Redis down, the health says DOWN and
 * the first use fails; {@code pottery.validate-on-startup} checks them at startup instead. The bean definitions are
 * AOT-compatible (a static factory method, no instance supplier).
 */
@RealRedis
class StructureStartupTests {

	private static final String BLOOM = "pottery.structures.seen.";

	private final RedisServer redis;

	StructureStartupTests(RedisServer redis) {
		this.redis = redis;
	}

	private static ApplicationContextRunner runner(String url) {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class,
					PotteryHealthContributorAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + url, "spring.data.redis.timeout=5s",
					"spring.data.redis.connect-timeout=5s", "pottery.redlock.master-timeout=2s",
					BLOOM + "type=bloom-filter", BLOOM + "key=test-startup-seen", BLOOM + "num-elements=100",
					BLOOM + "false-positives=0.01", BLOOM + "element-type=java.lang.String",
					"pottery.structures.carts.type=map", "pottery.structures.carts.key=test-startup-carts");
	}

	@Test
	void startsWithRedisDownReportsDownAndFailsOnFirstUse() throws Exception {
		runner("redis://127.0.0.1:" + closedPort()).run((context) -> {
			assertThat(context).hasNotFailed();
			BloomFilter<String> seen = context.getBean("seen", BloomFilter.class);
			assertThat(context.getBean(HealthIndicator.class).health().getStatus()).isEqualTo(Status.DOWN);
			assertThatException().isThrownBy(() -> seen.add("rajiv"))
				.isInstanceOf(RedisConnectionFailureException.class)
				.withStackTraceContaining("127.0.0.1");
		});
	}

	@Test
	void bloomFilterChecksItsParametersOnFirstUse() {
		// a filter of other parameters exists (its bits and their record): the record counts only beside its bits
		this.redis.commands().setbit("test-startup-seen", 3, 1);
		this.redis.commands().set("test-startup-seen:bloom-params",
				"{\"false_positives\": 0.5, \"k\": 1, \"m\": 8, \"num_elements\": 5}");
		try {
			runner(this.redis.url()).run((context) -> {
				assertThat(context).hasNotFailed();
				BloomFilter<String> seen = context.getBean("seen", BloomFilter.class);
				assertThatException().isThrownBy(() -> seen.add("rajiv"))
					.isInstanceOf(dev.pottery.probabilistic.BloomFilterMismatchException.class);
				assertThat(this.redis.commands().bitcount("test-startup-seen")).isOne();
			});
		}
		finally {
			this.redis.commands().del("test-startup-seen", "test-startup-seen:bloom-params");
		}
	}

	@Test
	void validateOnStartupFailsWithAnAnalysisWhenRedisIsDown() throws Exception {
		runner("redis://127.0.0.1:" + closedPort()).withPropertyValues("pottery.validate-on-startup=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new StructureValidationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis).isNotNull();
				assertThat(analysis.getDescription()).contains("pottery.structures.");
				assertThat(analysis.getAction()).contains("spring.data.redis.*", "pottery.validate-on-startup=false");
			});
	}

	@Test
	void validateOnStartupFailsWhenAKeyHoldsAnotherTypeOrABloomFilterDiffers() {
		this.redis.commands().set("test-startup-carts", "not a hash");
		try {
			runner(this.redis.url()).withPropertyValues("pottery.validate-on-startup=true").run((context) -> {
				assertThat(context).hasFailed();
				FailureAnalysis analysis = new StructureValidationFailureAnalyzer()
					.analyze(context.getStartupFailure());
				assertThat(analysis.getDescription()).contains("pottery.structures.carts", "test-startup-carts");
				assertThat(analysis.getAction()).contains("pottery.structures.carts.key");
			});
		}
		finally {
			this.redis.commands().del("test-startup-carts", "test-startup-seen:bloom-params");
		}
	}

	@Test
	void validateOnStartupPassesOnAGoodSetup() {
		try {
			runner(this.redis.url()).withPropertyValues("pottery.validate-on-startup=true").run((context) -> {
				assertThat(context).hasNotFailed();
				// the Bloom filter's parameters were recorded at startup
				assertThat(this.redis.commands().exists("test-startup-seen:bloom-params")).isOne();
				context.getBean("carts", RedisMap.class).size();
			});
		}
		finally {
			this.redis.commands().del("test-startup-seen:bloom-params");
		}
	}

	@Test
	void beanDefinitionsUseAStaticFactoryMethodThatAotCanGenerate() {
		runner(this.redis.url()).run((context) -> {
			BeanDefinition definition = context.getBeanFactory().getBeanDefinition("carts");
			assertThat(definition.getFactoryMethodName()).isEqualTo("structure");
			assertThat(definition.getBeanClassName()).isEqualTo(StructureBeans.class.getName());
			assertThat(((AbstractBeanDefinition) definition).getInstanceSupplier()).isNull();
			assertThat(definition.getConstructorArgumentValues().getIndexedArgumentValue(0, String.class).getValue())
				.isEqualTo("carts");
		});
	}

	private static int closedPort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
