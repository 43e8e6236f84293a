package dev.pottery.autoconfigure;

import dev.pottery.Pottery;

import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * When {@link PotteryAspectsAutoConfiguration} did not apply, so that no advisor runs {@code @Synchronized} or
 * {@code @RedisCached}: one startup warning (or, with {@code pottery.annotations.fail-on-unproxyable=true}, a failed
 * startup) per annotated method of a bean, saying why and how to fix it, instead of methods that silently run
 * without their lock or cache.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = PotteryAspectsAutoConfiguration.class)
@ConditionalOnMissingBean(UnproxyableAnnotationsCheck.class)
public final class PotteryAnnotationsUnavailableAutoConfiguration {

	static final String ASPECTJ = "org.aspectj.weaver.Advice";

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static UnproxyableAnnotationsCheck potteryAnnotationsUnavailableCheck(Environment environment,
			ConfigurableListableBeanFactory beanFactory) {
		if (!ClassUtils.isPresent(ASPECTJ, beanFactory.getBeanClassLoader())) {
			return new UnproxyableAnnotationsCheck(environment,
					"AspectJ (org.aspectj:aspectjweaver) is not on the class path, so Pottery's annotations are not set up",
					"depend on spring-boot-starter-aspectj (pottery-spring-boot-starter brings it)");
		}
		if (beanFactory.getBeanNamesForType(Pottery.class, true, false).length == 0) {
			return new UnproxyableAnnotationsCheck(environment,
					"there is no Pottery bean, so Pottery's annotations are not set up (Pottery's auto-configuration "
							+ "needs exactly one RedisConnectionFactory bean, or one marked @Primary)",
					"give the application a single (or a @Primary) RedisConnectionFactory, and do not exclude "
							+ "PotteryAutoConfiguration");
		}
		return new UnproxyableAnnotationsCheck(environment,
				"PotteryAspectsAutoConfiguration did not apply, so Pottery's annotations are not set up",
				"do not exclude PotteryAspectsAutoConfiguration");
	}

}
