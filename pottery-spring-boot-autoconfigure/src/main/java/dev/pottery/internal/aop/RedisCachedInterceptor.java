package dev.pottery.internal.aop;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

import dev.pottery.cache.CacheFactory;
import dev.pottery.cache.PotteryCaches;
import dev.pottery.cache.RedisCache;
import dev.pottery.cache.RedisCached;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import org.reactivestreams.Publisher;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.ParseException;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Runs {@link RedisCached} methods through a {@link RedisCache} per method, registered by name in
 * {@link PotteryCaches}.
 *
 * <p>Public so that auto-configuration in another package can build it; use {@link RedisCached}, not this class.
 *
 * @since 0.1.0
 */
public final class RedisCachedInterceptor implements MethodInterceptor {

	private static final Log logger = LogFactory.getLog(RedisCachedInterceptor.class);

	private static final SpelExpressionParser parser = new SpelExpressionParser();

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final CacheFactory factory;

	private final Supplier<PotteryCaches> caches;

	private final Map<Method, Plan> plans = new ConcurrentHashMap<>();

	/**
	 * Create the interceptor. Its collaborators are looked up when an annotated method is first called, so that the
	 * interceptor can be created before them.
	 * @param factory creates the cache of an annotated method (the {@code Pottery} facade's {@code cache})
	 * @param caches the registry the caches are added to
	 */
	public RedisCachedInterceptor(CacheFactory factory, Supplier<PotteryCaches> caches) {
		this.factory = factory;
		this.caches = caches;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
		Plan plan = this.plans.computeIfAbsent(AopUtils.getMostSpecificMethod(method, targetClass),
				(specific) -> plan(specific, targetClass));
		if (plan.cache() == null) {
			return invocation.proceed();
		}
		@Nullable Object[] arguments = invocation.getArguments();
		if (plan.condition() != null && !plan.test(plan.condition(), arguments, target, null)) {
			return invocation.proceed();
		}
		@SuppressWarnings("unchecked")
		RedisCache<@Nullable Object> cache = (RedisCache<@Nullable Object>) plan.cache();
		List<@Nullable Object> key = Arrays.asList(arguments);
		Loader loader = new Loader(invocation);
		try {
			if (PotteryCaches.isBypassing()) {
				return cache.bypass(key, loader, (result) -> plan.store(arguments, target, result));
			}
			return cache.get(key, loader, (result) -> plan.store(arguments, target, result));
		}
		catch (LoaderException ex) {
			throw ex.getCause();
		}
	}

	/**
	 * Check a {@code @RedisCached} method as its first call would, without creating its cache or talking to Redis:
	 * the {@code timeout} is a duration, {@code condition} and {@code unless} parse as SpEL. Auto-configuration calls
	 * it at startup so that a mistake fails the startup instead of the first call.
	 * @param method the annotated method
	 * @param targetClass the class of the bean it is called on
	 * @throws IllegalStateException naming the method, the attribute and the fix
	 */
	public static void validate(Method method, Class<?> targetClass) {
		RedisCached annotation = AnnotatedElementUtils.findMergedAnnotation(method, RedisCached.class);
		Assert.state(annotation != null, () -> "No @RedisCached on " + method);
		String name = ClassUtils.getQualifiedMethodName(method, targetClass);
		timeout(annotation, name);
		expression(annotation.condition(), "condition", name);
		expression(annotation.unless(), "unless", name);
	}

	private Plan plan(Method method, Class<?> targetClass) {
		RedisCached annotation = AnnotatedElementUtils.findMergedAnnotation(method, RedisCached.class);
		Assert.state(annotation != null, () -> "No @RedisCached on " + method);
		String name = ClassUtils.getQualifiedMethodName(method, targetClass);
		Class<?> returnType = method.getReturnType();
		if (CompletionStage.class.isAssignableFrom(returnType) || Publisher.class.isAssignableFrom(returnType)) {
			logger.warn("@RedisCached on " + name + " is ignored: asynchronous results (" + returnType.getSimpleName()
					+ ") are not cached");
			return new Plan(method, null, null, null);
		}
		Duration timeout = timeout(annotation, name);
		String key = annotation.key().isEmpty() ? name : annotation.key();
		RedisCache<?> cache = this.factory.cache(key, ResolvableType.forMethodReturnType(method, targetClass), timeout);
		this.caches.get().register(key, () -> cache);
		return new Plan(method, cache, expression(annotation.condition(), "condition", name),
				expression(annotation.unless(), "unless", name));
	}

	private static @Nullable Duration timeout(RedisCached annotation, String name) {
		if (annotation.timeout().isEmpty()) {
			return null;
		}
		try {
			return DurationStyle.detectAndParse(annotation.timeout());
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("@RedisCached on " + name + ": timeout '" + annotation.timeout()
					+ "' is not a duration; use forms such as 10m, 30s, 0 or PT1H", ex);
		}
	}

	private static @Nullable Expression expression(String text, String attribute, String name) {
		if (text.isEmpty()) {
			return null;
		}
		try {
			return parser.parseExpression(text);
		}
		catch (ParseException ex) {
			throw new IllegalStateException("@RedisCached on " + name + ": " + attribute + " '" + text
					+ "' is not a valid SpEL expression (" + ex.getMessage() + "); use one such as #id > 0", ex);
		}
	}

	/** What one annotated method needs, computed once; a null cache means "call through". */
	private record Plan(Method method, @Nullable RedisCache<?> cache, @Nullable Expression condition,
			@Nullable Expression unless) {

		boolean store(@Nullable Object[] arguments, @Nullable Object target, @Nullable Object result) {
			return this.unless == null || !test(this.unless, arguments, target, result);
		}

		boolean test(Expression expression, @Nullable Object[] arguments, @Nullable Object target,
				@Nullable Object result) {
			MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(target, this.method, arguments,
					parameterNames);
			context.setVariable("result", result);
			return Boolean.TRUE.equals(expression.getValue(context, Boolean.class));
		}

	}

	/** Calls the method; checked exceptions travel through the cache wrapped, and are unwrapped after. */
	private record Loader(MethodInvocation invocation) implements Supplier<@Nullable Object> {

		@Override
		public @Nullable Object get() {
			try {
				return this.invocation.proceed();
			}
			catch (RuntimeException | Error ex) {
				throw ex;
			}
			catch (Throwable ex) {
				throw new LoaderException(ex);
			}
		}

	}

	private static final class LoaderException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		LoaderException(Throwable cause) {
			super(cause);
		}

		@Override
		public synchronized Throwable getCause() {
			Throwable cause = super.getCause();
			return (cause != null) ? cause : this;
		}

	}

}
