package dev.pottery.sync;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets one caller at a time, across every JVM sharing the Redlock masters, run the annotated method: pottery's
 * {@code synchronize()} decorator. The method runs inside a {@link dev.pottery.lock.Redlock} on key
 * {@code redlock:<key>}, so a Python service using {@code @synchronize(key=...)} on the same masters is excluded
 * too.
 *
 * <p>The lock is released when the method returns or throws; for a {@code CompletionStage}, {@code Mono} or
 * {@code Flux} return value, when it completes. Not acquiring it ({@code blocking = false}, or within
 * {@link #timeout()}) raises {@link dev.pottery.lock.QuorumNotAchievedException} and the method does not run. If the
 * method outlives {@link #autoReleaseTime()} without a {@link #watchdog()}, the lock expires and another caller may
 * enter: the release then raises {@link dev.pottery.lock.ReleaseUnlockedLockException}.
 *
 * <p>Reentrant: a nested call of the same key on the same masters by the thread inside an annotated call (or, for
 * {@code Mono} and {@code Flux}, inside the same subscription's Reactor context) joins the held lock with a hold
 * count, without touching Redis; the lock is released when the last hold ends.
 *
 * <p>Applies to public methods of Spring beans called through their proxy (not to calls from within the same
 * object), like every Spring AOP annotation; at startup Pottery warns about annotated methods that cannot be
 * intercepted (or fails, with {@code pottery.annotations.fail-on-unproxyable=true}). Needs
 * {@code spring-boot-starter-aspectj} (in the starter).
 *
 * <pre>{@code
 * @Synchronized(key = "'invoice:' + #id", autoReleaseTime = "30s")
 * public void settle(long id) {
 *     // one caller at a time per invoice, cluster-wide
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface Synchronized {

	/**
	 * The lock key, a SpEL expression over the method arguments ({@code #id}, {@code #p0}, {@code #root.method});
	 * text without {@code #} or quotes is taken literally. Empty: the method's qualified name, for example
	 * {@code com.acme.Billing.settle}.
	 * @return the key expression
	 */
	String key() default "";

	/**
	 * The lease, as a duration ({@code 30s}, {@code 500ms}, ISO-8601 {@code PT1M}). Empty:
	 * {@code pottery.redlock.auto-release-time} (10 s).
	 * @return the lease
	 */
	String autoReleaseTime() default "";

	/**
	 * Whether to wait for the lock; {@code false} tries once and raises
	 * {@link dev.pottery.lock.QuorumNotAchievedException} when another caller holds it.
	 * @return whether to wait
	 */
	boolean blocking() default true;

	/**
	 * How long to wait for the lock when {@link #blocking()}, as a duration. Empty: wait as long as it takes.
	 * @return the longest wait
	 */
	String timeout() default "";

	/**
	 * The named group of masters ({@code pottery.redlock.groups.<name>}). Empty: {@code pottery.redlock.masters}.
	 * @return the group name
	 */
	String masters() default "";

	/**
	 * Whether to extend the lease while the method runs (at a third of the lease), so a slow call keeps the lock.
	 * @return whether the watchdog runs
	 */
	boolean watchdog() default false;

}
