package dev.pottery.sync.unadvised;

import dev.pottery.autoconfigure.PotteryAnnotationsUnavailableAutoConfiguration;
import dev.pottery.autoconfigure.PotteryAspectsAutoConfiguration;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import dev.pottery.autoconfigure.UnproxyableAnnotationException;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * When Pottery's annotation advisors are not set up at all (no Pottery bean, no AspectJ), every annotated method of a
 * bean is reported at startup instead of silently running without its lock or cache.
 */
@RealRedis
@ExtendWith(OutputCaptureExtension.class)
class AnnotationsUnavailableTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, PotteryAutoConfiguration.class,
				PotteryAspectsAutoConfiguration.class, PotteryAnnotationsUnavailableAutoConfiguration.class))
		.withUserConfiguration(Unadvised.Application.class);

	private final RedisServer redis;

	AnnotationsUnavailableTests(RedisServer redis) {
		this.redis = redis;
	}

	@Test
	void withoutAPotteryBeanEveryAnnotatedMethodIsReported(CapturedOutput output) {
		// no RedisConnectionFactory: Pottery's auto-configuration does not apply
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(dev.pottery.Pottery.class);
			assertThat(output).contains("@Synchronized on " + Unadvised.Ledger.class.getName()
					+ ".post is on a bean, but there is no Pottery bean, so Pottery's annotations are not set up")
				.contains("@RedisCached on " + Unadvised.DefaultAccounts.class.getName() + ".balance is on a bean")
				.contains("it runs without its lock")
				.contains("Fix: give the application a single (or a @Primary) RedisConnectionFactory");
		});
	}

	@Test
	void withoutAspectJEveryAnnotatedMethodIsReportedAndTheStartupCanBeMadeToFail(CapturedOutput output) {
		ApplicationContextRunner withoutAspectJ = this.runner
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + this.redis.url())
			.withClassLoader(new FilteredClassLoader("org.aspectj"));
		withoutAspectJ.run((context) -> {
			assertThat(context).hasNotFailed().hasSingleBean(dev.pottery.Pottery.class);
			assertThat(output).contains("@Synchronized on " + Unadvised.Ledger.class.getName()
					+ ".post is on a bean, but AspectJ (org.aspectj:aspectjweaver) is not on the class path")
				.contains("Fix: depend on spring-boot-starter-aspectj");
		});
		withoutAspectJ.withPropertyValues("pottery.annotations.fail-on-unproxyable=true").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).isInstanceOf(UnproxyableAnnotationException.class);
		});
	}

	@Test
	void withTheAspectsAutoConfigurationLeftOutEveryAnnotatedMethodIsReported(CapturedOutput output) {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAnnotationsUnavailableAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + this.redis.url())
			.withUserConfiguration(Unadvised.Application.class)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(dev.pottery.Pottery.class);
				assertThat(output).contains("@Synchronized on " + Unadvised.Ledger.class.getName()
						+ ".post is on a bean, but PotteryAspectsAutoConfiguration did not apply")
					.contains("Fix: do not exclude PotteryAspectsAutoConfiguration");
			});
	}

	@Test
	void whenTheAdvisorsAreSetUpThisCheckStaysOut() {
		this.runner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + this.redis.url())
			.run((context) -> assertThat(context).hasNotFailed()
				.hasBean("potterySynchronizedAdvisor")
				.doesNotHaveBean("potteryAnnotationsUnavailableCheck"));
	}

}
