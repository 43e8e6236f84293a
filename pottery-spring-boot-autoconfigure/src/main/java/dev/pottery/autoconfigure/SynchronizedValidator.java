package dev.pottery.autoconfigure;

import dev.pottery.sync.Synchronized;
import dev.pottery.internal.aop.SynchronizedInterceptor;
import org.aopalliance.aop.Advice;

import org.springframework.aop.Advisor;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * Checks every {@code @Synchronized} method of the application's beans once the singletons exist, as its first call
 * would (key expression, {@code autoReleaseTime} and {@code timeout}, the masters group), so that a mistake fails
 * startup with {@link InvalidSynchronizedFailureAnalyzer a report} instead of the first call. Talks to no Redis.
 */
final class SynchronizedValidator implements SmartInitializingSingleton {

	static final String ADVISOR = "potterySynchronizedAdvisor";

	private final ConfigurableListableBeanFactory beanFactory;

	SynchronizedValidator(ConfigurableListableBeanFactory beanFactory) {
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		if (!this.beanFactory.containsBean(ADVISOR)
				|| !(this.beanFactory.getBean(ADVISOR) instanceof Advisor advisor)) {
			return;
		}
		Advice advice = advisor.getAdvice();
		if (!(advice instanceof SynchronizedInterceptor interceptor)) {
			return;
		}
		AnnotatedBeanMethods.forEach(this.beanFactory, Synchronized.class, (method, userClass) -> {
			try {
				interceptor.validate(method, userClass);
			}
			catch (RuntimeException ex) {
				throw new InvalidSynchronizedException(ClassUtils.getQualifiedMethodName(method, userClass), ex);
			}
		});
	}

}
