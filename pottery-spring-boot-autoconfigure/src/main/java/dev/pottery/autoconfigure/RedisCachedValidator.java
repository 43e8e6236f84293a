package dev.pottery.autoconfigure;

import dev.pottery.cache.RedisCached;
import dev.pottery.internal.aop.RedisCachedInterceptor;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Checks every {@code @RedisCached} method of the application's beans once the singletons exist, as its first call
 * would ({@code timeout}, {@code condition}, {@code unless}), so that a mistake fails startup with
 * {@link InvalidRedisCachedFailureAnalyzer a report} instead of the first call. Talks to no Redis.
 */
final class RedisCachedValidator implements SmartInitializingSingleton {

	private final ConfigurableListableBeanFactory beanFactory;

	RedisCachedValidator(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		String advisor = PotteryAspectsAutoConfiguration.REDIS_CACHED_ADVISOR;
		// only Pottery's own advisor: one of the application's under that name may read the attributes otherwise
		if (!this.beanFactory.containsBean(advisor) || !(this.beanFactory.getBean(advisor) instanceof Advisor ours)
				|| !(ours.getAdvice() instanceof RedisCachedInterceptor)) {
			return;
		}
		AnnotatedBeanMethods.forEach(this.beanFactory, RedisCached.class, (method, userClass) -> {
			try {
				RedisCachedInterceptor.validate(method, userClass);
			}
			catch (RuntimeException ex) {
				throw new InvalidRedisCachedException(ex);
			}
		});
	}

}
