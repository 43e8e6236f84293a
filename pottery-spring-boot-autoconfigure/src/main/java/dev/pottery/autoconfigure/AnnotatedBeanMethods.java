package dev.pottery.autoconfigure;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.function.BiConsumer;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.util.ClassUtils;

/**
 * The methods of the beans' classes that carry an annotation (directly or as a meta-annotation), for the startup
 * checks of {@code @Synchronized} and {@code @RedisCached}.
 */
final class AnnotatedBeanMethods {

	private AnnotatedBeanMethods() {
	}

	/**
	 * Call {@code action} with each annotated method and the user class (not the proxy) of the bean it belongs to.
	 * @param beanFactory the beans
	 * @param annotation the annotation
	 * @param action what to do with each method and its class
	 */
	static void forEach(ConfigurableListableBeanFactory beanFactory, Class<? extends Annotation> annotation,
			BiConsumer<Method, Class<?>> action) {
		for (String name : beanFactory.getBeanDefinitionNames()) {
			Class<?> type = beanFactory.getType(name, false);
			if (type == null) {
				continue;
			}
			Class<?> userClass = ClassUtils.getUserClass(type);
			if (!AnnotationUtils.isCandidateClass(userClass, annotation)) {
				continue;
			}
			MethodIntrospector
				.selectMethods(userClass,
						(Method method) -> AnnotatedElementUtils.hasAnnotation(method, annotation))
				.forEach((method) -> action.accept(method, userClass));
		}
	}

}
