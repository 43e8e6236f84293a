package dev.pottery.autoconfigure;

import dev.pottery.cache.RedisCached;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A {@code @RedisCached} with a {@code timeout} that is not a duration, or a {@code condition} or {@code unless}
 * that is not SpEL, fails startup with a failure analysis naming the method and the fix, not the first call.
 */
@RealRedis
class RedisCachedStartupValidationTests {

	private final ApplicationContextRunner runner;

	RedisCachedStartupValidationTests(RedisServer redis) {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url());
	}

	@Test
	void timeoutThatIsNotADurationFailsStartup() {
		this.runner.withBean(BadTimeout.class).run((context) -> {
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("BadTimeout.quote", "timeout '10 minutes'");
			assertThat(analysis.getAction()).contains("10m, 30s, 0 or PT1H");
		});
	}

	@Test
	void conditionThatIsNotSpelFailsStartup() {
		this.runner.withBean(BadCondition.class).run((context) -> {
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("BadCondition.quote", "condition '#currency ==='");
			assertThat(analysis.getAction()).contains("valid SpEL");
		});
	}

	@Test
	void validAnnotationsStart() {
		this.runner.withBean(Fine.class).run((context) -> assertThat(context).hasNotFailed());
	}

	private static FailureAnalysis analysis(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new InvalidRedisCachedFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

	static class BadTimeout {

		@RedisCached(key = "test-startup-quotes", timeout = "10 minutes")
		public String quote(String currency) {
			return currency;
		}

	}

	static class BadCondition {

		@RedisCached(key = "test-startup-quotes", condition = "#currency ===")
		public String quote(String currency) {
			return currency;
		}

	}

	static class Fine {

		@RedisCached(key = "test-startup-quotes", timeout = "10m", condition = "#currency != null",
				unless = "#result == null")
		public String quote(String currency) {
			return currency;
		}

	}

}
