package dev.pottery.sync.unproxyable;

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
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup warnings (or failure) for {@code @Synchronized} and {@code @RedisCached} methods Spring AOP cannot
 * intercept.
 */
@RealRedis
@ExtendWith(OutputCaptureExtension.class)
class UnproxyableAnnotationsTests {

	private final ApplicationContextRunner runner;

	UnproxyableAnnotationsTests(RedisServer redis) {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url())
			.withUserConfiguration(Unproxyable.Application.class);
	}

	@Test
	void oneWarningPerMethodThatCannotBeIntercepted(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			String invoices = Unproxyable.Invoices.class.getName();
			assertThat(output).contains("@Synchronized on " + invoices + ".hidden is private")
				.contains("@Synchronized on " + invoices + ".sealed is final")
				.contains("@RedisCached on " + invoices + ".rates is static")
				.contains("@Synchronized on " + Unproxyable.NotABean.class.getName()
						+ ".orphan is on a class that is not a Spring bean")
				.contains("Fix: make it public")
				.contains("pottery.annotations.fail-on-unproxyable=true")
				.doesNotContain(invoices + ".fine");
			assertThat(output.toString().split("cannot intercept it|that is not a Spring bean", -1)).hasSize(5);
		});
	}

	@Test
	void failOnUnproxyableFailsTheStartupWithTheMethodsAndTheFix() {
		this.runner.withPropertyValues("pottery.annotations.fail-on-unproxyable=true").run((context) -> {
			assertThat(context).hasFailed();
			Throwable failure = context.getStartupFailure();
			while (!(failure instanceof UnproxyableAnnotationException) && failure.getCause() != null) {
				failure = failure.getCause();
			}
			assertThat(failure).isInstanceOf(UnproxyableAnnotationException.class);
			assertThat(((UnproxyableAnnotationException) failure).getProblems()).hasSize(4);
			FailureAnalysis analysis = new dev.pottery.autoconfigure.UnproxyableAnnotationFailureAnalyzerAccess()
				.analyze(context.getStartupFailure());
			assertThat(analysis.getDescription()).contains("4 Pottery annotation(s) cannot be intercepted");
			assertThat(analysis.getAction()).contains("call it through the bean");
		});
	}

}
