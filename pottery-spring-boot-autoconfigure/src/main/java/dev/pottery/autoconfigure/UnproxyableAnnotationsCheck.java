package dev.pottery.autoconfigure;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.pottery.cache.RedisCached;
import dev.pottery.sync.Synchronized;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfigurationPackages;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * At startup, finds {@code @Synchronized} and {@code @RedisCached} methods that Spring AOP cannot intercept, which
 * would otherwise run silently without their lock or cache: private, final or static methods of beans, and annotated
 * methods of classes under the application's packages that are not beans. Logs one warning per method, naming it and
 * the fix, or, with {@code pottery.annotations.fail-on-unproxyable=true}, fails the startup with
 * {@link UnproxyableAnnotationException}. Calls through {@code this} (self-invocation) cannot be seen here; the
 * README explains them.
 */
final class UnproxyableAnnotationsCheck implements SmartInitializingSingleton, BeanFactoryAware, AopInfrastructureBean {

	static final String FAIL_PROPERTY = "pottery.annotations.fail-on-unproxyable";

	private static final Log logger = LogFactory.getLog(UnproxyableAnnotationsCheck.class);

	private static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(Synchronized.class, RedisCached.class);

	private final Environment environment;

	private ConfigurableListableBeanFactory beanFactory;

	UnproxyableAnnotationsCheck(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) {
		this.beanFactory = (ConfigurableListableBeanFactory) beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		List<String> problems = problems();
		if (problems.isEmpty()) {
			return;
		}
		if (this.environment.getProperty(FAIL_PROPERTY, Boolean.class, false)) {
			throw new UnproxyableAnnotationException(problems);
		}
		problems.forEach(logger::warn);
	}

	List<String> problems() {
		Set<Class<?>> beanClasses = new LinkedHashSet<>();
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(name);
			if (definition.getRole() == BeanDefinition.ROLE_INFRASTRUCTURE) {
				continue;
			}
			Class<?> type = this.beanFactory.getType(name, false);
			if (type != null) {
				beanClasses.add(ClassUtils.getUserClass(type));
			}
		}
		List<String> problems = new ArrayList<>();
		for (Class<?> beanClass : beanClasses) {
			ReflectionUtils.doWithMethods(beanClass, (method) -> {
				String modifier = unproxyable(method);
				if (modifier != null) {
					problems.add(message(method, beanClass, "is " + modifier + ", so Spring AOP cannot intercept it",
							"make it public and not final or static"));
				}
			}, (method) -> annotation(method) != null && !method.isBridge());
		}
		for (Class<?> candidate : annotatedClassesInApplicationPackages()) {
			if (beanClasses.stream().noneMatch(candidate::isAssignableFrom)) {
				ReflectionUtils.doWithMethods(candidate,
						(method) -> problems.add(message(method, candidate,
								"is on a class that is not a Spring bean, so nothing intercepts it",
								"make the class a bean (for example @Component) and call the method on the injected bean")),
						(method) -> annotation(method) != null && method.getDeclaringClass() == candidate);
			}
		}
		return problems;
	}

	private static String unproxyable(Method method) {
		int modifiers = method.getModifiers();
		if (Modifier.isStatic(modifiers)) {
			return "static";
		}
		if (Modifier.isPrivate(modifiers)) {
			return "private";
		}
		if (Modifier.isFinal(modifiers)) {
			return "final";
		}
		return null;
	}

	private static String annotation(Method method) {
		for (Class<? extends Annotation> type : ANNOTATIONS) {
			if (AnnotatedElementUtils.hasAnnotation(method, type)) {
				return type.getSimpleName();
			}
		}
		return null;
	}

	private static String message(Method method, Class<?> type, String problem, String fix) {
		return "@" + annotation(method) + " on " + ClassUtils.getQualifiedMethodName(method, type) + " "
				+ problem + ": it runs without its " + ("Synchronized".equals(annotation(method)) ? "lock" : "cache")
				+ ". Fix: " + fix + "; calls from inside the same object (this.method()) are not intercepted either. "
				+ "Set " + FAIL_PROPERTY + "=true to fail the startup instead of this warning.";
	}

	/** Classes under the application's packages (auto-configuration packages) with annotated methods. */
	private List<Class<?>> annotatedClassesInApplicationPackages() {
		if (!AutoConfigurationPackages.has(this.beanFactory)) {
			return List.of();
		}
		ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false,
				this.environment) {

			@Override
			protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
				return definition.getMetadata().isIndependent() && definition.getMetadata().isConcrete();
			}

		};
		scanner.addIncludeFilter((reader, factory) -> ANNOTATIONS.stream()
			.anyMatch((type) -> reader.getAnnotationMetadata().hasAnnotatedMethods(type.getName())));
		List<Class<?>> classes = new ArrayList<>();
		ClassLoader classLoader = this.beanFactory.getBeanClassLoader();
		for (String packageName : AutoConfigurationPackages.get(this.beanFactory)) {
			for (BeanDefinition candidate : scanner.findCandidateComponents(packageName)) {
				String className = candidate.getBeanClassName();
				if (className != null && ClassUtils.isPresent(className, classLoader)) {
					classes.add(ClassUtils.resolveClassName(className, classLoader));
				}
			}
		}
		return classes;
	}

}
