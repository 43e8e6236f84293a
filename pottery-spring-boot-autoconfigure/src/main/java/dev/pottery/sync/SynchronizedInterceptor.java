package dev.pottery.sync;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.pottery.lock.ReactiveRedlock;
import dev.pottery.lock.Redlock;
import dev.pottery.lock.RedlockOptions;
import dev.pottery.quorum.Masters;
import org.aopalliance.intercept.MethodInterceptor;
import org.aopalliance.intercept.MethodInvocation;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

import org.springframework.aop.support.AopUtils;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.expression.MethodBasedEvaluationContext;
import org.springframework.core.DefaultParameterNameDiscoverer;
import org.springframework.core.ParameterNameDiscoverer;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.expression.Expression;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;

/**
 * Runs {@link Synchronized} methods inside a {@link Redlock}: one new lock instance per call (a Redlock instance
 * tracks one holder), acquired before the method runs and released when it returns, throws, or, for
 * {@code CompletionStage}, {@code Mono} and {@code Flux} results, completes.
 *
 * <p>Public so that auto-configuration in another package can build it; use {@link Synchronized}, not this class.
 *
 * @since 0.1.0
 */
public final class SynchronizedInterceptor implements MethodInterceptor {

	private static final SpelExpressionParser parser = new SpelExpressionParser();

	private static final ParameterNameDiscoverer parameterNames = new DefaultParameterNameDiscoverer();

	private final Function<String, Masters> masters;

	private final Supplier<String> keyPrefix;

	private final Supplier<RedlockOptions> defaults;

	private final Map<Method, Plan> plans = new ConcurrentHashMap<>();

	/**
	 * Create the interceptor. Its collaborators are looked up when an annotated method is first called, so that the
	 * interceptor can be created before them.
	 * @param masters the masters of a named group ({@code ""} for the default group)
	 * @param defaults the lock options annotations start from
	 */
	public SynchronizedInterceptor(Function<String, Masters> masters, Supplier<RedlockOptions> defaults) {
		this(masters, defaults, () -> "");
	}

	/**
	 * Create the interceptor with a key prefix ({@code pottery.key-prefix}): a lock key {@code invoice:42} is then
	 * stored at {@code redlock:<prefix>invoice:42}.
	 * @param masters the masters of a named group ({@code ""} for the default group)
	 * @param defaults the options locks start from, before the annotation's attributes
	 * @param keyPrefix the prefix prepended to every lock key
	 * @since 0.1.0
	 */
	public SynchronizedInterceptor(Function<String, Masters> masters, Supplier<RedlockOptions> defaults,
			Supplier<String> keyPrefix) {
		Assert.notNull(masters, "'masters' must not be null");
		Assert.notNull(defaults, "'defaults' must not be null");
		Assert.notNull(keyPrefix, "'keyPrefix' must not be null");
		this.masters = masters;
		this.defaults = defaults;
		this.keyPrefix = keyPrefix;
	}

