package dev.pottery.internal.aop;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.pottery.lock.ReactiveRedlock;
import dev.pottery.lock.Redlock;
import dev.pottery.lock.RedlockOptions;
import dev.pottery.lock.Masters;
import dev.pottery.sync.Synchronized;
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

	/** The locks the current thread holds through annotated calls it is executing, for reentrancy. */
	private static final ThreadLocal<Map<HoldKey, Hold>> heldByThread = ThreadLocal.withInitial(HashMap::new);

	/** The Reactor context key of the locks a subscription holds through annotated calls, for reentrancy. */
	private static final String HOLDS = SynchronizedInterceptor.class.getName() + ".holds";

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
		HoldKey holdKey = new HoldKey(plan.masters(), key);
		Map<HoldKey, Hold> holds = heldByThread.get();
		Hold hold = holds.get(holdKey);
		boolean outermost = hold == null;
		if (outermost) {
			hold = new Hold(Redlock.of(plan.masters(), key, plan.options()).acquire());
			holds.put(holdKey, hold);
		}
		else {
			// reentrant: this thread is inside a call holding the same lock; count it, do not touch Redis
			hold.enter();
		}
		Object result;
		try {
			result = invocation.proceed();
		}
		catch (Throwable ex) {
			release(hold, ex);
			throw ex;
		}
		finally {
			if (outermost) {
				// the thread leaves the section (a CompletionStage may keep the lock held until it completes)
				holds.remove(holdKey);
				if (holds.isEmpty()) {
					heldByThread.remove();
				}
			}
		}
		if (result instanceof CompletionStage<?> stage) {
			return releaseOnCompletion(stage, hold);
		}
		hold.close();
		return result;
	}

	private static void release(AutoCloseable held, Throwable failure) {
		try {
			held.close();
		}
		catch (Exception ex) {
			failure.addSuppressed(ex);
		}
	}

	private static CompletableFuture<@Nullable Object> releaseOnCompletion(CompletionStage<?> stage, Hold held) {
		CompletableFuture<@Nullable Object> result = new CompletableFuture<>();
		// the stage often completes on a Lettuce event loop: release without blocking it (with the masters on the
		// same connection, a blocking release would wait for a reply that only this very thread can read)
		stage.whenComplete((value, failure) -> held.closeAsync().whenComplete((released, releaseFailure) -> {
			Throwable releaseError = (releaseFailure instanceof CompletionException wrapped && wrapped.getCause() != null)
					? wrapped.getCause() : releaseFailure;
			if (failure != null) {
				if (releaseError != null) {
					failure.addSuppressed(releaseError);
				}
				result.completeExceptionally(failure);
			}
			else if (releaseError != null) {
				result.completeExceptionally(releaseError);
			}
			else {
				result.complete(value);
			}
		}));
		return result;
	}

	private Object reactive(MethodInvocation invocation, Plan plan, String key) throws Throwable {
		// Reactor methods assemble their work and run it on subscription: lock on subscription, release on completion.
		// The holds of a subscription travel in its Reactor context, so a nested call of the same key in the same
		// chain is reentrant.
		Object publisher = invocation.proceed();
		HoldKey holdKey = new HoldKey(plan.masters(), key);
		if (publisher instanceof Mono<?> mono) {
			@SuppressWarnings("unchecked")
			Mono<Object> work = (Mono<Object>) mono;
			return Mono.deferContextual((context) -> isHeld(context, holdKey) ? work
					: Mono.usingWhen(lock(plan, key), (held) -> work, ReactiveHold::release)
						.contextWrite((outer) -> withHold(outer, holdKey)));
		}
		@SuppressWarnings("unchecked")
		Flux<Object> flux = (Flux<Object>) publisher;
		return Flux.deferContextual((context) -> isHeld(context, holdKey) ? flux
				: Flux.usingWhen(lock(plan, key), (held) -> flux, ReactiveHold::release)
					.contextWrite((outer) -> withHold(outer, holdKey)));
	}

	private static Mono<ReactiveHold> lock(Plan plan, String key) {
		return Mono.defer(() -> {
			ReactiveRedlock redlock = ReactiveRedlock.of(plan.masters(), key, plan.options());
			return redlock.acquire().thenReturn(new ReactiveHold(redlock));
		});
	}

	/** Whether the subscription is inside an annotated call holding this lock: then it is reentered. */
	private static boolean isHeld(reactor.util.context.ContextView context, HoldKey holdKey) {
		java.util.Set<HoldKey> holds = context.getOrDefault(HOLDS, null);
		return holds != null && holds.contains(holdKey);
	}

	private static reactor.util.context.Context withHold(reactor.util.context.Context context, HoldKey holdKey) {
		java.util.Set<HoldKey> outer = context.getOrDefault(HOLDS, java.util.Set.of());
		java.util.Set<HoldKey> holds = new java.util.HashSet<>(outer);
		holds.add(holdKey);
		return context.put(HOLDS, java.util.Set.copyOf(holds));
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
			options.acquireBlocking(false).acquireTimeout(null);
		}
		else {
			options.acquireBlocking(true)
				.acquireTimeout(annotation.timeout().isEmpty() ? null
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

	/** A lock by masters (identity) and key: the same key on another group of masters is another lock. */
	private record HoldKey(Masters masters, String key) {
	}

	/**
	 * One acquisition shared by reentrant calls: released in Redis when the last of them (the outermost call, or a
	 * {@code CompletionStage} it returned, whichever ends last) is done.
	 */
	private static final class Hold implements AutoCloseable {

		private final Redlock.Held held;

		private final AtomicInteger holds = new AtomicInteger(1);

		Hold(Redlock.Held held) {
			this.held = held;
		}

		void enter() {
			this.holds.incrementAndGet();
		}

		@Override
		public void close() {
			if (this.holds.decrementAndGet() == 0) {
				this.held.close();
			}
		}

		/** {@link #close()} without blocking: the last holder's release completes the stage. */
		CompletionStage<Void> closeAsync() {
			if (this.holds.decrementAndGet() == 0) {
				return this.held.closeAsync();
			}
			return CompletableFuture.completedFuture(null);
		}

	}

	/** A reactive acquisition, released when its outermost subscription ends. */
	private record ReactiveHold(ReactiveRedlock lock) {

		Mono<Void> release() {
			return this.lock.release();
		}

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
