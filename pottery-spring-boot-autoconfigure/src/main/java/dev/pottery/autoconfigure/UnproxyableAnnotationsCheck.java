package dev.pottery.autoconfigure;

import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.pottery.cache.RedisCached;
import dev.pottery.sync.Synchronized;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.Advisor;
import org.springframework.aop.PointcutAdvisor;
import org.springframework.aop.framework.Advised;
import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.FactoryBean;
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
 * methods of classes under the application's packages that are not beans; and, on the beans that exist by then,
 * annotated methods whose calls would not reach the advisor (a bean Spring AOP did not proxy, a JDK proxy without
 * the method on an interface, an annotation the advisor's pointcut does not see). Logs one warning per method,
 * naming it and the fix, or, with {@code pottery.annotations.fail-on-unproxyable=true}, fails the startup with
 * {@link UnproxyableAnnotationException}. Calls through {@code this} (self-invocation) cannot be seen here; the
 * README explains them.
 */
final class UnproxyableAnnotationsCheck implements SmartInitializingSingleton, BeanFactoryAware, AopInfrastructureBean {

	static final String FAIL_PROPERTY = "pottery.annotations.fail-on-unproxyable";

	private static final String SYNCHRONIZED_ADVISOR = PotteryAspectsAutoConfiguration.SYNCHRONIZED_ADVISOR;

	private static final String REDIS_CACHED_ADVISOR = PotteryAspectsAutoConfiguration.REDIS_CACHED_ADVISOR;

	private static final Log logger = LogFactory.getLog(UnproxyableAnnotationsCheck.class);

	private static final List<Class<? extends Annotation>> ANNOTATIONS = List.of(Synchronized.class, RedisCached.class);

	private final Environment environment;

	/** Why no advisor exists at all (Pottery's annotations are not set up), or {@code null} when they are. */
	private final @Nullable String unavailable;

	/** The fix when {@link #unavailable} is set. */
	private final @Nullable String fix;

	private ConfigurableListableBeanFactory beanFactory;

	UnproxyableAnnotationsCheck(Environment environment) {
		this(environment, null, null);
	}

	/**
	 * A check for an application whose annotated methods have no advisor at all.
	 * @param environment the environment
	 * @param unavailable why the advisors are missing, or {@code null} when they exist
	 * @param fix how to set them up
	 */
	UnproxyableAnnotationsCheck(Environment environment, @Nullable String unavailable, @Nullable String fix) {
		this.environment = environment;
		this.unavailable = unavailable;
		this.fix = fix;
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
		List<String> problems = new ArrayList<>();
		for (String name : this.beanFactory.getBeanDefinitionNames()) {
			BeanDefinition definition = this.beanFactory.getMergedBeanDefinition(name);
			if (definition.getRole() == BeanDefinition.ROLE_INFRASTRUCTURE) {
				continue;
			}
			// the instance when it exists (every non-lazy singleton by now): its target class, and whether it is advised
			Object instance = this.beanFactory.containsSingleton(name) ? this.beanFactory.getSingleton(name) : null;
			if (instance instanceof FactoryBean<?>) {
				instance = null;
			}
			Class<?> type = (instance != null) ? AopUtils.getTargetClass(instance) : this.beanFactory.getType(name, false);
			if (type == null) {
				continue;
			}
			Class<?> beanClass = ClassUtils.getUserClass(type);
			boolean first = beanClasses.add(beanClass);
			Object bean = instance;
			if (this.unavailable != null) {
				if (first) {
					ReflectionUtils.doWithMethods(beanClass, (method) -> problems.add(message(method, beanClass,
							"is on a bean, but " + this.unavailable, this.fix)),
							(method) -> annotation(method) != null && !method.isBridge());
				}
				continue;
			}
			ReflectionUtils.doWithMethods(beanClass, (method) -> {
				String modifier = unproxyable(method);
				if (modifier != null) {
					if (first) {
						problems.add(message(method, beanClass, "is " + modifier + ", so Spring AOP cannot intercept it",
								"make it public and not final or static"));
					}
				}
				else if (bean != null) {
					String notIntercepted = notIntercepted(name, bean, beanClass, method);
					if (notIntercepted != null) {
						problems.add(notIntercepted);
					}
				}
			}, (method) -> annotation(method) != null && !method.isBridge());
		}
		if (this.unavailable != null) {
			return problems;
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

	/**
	 * Why a call of an interceptable annotated method on the bean would still not reach its advisor, or {@code null}:
	 * the bean is not proxied with the advisor (created before the auto-proxy creator, or no auto-proxy creator at
	 * all), or its JDK proxy does not expose the method, or the advisor's pointcut does not match the method as it is
	 * called.
	 */
	private @Nullable String notIntercepted(String name, Object bean, Class<?> beanClass, Method method) {
		Advisor advisor = advisor(method);
		if (advisor == null) {
			// replaced by the application under another name: nothing to compare with
			return null;
		}
		if (!(bean instanceof Advised advised) || !Arrays.asList(advised.getAdvisors()).contains(advisor)) {
			return message(method, beanClass, "is on bean '" + name + "', which Spring AOP has not proxied with it",
					"let Spring AOP proxy the bean: keep spring.aop.auto=true (the default), and do not make the bean a "
							+ "BeanPostProcessor or a dependency of one (those are created before the auto-proxy creator)");
		}
		Method called = method;
		if (AopUtils.isJdkDynamicProxy(bean)) {
			called = null;
			for (Class<?> proxied : advised.getProxiedInterfaces()) {
				Method declared = ReflectionUtils.findMethod(proxied, method.getName(), method.getParameterTypes());
				if (declared != null) {
					called = declared;
					break;
				}
			}
			if (called == null) {
				return message(method, beanClass, "is on bean '" + name + "', a JDK interface proxy, and on none of "
						+ "its interfaces, so calls cannot reach the proxy's advice",
						"declare the method on an interface the bean implements, or let Spring proxy the class "
								+ "(spring.aop.proxy-target-class=true, the default)");
			}
		}
		if (!(advisor instanceof PointcutAdvisor pointcut)
				|| pointcut.getPointcut().getMethodMatcher().matches(called, beanClass)) {
			return null;
		}
		return message(method, beanClass, "is on bean '" + name + "', but the annotation is only where Spring AOP "
				+ "does not look for it (an interface or superclass method the bean's method overrides)",
				"put the annotation on the bean class's own method");
	}

	private @Nullable Advisor advisor(Method method) {
		String name = "Synchronized".equals(annotation(method)) ? SYNCHRONIZED_ADVISOR : REDIS_CACHED_ADVISOR;
		return this.beanFactory.containsBean(name) && this.beanFactory.isTypeMatch(name, Advisor.class)
				? this.beanFactory.getBean(name, Advisor.class) : null;
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

	private static String message(Method method, Class<?> type, String problem, @Nullable String fix) {
		return "@" + annotation(method) + " on " + ClassUtils.getQualifiedMethodName(method, type) + " "
				+ problem + ": it runs without its " + ("Synchronized".equals(annotation(method)) ? "lock" : "cache")
				+ ((fix != null) ? ". Fix: " + fix + "; calls from inside the same object (this.method()) are not "
						+ "intercepted either" : "")
				+ ". Set " + FAIL_PROPERTY + "=true to fail the startup instead of this warning.";
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
