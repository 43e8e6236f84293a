package dev.pottery.autoconfigure;

import dev.pottery.Pottery;
import dev.pottery.cache.PotteryCaches;
import dev.pottery.cache.RedisCached;
import dev.pottery.internal.aop.RedisCachedInterceptor;
import dev.pottery.sync.Synchronized;
import dev.pottery.internal.aop.SynchronizedInterceptor;

import org.springframework.aop.Advisor;
import org.springframework.aop.support.DefaultPointcutAdvisor;
import org.springframework.aop.support.annotation.AnnotationMatchingPointcut;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Role;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@code @RedisCached} and {@code @Synchronized} annotations: Spring AOP advisors (with
 * the infrastructure role, so any auto-proxy creator applies them) around annotated methods of Spring beans.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { PotteryAutoConfiguration.class, AopAutoConfiguration.class })
@ConditionalOnClass(name = "org.aspectj.weaver.Advice")
@ConditionalOnBean(Pottery.class)
public final class PotteryAspectsAutoConfiguration {

	static final String REDIS_CACHED_ADVISOR = "potteryRedisCachedAdvisor";

	static final String SYNCHRONIZED_ADVISOR = "potterySynchronizedAdvisor";

	@Bean
	@ConditionalOnMissingBean
	PotteryCaches potteryCaches() {
		return new PotteryCaches();
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean(name = REDIS_CACHED_ADVISOR)
	static Advisor potteryRedisCachedAdvisor(ObjectProvider<Pottery> pottery, ObjectProvider<PotteryCaches> caches) {
		// static with lazy lookups: advisors are created early, before the beans they need
		RedisCachedInterceptor interceptor = new RedisCachedInterceptor(
				(key, valueType, timeout) -> pottery.getObject().cache(key, valueType, timeout), caches::getObject);
		return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(RedisCached.class),
				interceptor);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	static UnproxyableAnnotationsCheck potteryUnproxyableAnnotationsCheck(Environment environment) {
		return new UnproxyableAnnotationsCheck(environment);
	}

	@Bean
	@Role(BeanDefinition.ROLE_INFRASTRUCTURE)
	@ConditionalOnMissingBean(name = SYNCHRONIZED_ADVISOR)
	static Advisor potterySynchronizedAdvisor(ObjectProvider<Pottery> pottery) {
		SynchronizedInterceptor interceptor = new SynchronizedInterceptor((group) -> pottery.getObject().masters(group),
				() -> pottery.getObject().redlockOptions(), () -> pottery.getObject().keyPrefix());
		return new DefaultPointcutAdvisor(AnnotationMatchingPointcut.forMethodAnnotation(Synchronized.class),
				interceptor);
	}

	@Bean
	@ConditionalOnMissingBean
	static RedisCachedValidator potteryRedisCachedValidator(ConfigurableListableBeanFactory beanFactory) {
		// every @RedisCached method is checked once the singletons exist: mistakes fail startup, not the first call
		return new RedisCachedValidator(beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	static SynchronizedValidator potterySynchronizedValidator(ConfigurableListableBeanFactory beanFactory) {
		// every @Synchronized method is checked once the singletons exist: mistakes fail startup, not the first call
		return new SynchronizedValidator(beanFactory);
	}

}
