package dev.pottery.sync.unadvised;

import dev.pottery.autoconfigure.PotteryAspectsAutoConfiguration;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import dev.pottery.autoconfigure.UnproxyableAnnotationException;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Startup warnings for public annotated methods of beans whose calls would not reach Pottery's advice: a bean Spring
 * AOP did not proxy, a JDK proxy without the method on an interface, an annotation only on the interface.
 */
@RealRedis
@ExtendWith(OutputCaptureExtension.class)
class UnadvisedAnnotationsTests {

	private final ApplicationContextRunner runner;

	UnadvisedAnnotationsTests(RedisServer redis) {
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url())
			.withUserConfiguration(Unadvised.Application.class);
	}

	@Test
	void withClassProxiesOnlyTheAnnotationOnTheInterfaceAloneIsReported(CapturedOutput output) {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(AopUtils.isCglibProxy(context.getBean(Unadvised.Ledger.class))).isTrue();
			// what the warning is about: the proxy does not cache the calls
			Unadvised.Rates rates = context.getBean(Unadvised.Rates.class);
			assertThat(AopUtils.isAopProxy(rates)).isTrue();
			assertThat(rates.rate()).isNotEqualTo(rates.rate());
			assertThat(output).contains("@RedisCached on " + Unadvised.DefaultRates.class.getName()
					+ ".rate is on bean 'rates', but the annotation is only where Spring AOP does not look for it")
				.contains("Fix: put the annotation on the bean class's own method")
				.doesNotContain(".post is on bean")
				.doesNotContain(".open is on bean")
				.doesNotContain(".balance is on bean");
		});
	}

	@Test
	void withoutAnAutoProxyCreatorEveryAnnotatedMethodIsReported(CapturedOutput output) {
		this.runner.withPropertyValues("spring.aop.auto=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(AopUtils.isAopProxy(context.getBean(Unadvised.Ledger.class))).isFalse();
			assertThat(output).contains("@Synchronized on " + Unadvised.Ledger.class.getName()
					+ ".post is on bean 'ledger', which Spring AOP has not proxied with it")
				.contains(".open is on bean 'accounts', which Spring AOP has not proxied")
				.contains("@RedisCached on " + Unadvised.DefaultAccounts.class.getName() + ".balance is on bean 'accounts'")
				.contains("keep spring.aop.auto=true");
		});
	}

	@Test
	void aBeanCreatedBeforeTheAutoProxyCreatorIsReported(CapturedOutput output) {
		this.runner.withUserConfiguration(Unadvised.EarlyApplication.class).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(AopUtils.isAopProxy(context.getBean(Unadvised.Auditor.class))).isFalse();
			assertThat(output).contains("@Synchronized on " + Unadvised.Auditor.class.getName()
					+ ".audit is on bean 'auditor', which Spring AOP has not proxied with it")
				.contains("do not make the bean a BeanPostProcessor");
		});
	}

	@Test
	void withInterfaceProxiesAMethodOnNoInterfaceIsReported(CapturedOutput output) {
		this.runner.withPropertyValues("spring.aop.proxy-target-class=false").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(AopUtils.isJdkDynamicProxy(context.getBean(Unadvised.Accounts.class))).isTrue();
			assertThat(output).contains("@RedisCached on " + Unadvised.DefaultAccounts.class.getName()
					+ ".balance is on bean 'accounts', a JDK interface proxy, and on none of its interfaces")
				.contains("spring.aop.proxy-target-class=true")
				.doesNotContain(".open is on bean");
		});
	}

	@Test
	void failOnUnproxyableAlsoFailsTheStartupForThem() {
		this.runner.withPropertyValues("spring.aop.auto=false", "pottery.annotations.fail-on-unproxyable=true")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(context.getStartupFailure())
					.isInstanceOf(UnproxyableAnnotationException.class)
					.hasMessageContaining(".post is on bean 'ledger', which Spring AOP has not proxied with it");
			});
	}

}