	@Override
	public @Nullable Object invoke(MethodInvocation invocation) throws Throwable {
		Method method = invocation.getMethod();
		Object target = invocation.getThis();
		Class<?> targetClass = (target != null) ? AopUtils.getTargetClass(target) : method.getDeclaringClass();
		Plan plan = this.plans.computeIfAbsent(AopUtils.getMostSpecificMethod(method, targetClass),
				(specific) -> plan(specific, targetClass));
		String key = this.keyPrefix.get() + plan.key(invocation.getArguments(), target);
		Class<?> returnType = method.getReturnType();
		if (Mono.class.isAssignableFrom(returnType) || Flux.class.isAssignableFrom(returnType)) {
			return reactive(invocation, plan, key);
		}
		Redlock.Held held = Redlock.of(plan.masters(), key, plan.options()).acquire();
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			release(held, ex);
			throw ex;
		}
		if (result instanceof CompletionStage<?> stage) {
			return releaseOnCompletion(stage, held);
		}
		held.close();
		return result;
	}

	private static void release(Redlock.Held held, Throwable failure) {
		try {
			held.close();
		}
		catch (RuntimeException ex) {
			failure.addSuppressed(ex);
		}
	}

	private static CompletableFuture<@Nullable Object> releaseOnCompletion(CompletionStage<?> stage, Redlock.Held held) {
		CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
		stage.whenComplete((value, failure) -> {
			if (failure != null) {
				release(held, failure);
				result.completeExceptionally(failure);
				return;
			}
			try {
				held.close();
				result.complete(value);
			}
			catch (RuntimeException ex) {
				result.completeExceptionally(ex);
			}
		});
		return result;
	}

	private Object reactive(MethodInvocation invocation, Plan plan, String key) throws Throwable {
		// Reactor methods assemble their work and run it on subscription: lock on subscription, release on completion
		Object publisher = invocation.proceed();
		Mono<ReactiveRedlock> lock = Mono.defer(() -> {
			ReactiveRedlock redlock = ReactiveRedlock.of(plan.masters(), key, plan.options());
			return redlock.acquire().thenReturn(redlock);
		});
		if (publisher instanceof Mono<?> mono) {
			return Mono.usingWhen(lock, (held) -> mono, ReactiveRedlock::release);
		}
		return Flux.usingWhen(lock, (held) -> (Flux<?>) publisher, ReactiveRedlock::release);
	}

	/**
	 * Check an annotated method now, as its first call would (key expression, durations, masters group, lock
	 * options), and keep what the check computed for the calls. Talks to no Redis. Spring Boot's auto-configuration
	 * calls this for every {@code @Synchronized} method of the application's beans at startup.
	 * @param method the annotated method
	 * @param targetClass the bean's class
	 * @throws IllegalStateException if a duration attribute is not a duration
	 * @throws IllegalArgumentException if the masters group is unknown or the lock options are invalid
	 * @since 0.1.0
	 */
	public void validate(Method method, Class<?> targetClass) {
		this.plans.computeIfAbsent(AopUtils.getMostSpecificMethod(method, targetClass),
				(specific) -> plan(specific, targetClass));
	}

	private Plan plan(Method method, Class<?> targetClass) {
		Synchronized annotation = AnnotatedElementUtils.findMergedAnnotation(method, Synchronized.class);
		Assert.state(annotation != null, () -> "No @Synchronized on " + method);
		String where = "@Synchronized on " + ClassUtils.getQualifiedMethodName(method, targetClass);
		RedlockOptions.Builder options = this.defaults.get().toBuilder().watchdog(annotation.watchdog());
		if (!annotation.autoReleaseTime().isEmpty()) {
			options.autoReleaseTime(duration(where, "autoReleaseTime", annotation.autoReleaseTime()));
		}
		if (!annotation.blocking()) {
			options.contextManagerBlocking(false).contextManagerTimeout(null);
		}
		else {
			options.contextManagerBlocking(true)
				.contextManagerTimeout(annotation.timeout().isEmpty() ? null
						: duration(where, "timeout", annotation.timeout()));
		}
		Masters group = this.masters.apply(annotation.masters());
		String keyText = annotation.key().isEmpty() ? ClassUtils.getQualifiedMethodName(method, targetClass)
				: annotation.key();
		Expression expression = isExpression(keyText) ? parser.parseExpression(keyText) : null;
		return new Plan(method, keyText, expression, group, options.build());
	}

	private static boolean isExpression(String key) {
		return key.chars().anyMatch((c) -> "#'\"()+[".indexOf(c) >= 0);
	}

	private static Duration duration(String where, String attribute, String text) {
		try {
			return DurationStyle.detectAndParse(text);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(where + ": " + attribute + " '" + text
					+ "' is not a duration; use forms such as 30s, 500ms or PT1M", ex);
		}
	}

	/**
	 * The SpEL root object of a key expression: {@code #root.method}, {@code #root.args}, {@code #root.target}.
	 * @param method the annotated method
	 * @param args the call's arguments
	 * @param target the bean
	 */
	public record Root(Method method, @Nullable Object[] args, @Nullable Object target) {
	}

	/** What one annotated method needs, computed once. */
	private record Plan(Method method, String keyText, @Nullable Expression expression, Masters masters,
			RedlockOptions options) {

		String key(@Nullable Object[] arguments, @Nullable Object target) {
			if (this.expression == null) {
				return this.keyText;
			}
			MethodBasedEvaluationContext context = new MethodBasedEvaluationContext(
					new Root(this.method, arguments, target), this.method, arguments, parameterNames);
			Object value = this.expression.getValue(context);
			Assert.state(value != null, () -> "@Synchronized key '" + this.keyText + "' on " + this.method.getName()
					+ " evaluated to null");
			return value.toString();
		}

	}

}
