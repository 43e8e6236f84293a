package dev.pottery.autoconfigure;

import dev.pottery.sync.Synchronized;
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
 * A {@code @Synchronized} with a bad {@code autoReleaseTime} or an unknown masters group fails startup with a failure
 * analysis naming the method and the fix, not the first call.
 */
@RealRedis
class SynchronizedStartupValidationTests {

	private final ApplicationContextRunner runner;

	SynchronizedStartupValidationTests(RedisServer redis) {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url(), "pottery.redlock.master-timeout=2s");
	}

	@Test
	void badAutoReleaseTimeFailsStartup() {
		this.runner.withBean(BadLease.class).run((context) -> {
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("BadLease.settle", "autoReleaseTime", "'ten seconds'");
			assertThat(analysis.getAction()).contains("@Synchronized");
		});
	}

	@Test
	void tooShortAutoReleaseTimeFailsStartup() {
		this.runner.withBean(ZeroLease.class).run((context) -> {
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("ZeroLease.settle", "at least 1 ms");
		});
	}

	@Test
	void unknownMastersGroupFailsStartup() {
		this.runner.withBean(UnknownGroup.class).run((context) -> {
			FailureAnalysis analysis = analysis(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("UnknownGroup.settle", "'billing'",
					"pottery.redlock.groups.billing");
			assertThat(analysis.getAction()).contains("pottery.redlock.groups.<name>");
		});
	}

	@Test
	void validAnnotationsStart() {
		this.runner.withBean(Fine.class)
			.withPropertyValues("pottery.redlock.groups.billing[0]=redis://127.0.0.1:1")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static FailureAnalysis analysis(Throwable failure) {
		assertThat(failure).isNotNull();
		FailureAnalysis analysis = new InvalidSynchronizedFailureAnalyzer().analyze(failure);
		assertThat(analysis).as("analysis of %s", failure).isNotNull();
		return analysis;
	}

	static class BadLease {

		@Synchronized(key = "invoice", autoReleaseTime = "ten seconds")
		public void settle() {
		}

	}

	static class ZeroLease {

		@Synchronized(key = "invoice", autoReleaseTime = "0ms")
		public void settle() {
		}

	}

	static class UnknownGroup {

		@Synchronized(key = "invoice", masters = "billing")
		public void settle() {
		}

	}

	static class Fine {

		@Synchronized(key = "invoice", autoReleaseTime = "30s", masters = "billing")
		public void settle() {
		}

	}

}
