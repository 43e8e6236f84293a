package dev.pottery.lock;

import java.time.Duration;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

import dev.pottery.PotteryException;
import dev.pottery.internal.Master;
import dev.pottery.internal.Quorum;
import dev.pottery.internal.QuorumOutcome;
import dev.pottery.internal.Reply;
import dev.pottery.observation.PotteryRecorder;
import dev.pottery.observation.PotteryRecorder.Outcome;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.util.Assert;

/**
 * A distributed lock on N independent Redis masters with a Reactor API: the Redlock algorithm, pottery's
 * {@code AIORedlock}. {@link Redlock} is the blocking {@link java.util.concurrent.locks.Lock} over this class.
 *
 * <p><strong>Storage</strong> (wire-format.md §3.1): key {@code redlock:<key>} on every master, holding a random
 * UUID4 token with a {@code PX} lease of {@code autoReleaseTime} (truncated to milliseconds), set with
 * {@code NX}, exactly as Python pottery does (the very command {@code SET redlock:<key> <token> NX PX <ttl>}, unless
 * fencing is on, when a script runs it and reads the counter below in the same step); so a Java lock and a Python
 * lock of the same name exclude each other.
 * With {@linkplain RedlockOptions#fencing() fencing}, the counter {@code {redlock:<key>}:fence} (plain decimal, no
 * TTL; a name pottery never uses) sits beside it on every master.
 *
 * <p><strong>Algorithm.</strong> An attempt sets the key on all masters concurrently and succeeds when a majority
 * ({@code N / 2 + 1}) did so and the lease left, {@code autoReleaseTime - elapsed - drift} with
 * {@code drift = autoReleaseTime * 0.01 + 2 ms}, is positive. A failed attempt deletes our token wherever it may have
 * been set. Every follow-up command (extend, release, clean-up) is sent to <em>each</em> master only after that
 * master's previous command for this acquisition has answered (see {@link Quorum#runAfter}), so a release never
 * overtakes an acquisition still in flight and leaves no key behind.
 *
 * <p><strong>Fencing tokens</strong> (opt-in): the acquire script also returns each master's counter, also from
 * masters where the lock is busy. The token proposed is above every counter heard of; a second parallel round trip
 * proposes it to every master, and hears every one (each within the per-master timeout, late replies included by
 * chaining): a master holding our lock key accepts it only if its counter is below it, and every other master is
 * raised to it all the same. The token is handed out only when a majority accepted it and no master that answered
 * reported a counter at or above it; a master that did report one makes us propose again above it (up to three
 * rounds within the lease). Two acquisitions that both succeed share an accepting master, whose counter only grows,
 * so their tokens differ, and an acquisition that starts after another's token was handed out gets a larger one,
 * without any clock assumption, as long as, when it fences, more than {@code N - quorum} masters (3 of 5, 2 of 3)
 * still hold a counter at or above the earlier token: every master that answered the earlier acquisition holds it
 * unless it restarted without persistence since. Every acquisition brings every answering master forward, so
 * masters restarted one after another, with acquisitions in between, erase nothing; with {@code appendonly yes}
 * and {@code appendfsync always} on every master no restart loses a counter. Mutual exclusion itself, as in every
 * Redlock, assumes bounded clock drift and process pauses shorter than the lease: a holder paused past its lease
 * may still act, which is exactly what a protected resource checking the fencing token detects.
 *
 * <p><strong>Ownership and thread-safety.</strong> Like pottery, ownership belongs to this instance, not to a
 * thread: any thread may release what another acquired through the same instance. The lock is not reentrant (an
 * instance that holds it cannot acquire it again until released or expired). Instances are thread-safe and cheap;
 * create one per lock name and caller. Nothing blocks: all methods return cold {@link Mono}s that act on
 * subscription.
 *
 * <p><strong>Cost:</strong> acquire, release, extend and {@link #remainingLease()} are one parallel round trip to all
 * masters each (acquire with fencing: two, waiting for every master's answer in the second). A contended wait is
 * woken by the holder's release (a {@code PUBLISH} on {@code {redlock:<key>}:released} inside the release script,
 * received on the {@linkplain Masters#releaseNotifications() one shared subscription} of the masters), by the
 * holder's lease running out (its {@code PTTL}), or after pottery's random 0–{@code retryDelay}, whichever comes
 * first, without holding a thread. With {@linkplain RedlockOptions#watchdog() the watchdog}, a Reactor
 * {@linkplain Schedulers#parallel() parallel} timer extends the lease every third of it until the lock is released;
 * if an extension fails the watchdog stops at once, logs a warning and sets {@link #isWatchdogFailed()}.
 *
 * <pre>{@code
 * ReactiveRedlock shower = ReactiveRedlock.of(masters, "shower");
 * Mono<String> sung = shower.withLock(() -> Mono.just("singing in the shower"));
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ReactiveRedlock {

	/** The prefix pottery puts before a lock's name. */
	public static final String KEY_PREFIX = "redlock:";

	private static final Log logger = LogFactory.getLog(ReactiveRedlock.class);

	/** How long a waiter waits for a release notification before it asks the masters for the holder's lease. */
	private static final Duration LEASE_CHECK_DELAY = Duration.ofMillis(25);

	/** A handed-over hold shorter than this many release round trips may be re-taken once (see {@link #barges}). */
	static final int BARGE_ROUND_TRIPS = 4;

	/** How often, at most, a wait's first attempt probes busy masters for a lock key of another type. */
	private static final long PROBE_INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final Masters masters;

	private final String key;

	private final String lockKey;

	private final String[] keys;

	private final String[] lockKeyOnly;

	private final RedlockOptions options;

	private final String ttl;

	private final AtomicReference<@Nullable Acquisition> state = new AtomicReference<>();

	/** The last failed round of an attempt, for the message of {@link #acquire()}'s exception. */
	private final AtomicReference<LockFailures.@Nullable Failure> lastFailure = new AtomicReference<>();

	private final @Nullable Watchdog watchdog;

	/** When (nanoTime) a wait last probed busy masters for a lock key of another type; 0 before the first. */
	private volatile long lastProbe;

	/** The latest attempt's round trip, the unit of a waiter's seniority delay. */
	private volatile long attemptRoundTripNanos;

	/**
	 * When the current hold began, if it was handed over to this instance by a wait ({@link System#nanoTime()});
	 * 0 when it was not (see {@link #barges}).
	 */
	private volatile long handedOverAt;

	private final List<Consumer<? super ReactiveRedlock>> leaseLostListeners = new CopyOnWriteArrayList<>();

	ReactiveRedlock(Masters masters, String key, RedlockOptions options) {
		Assert.notNull(masters, "'masters' must not be null");
		Assert.hasLength(key, "'key' must not be empty");
		Assert.notNull(options, "'options' must not be null");
		this.masters = masters.requireAvailable();
		this.key = key;
		this.lockKey = KEY_PREFIX + key;
		this.keys = new String[] { this.lockKey, fenceKey(key) };
		this.lockKeyOnly = new String[] { this.lockKey };
		this.options = options;
		this.ttl = Long.toString(options.ttlMillis());
		this.watchdog = options.watchdog() ? new Watchdog(this.lockKey, options.ttlMillis(), this::holds,
				() -> extend(false), this::fireLeaseLost) : null;
	}

	/** Whether the acquisition with this token is still this instance's current one. */
	private boolean holds(String token) {
		Acquisition current = this.state.get();
		return current != null && current.token().equals(token);
	}

	/**
	 * A lock named {@code key} with pottery's default options.
	 * @param masters the masters to lock on
	 * @param key the lock's name; the Redis key is {@code redlock:<key>}
	 * @return the lock, not yet acquired
	 * @throws IllegalStateException if {@code masters} are {@linkplain Masters#unavailable unavailable}, with the
	 * reason (for example: the application's Redis is a Redis Cluster and no masters are configured)
	 */
	public static ReactiveRedlock of(Masters masters, String key) {
		return new ReactiveRedlock(masters, key, RedlockOptions.defaults());
	}

	/**
	 * A lock named {@code key}.
	 * @param masters the masters to lock on
	 * @param key the lock's name; the Redis key is {@code redlock:<key>}
	 * @param options the options
	 * @return the lock, not yet acquired
	 * @throws IllegalStateException if {@code masters} are {@linkplain Masters#unavailable unavailable}, with the
	 * reason (for example: the application's Redis is a Redis Cluster and no masters are configured)
	 */
	public static ReactiveRedlock of(Masters masters, String key, RedlockOptions options) {
		return new ReactiveRedlock(masters, key, options);
	}

	/**
	 * The Redis key of the fencing counter of a lock: {@code {redlock:<key>}:fence}. The hash tag keeps it in the
	 * lock key's Cluster slot (for names without braces).
	 * @param key the lock's name
	 * @return the counter's key
	 */
	public static String fenceKey(String key) {
		return "{" + KEY_PREFIX + key + "}:fence";
	}

	// ---------------------------------------------------------------- acquire

	/**
	 * Make one attempt to acquire the lock.
	 * @return {@code true} if acquired; errors with {@link QuorumIsImpossibleException} when
	 * {@code raiseOnRedisErrors} is set and more than half of the masters erred
	 */
	public Mono<Boolean> tryAcquire() {
		return waiting(attemptOnce());
	}

	/**
	 * {@link #tryAcquire()} started at once, as a future: what the blocking {@code Redlock.tryLock()} waits for (the
	 * same attempt, timed the same way, without Reactor's operators on the uncontended path; a blocking caller never
	 * cancels, so there is no cancellation to handle).
	 * @return completes as {@link #tryAcquire()} does; fails with its errors
	 */
	CompletableFuture<Boolean> tryAcquireNow() {
		PotteryRecorder.Sample sample = this.masters.getRecorder().lockWait(this.key, this.masters.size());
		CompletableFuture<Boolean> attempt;
		try {
			attempt = attempt(true);
		}
		catch (RuntimeException ex) {
			attempt = CompletableFuture.failedFuture(ex);
		}
		return attempt.whenComplete((acquired, ex) -> {
			if (ex == null) {
				sample.stop(Boolean.FALSE.equals(acquired) ? Outcome.TIMEOUT : Outcome.ACQUIRED, null);
				return;
			}
			Throwable cause = unwrap(ex);
			Outcome outcome = outcome(cause);
			sample.stop(outcome, (outcome == Outcome.TIMEOUT) ? null : cause);
		});
	}

	/**
	 * Try to acquire the lock until it is acquired or {@code timeout} has passed, pausing a random 0 to
	 * {@code retryDelay} between attempts.
	 * @param timeout how long to keep trying; zero makes one attempt
	 * @return {@code true} if acquired, {@code false} after the timeout
	 */
	public Mono<Boolean> tryAcquire(Duration timeout) {
		Assert.isTrue(!timeout.isNegative(), "'timeout' must not be negative");
		return attempts(timeout, new AtomicBoolean());
	}

	/**
	 * Acquire the lock as pottery's context manager does: wait according to {@code acquireBlocking} and
	 * {@code acquireTimeout} (by default forever).
	 * @return completes when acquired; errors with {@link QuorumNotAchievedException} when not acquired in time
	 */
	public Mono<Void> acquire() {
		Mono<Boolean> attempts = this.options.acquireBlocking()
				? repeatedAttempts(this.options.acquireTimeout(), new AtomicBoolean()) : attemptOnce();
		return waiting(attempts.flatMap((acquired) -> acquired ? Mono.empty() : Mono.error(notAcquired())));
	}

	private QuorumNotAchievedException notAcquired() {
		LockFailures.Failure last = this.lastFailure.get();
		String how = this.options.acquireBlocking()
				? " within acquireTimeout " + this.options.acquireTimeout()
				: " in one attempt (acquireBlocking is false)";
		if (last == null) {
			return new QuorumNotAchievedException(this.lockKey, "Could not acquire lock '" + this.lockKey + "'" + how,
					this.masters.urls(), java.util.Map.of(), null);
		}
		return new QuorumNotAchievedException(this.lockKey,
				"Could not acquire lock '" + this.lockKey + "'" + how + ": " + last.reason(), this.masters.urls(),
				last.outcome().redisErrors(), last.outcomes(), last.outcome().firstError());
	}

	/**
	 * Run {@code work} while holding the lock: acquire as {@link #acquire()} does, subscribe to the work, release
	 * when it completes, errs or is cancelled.
	 * @param <T> the work's result type
	 * @param work supplies the work, called once the lock is held
	 * @return the work's result; errors with {@link QuorumNotAchievedException} when the lock cannot be acquired
	 * and with {@link ReleaseUnlockedLockException} when the lease ran out before the work completed
	 */
	public <T> Mono<T> withLock(Supplier<? extends Mono<T>> work) {
		return Mono.usingWhen(acquire().thenReturn(this), (lock) -> work.get(), ReactiveRedlock::release,
				(lock, error) -> lock.release(), ReactiveRedlock::release)
			// Reactor wraps a failed release after the work completed; the caller needs the release's own exception
			.onErrorMap((ex) -> !(ex instanceof PrimitiveException) && ex.getCause() instanceof PrimitiveException,
					Throwable::getCause);
	}

	/** Attempts until acquired or until {@code timeout} (forever when {@code null}), observed as one wait. */
	Mono<Boolean> attempts(@Nullable Duration timeout) {
		return attempts(timeout, new AtomicBoolean());
	}

	/**
	 * Attempts as {@link #attempts(Duration)}, and no new attempt once {@code stop} is set (the blocking wrapper
	 * sets it on interrupt instead of cancelling, so that an attempt in flight is never cut short).
	 */
	Mono<Boolean> attempts(@Nullable Duration timeout, AtomicBoolean stop) {
		return waiting(repeatedAttempts(timeout, stop));
	}

	/**
	 * Time an acquisition as one lock wait: acquired when it ends with {@code true} or empty, timeout when it ends
	 * with {@code false} or {@link QuorumNotAchievedException}.
	 */
	private <T> Mono<T> waiting(Mono<T> acquisition) {
		return Mono.defer(() -> {
			PotteryRecorder.Sample sample = this.masters.getRecorder().lockWait(this.key, this.masters.size());
			return acquisition
				.doOnSuccess((result) -> sample.stop(Boolean.FALSE.equals(result) ? Outcome.TIMEOUT : Outcome.ACQUIRED,
						null))
				.doOnError((ex) -> {
					Outcome outcome = outcome(ex);
					sample.stop(outcome, (outcome == Outcome.TIMEOUT) ? null : ex);
				})
				.doOnCancel(() -> sample.stop(Outcome.CANCELLED, null));
		});
	}

	private static Outcome outcome(Throwable ex) {
		if (ex instanceof QuorumIsImpossibleException) {
			return Outcome.QUORUM_LOST;
		}
		return (ex instanceof QuorumNotAchievedException) ? Outcome.TIMEOUT : Outcome.ERROR;
	}

	// ---------------------------------------------------------------- waiting (see ReleaseNotifications)

	/**
	 * Attempt, and while the lock is held elsewhere, time is left and {@code stop} is not set, wait and attempt
	 * again. The first attempt is the uncontended fast path (after a yield of a few milliseconds only when a release
	 * through these masters just woke waiters, see {@link ReleaseNotifications#yieldBefore}). When it fails, the wait
	 * becomes event-driven: register on the lock's release channel (one shared Pub/Sub connection per master for all
	 * locks of these masters), attempt once more as soon as the subscription is confirmed (a release may have come in
	 * between), then after each failed attempt sleep until whichever comes first: a release notification, the
	 * holder's lease running out on a majority (its {@code PTTL}, asked 25 ms into the pause unless a notification
	 * came first, so holders that crash or never publish, such as Python pottery, are noticed), or pottery's random 0
	 * to {@code retryDelay} (the fallback for lost notifications). No thread waits. When this process waited on the
	 * lock moments ago its channel is still subscribed (see {@link ReleaseNotifications#joinIfSubscribed}): the wait
	 * is then registered before the first attempt, and a failed first attempt goes straight to sleep. Retries clean
	 * up only where they may have set something (not on masters that answered "busy"), so a waiting client costs
	 * each master one command per attempt.
	 */
	private Mono<Boolean> repeatedAttempts(@Nullable Duration timeout, AtomicBoolean stop) {
		return Mono.defer(() -> {
			long deadline = (timeout != null) ? System.nanoTime() + timeout.toNanos() : 0;
			ReleaseNotifications notifications = this.masters.releaseNotifications();
			ReleaseNotifications.Yield yield = notifications.yieldBefore(this.lockKey);
			long yieldNanos = (yield != null) ? yield.remainingNanos() : 0;
			if (timeout != null) {
				yieldNanos = Math.min(yieldNanos, Math.max(0, deadline - System.nanoTime()));
			}
			boolean probe = isProbeDue();
			Mono<Boolean> first = (yieldNanos > 0) ? Mono.delay(Duration.ofNanos(yieldNanos)).then(attemptOnce(probe))
					: attemptOnce(probe);
			// a lock this process waited on moments ago still has its channel subscribed: wait on it from the
			// first attempt on (armed before it), so a failed first attempt goes straight to sleep; the notification
			// of the release we just made is no news to this waiter
			ReleaseNotifications.Waiter early = notifications.joinIfSubscribed(this.lockKey,
					(yield != null) ? yield.token() : null);
			if (early != null) {
				return Mono.using(() -> early,
						(waiter) -> first.flatMap((acquired) -> (acquired || stop.get() || isPast(timeout, deadline))
								? Mono.just(acquired)
								: pause(waiter, timeout, deadline).then(armedAttempts(waiter, timeout, deadline, stop))),
						ReleaseNotifications.Waiter::close);
			}
			return first.flatMap((acquired) -> (acquired || stop.get() || isPast(timeout, deadline))
					? Mono.just(acquired) : contended(timeout, deadline, stop));
		});
	}

	/**
	 * Whether an attempt of a wait should clean up on every master, busy ones included, which is how a lock key of
	 * another type is found on the {@code SET NX} path: on an instance's first attempt, then at most once per
	 * {@link #PROBE_INTERVAL_NANOS} (a contended lock is attempted many times a second, and the clean-up of a busy
	 * master is a round trip that almost always finds nothing).
	 */
	private boolean isProbeDue() {
		long now = System.nanoTime();
		long last = this.lastProbe;
		if (last != 0 && now - last < PROBE_INTERVAL_NANOS) {
			return false;
		}
		this.lastProbe = (now != 0) ? now : 1;
		return true;
	}

	private static boolean isPast(@Nullable Duration timeout, long deadline) {
		return timeout != null && deadline - System.nanoTime() <= 0;
	}

	private Mono<Boolean> contended(@Nullable Duration timeout, long deadline, AtomicBoolean stop) {
		ReleaseNotifications notifications = this.masters.releaseNotifications();
		return Mono.using(() -> notifications.register(this.lockKey, this.options.masterTimeout()),
				(waiter) -> ready(waiter, timeout, deadline).then(armedAttempts(waiter, timeout, deadline, stop)),
				ReleaseNotifications.Waiter::close);
	}

	/** Completes when the waiter's subscription is confirmed (at once when it already was) or the time is up. */
	private static Mono<Void> ready(ReleaseNotifications.Waiter waiter, @Nullable Duration timeout, long deadline) {
		if (waiter.ready().isDone()) {
			return Mono.empty();
		}
		return Mono.firstWithSignal(Mono.fromFuture(waiter.ready(), true).then(),
				Mono.delay(remaining(timeout, deadline)).then());
	}

	/** Arm and attempt; after each failed attempt pause, until acquired, stopped or past the deadline. */
	private Mono<Boolean> armedAttempts(ReleaseNotifications.Waiter waiter, @Nullable Duration timeout, long deadline,
			AtomicBoolean stop) {
		return Mono.defer(() -> {
			if (stop.get()) {
				return Mono.just(false);
			}
			waiter.arm();
			return attemptOnce(isProbeDue()).doOnNext((acquired) -> {
				if (acquired) {
					long now = System.nanoTime();
					this.handedOverAt = (now != 0) ? now : 1;
				}
			});
		})
			.filter(Boolean::booleanValue)
			.repeatWhenEmpty((repeats) -> repeats.takeWhile((repeat) -> !stop.get() && !isPast(timeout, deadline))
				// a value, not just completion, makes repeatWhenEmpty attempt again
				.concatMap((repeat) -> pause(waiter, timeout, deadline).thenReturn(repeat)))
			.defaultIfEmpty(false);
	}

	/**
	 * Sleep until a release notification, the holder's lease end, or the random fallback delay, whichever first;
	 * after a notification, a waiter junior to others defers its attempt by its
	 * {@linkplain ReleaseNotifications.Waiter#seniorityDelayNanos(long) seniority delay}.
	 */
	private Mono<Void> pause(ReleaseNotifications.Waiter waiter, @Nullable Duration timeout, long deadline) {
		if (waiter.signal().isDone()) {
			// notified during the attempt: attempt again at once (or after the seniority delay), without arming the
			// timers below
			return deferToSeniors(waiter, timeout, deadline);
		}
		Mono<Void> notified = Mono.fromFuture(waiter.signal(), true).then(deferToSeniors(waiter, timeout, deadline));
		long fallbackNanos = retryDelay(timeout, deadline).toNanos();
		long checkNanos = LEASE_CHECK_DELAY.toNanos();
		if (fallbackNanos <= checkNanos) {
			// one timer per pause (a pause is usually ended by a notification within a round trip or two, and each
			// timer armed and cancelled costs the timer thread a wake-up)
			return Mono.firstWithSignal(notified, Mono.delay(Duration.ofNanos(fallbackNanos)).then());
		}
		// the PTTL question goes out only if no notification came first: a quick hand-over costs no extra round trip
		Mono<Void> later = Mono.delay(LEASE_CHECK_DELAY).then(Mono.defer(() -> {
			Mono<Void> leaseEnd = leaseEnd().flatMap((millis) -> Mono.delay(Duration.ofMillis(millis)))
				.switchIfEmpty(Mono.never())
				.then();
			return Mono.firstWithSignal(leaseEnd, Mono.delay(Duration.ofNanos(fallbackNanos - checkNanos)).then());
		}));
		return Mono.firstWithSignal(notified, later);
	}

	private Mono<Void> deferToSeniors(ReleaseNotifications.Waiter waiter, @Nullable Duration timeout, long deadline) {
		return Mono.defer(() -> {
			long delay = waiter.seniorityDelayNanos(this.attemptRoundTripNanos);
			if (timeout != null) {
				delay = Math.min(delay, Math.max(0, deadline - System.nanoTime()));
			}
			return (delay > 0) ? Mono.delay(Duration.ofNanos(delay)).then() : Mono.empty();
		});
	}

	/**
	 * Milliseconds until the current holder's lease has run out on a majority of masters, from the lock key's
	 * {@code PTTL} (absent: 0) on the first majority to answer, plus 1 ms; empty when unknown (no majority answered,
	 * or a key without expiry).
	 */
	private Mono<Long> leaseEnd() {
		return Mono.fromFuture(Quorum.<Long>run(this.masters, this.options.masterTimeout(), (ttl) -> ttl != -1,
				(master) -> master.execute((commands) -> commands.pttl(this.lockKey))), true)
			.flatMap((ttls) -> ttls.isAchieved()
					? Mono.just(ttls.agreedValues().stream().mapToLong((ttl) -> Math.max(0, ttl)).max().orElse(0) + 1)
					: Mono.empty());
	}

	private static Duration remaining(@Nullable Duration timeout, long deadline) {
		return (timeout != null) ? Duration.ofNanos(Math.max(0, deadline - System.nanoTime()))
				: Duration.ofDays(365);
	}

	private Duration retryDelay(@Nullable Duration timeout, long deadline) {
		long bound = this.options.retryDelay().toNanos();
		long delay = (bound > 0) ? ThreadLocalRandom.current().nextLong(bound + 1) : 0;
		if (timeout != null) {
			delay = Math.max(0, Math.min(delay, deadline - System.nanoTime()));
		}
		return Duration.ofNanos(delay);
	}

	private Mono<Boolean> attemptOnce() {
		return attemptOnce(true);
	}

	/**
	 * One attempt; with {@code probe} false (the retries of a contended wait) the clean-up skips the masters that
	 * answered "busy" (they set nothing, so there is nothing to delete and nothing to wait for). A single attempt,
	 * and an attempt of a wait when {@link #isProbeDue()}, cleans up everywhere: that clean-up's errors are how a
	 * lock key of another type is found on the {@code SET NX} path (see {@link LockFailures#unusable}).
	 */
	private Mono<Boolean> attemptOnce(boolean probe) {
		return Mono.defer(() -> {
			CompletableFuture<Boolean> attempt = attempt(probe);
			AtomicBoolean delivered = new AtomicBoolean();
			// the attempt always runs to its end; if our subscriber left before it got the answer, give back what
			// we got (a cancel after the answer, as from Mono.next(), changes nothing)
			return Mono.fromFuture(attempt, true)
				.doOnNext((acquired) -> delivered.set(true))
				.doOnCancel(() -> {
					if (!delivered.get()) {
						attempt.thenAccept((acquired) -> {
							if (acquired) {
								release().onErrorComplete().subscribe();
							}
						});
					}
				});
		});
	}

	private CompletableFuture<Boolean> attempt(boolean probe) {
		// a "busy" reply proves nothing was set only if the command ran once: not re-sent after a lost connection
		long[] disconnects = (!probe || this.options.fencing()) ? disconnects() : null;
		String token = UUID.randomUUID().toString();
		long start = System.nanoTime();
		long validUntil = start + TimeUnit.MILLISECONDS.toNanos(this.options.ttlMillis()) - this.options.driftNanos();
		if (!this.options.fencing()) {
			// pottery's own command, nothing more: SET NX PX, native (no script to run)
			SetArgs args = SetArgs.Builder.nx().px(this.options.ttlMillis());
			return Quorum.<String>run(this.masters, this.options.masterTimeout(), "OK"::equals,
					(master) -> master.execute((commands) -> commands.set(this.lockKey, token, args)))
				.thenCompose((acquired) -> {
					this.attemptRoundTripNanos = acquired.elapsed().toNanos();
					return (acquired.isAchieved() && validUntil - System.nanoTime() > 0)
							? CompletableFuture.completedFuture(succeed(token, -1, validUntil, acquired.sent()))
							: failed(token, acquired.sent(), new LockFailures.Failure(acquired, "acquired", "busy"),
									probe ? null : (reply) -> !"OK".equals(reply), disconnects);
				});
		}
		this.masters.checkPersistenceOnce();
		return Quorum.<Long>run(this.masters, this.options.masterTimeout(), (counter) -> counter >= 0,
				(master) -> master.eval(LockScripts.ACQUIRE, ScriptOutputType.INTEGER, this.keys, token, this.ttl))
			.thenCompose((acquired) -> {
				this.attemptRoundTripNanos = acquired.elapsed().toNanos();
				if (!acquired.isAchieved() || validUntil - System.nanoTime() <= 0) {
					// (the script itself reports a lock key of another type: no probing needed)
					return failed(token, acquired.sent(), new LockFailures.Failure(acquired, "acquired", "busy"),
							(reply) -> reply instanceof Long counter && counter < 0, disconnects);
				}
				// above every counter heard of, from the masters we locked and from those that refused
				long proposal = Fencing.highestCounter(acquired) + 1;
				return fence(token, proposal, validUntil, acquired.sent(), 1);
			});
	}

	/**
	 * The fencing round: propose {@code proposal} to every master, after its previous command for this attempt, and
	 * hear every master (each within the per-master timeout). The token is handed out only when a majority that
	 * still holds our lock key accepted it (their counters were below it and now are it) and no master that answered
	 * reported a counter at or above it; masters that do not hold our key are raised to it all the same. A refusal
	 * (a counter at or above the proposal, for example on a master that kept a later token while others restarted
	 * empty) makes us propose again above the highest counter reported, while the lease allows.
	 */
	private CompletableFuture<Boolean> fence(String token, long proposal, long validUntil,
			List<? extends CompletableFuture<?>> previous, int round) {
		String fence = Long.toString(proposal);
		return Quorum.<Long>runAfterHearingAll(this.masters, previous, this.options.masterTimeout(),
				(reply) -> reply == Fencing.ACCEPTED,
				(master) -> master.eval(LockScripts.FENCE, ScriptOutputType.INTEGER, this.keys, token, fence))
			.thenCompose((fenced) -> {
				long highest = Fencing.highestCounter(fenced);
				boolean valid = validUntil - System.nanoTime() > 0;
				if (fenced.isAchieved() && highest < proposal && valid) {
					return CompletableFuture.completedFuture(succeed(token, proposal, validUntil, fenced.sent()));
				}
				if (highest >= proposal && valid && round < Fencing.MAX_ROUNDS) {
					return fence(token, highest + 1, validUntil, fenced.sent(), round + 1);
				}
				return failed(token, fenced.sent(), new LockFailures.Failure(fenced, "fenced", "refused"), null, null);
			});
	}

	private boolean succeed(String token, long fencingToken, long validUntil, List<? extends CompletableFuture<?>> tails) {
		PotteryRecorder.Sample held = this.masters.getRecorder().lockHeld(this.key, this.masters.size());
		Acquisition acquisition = new Acquisition(token, fencingToken, validUntil, 0, tails, held);
		// (a wait that led here marks the hold as handed over right after this)
		this.handedOverAt = 0;
		Acquisition previous = this.state.getAndSet(acquisition);
		if (previous != null) {
			// its lease ran out without a release
			previous.held().stop(Outcome.LOST, null);
		}
		if (this.watchdog != null) {
			this.watchdog.start(acquisition.token());
		}
		return true;
	}

	/**
	 * Clean up after a failed attempt on every master the attempt reached, then report it. The clean-up's quorum
	 * answers once a majority has, but a failed attempt waits for every master (each for at most the per-master
	 * timeout), so that no partial hold outlives the attempt that made it. With {@code refused}, which tells a reply
	 * of the acquisition round that set nothing ("busy"), the masters that gave such a reply are skipped (also those
	 * whose reply came after the round was decided: each master's clean-up is sent after its reply).
	 */
	private CompletableFuture<Boolean> failed(String token, List<? extends CompletableFuture<?>> tails,
			LockFailures.Failure failure, @Nullable Predicate<@Nullable Object> refused, long @Nullable [] disconnects) {
		return releaseOn(token, tails, refused, disconnects).thenCompose((released) -> settled(released.sent()).handle((settled, ex) -> {
			PotteryException unusable = LockFailures.unusable(this.lockKey, this.keys[1], this.masters, tails,
					released.sent());
			if (unusable != null) {
				throw unusable;
			}
			this.lastFailure.set(failure);
			LockFailures.warnIfOutage(this.lockKey, failure);
			if (this.options.raiseOnRedisErrors() && failure.outcome().isImpossible()) {
				throw quorumIsImpossible("acquire", failure);
			}
			return false;
		}));
	}

	/** Completes when every future has completed, or the per-master timeout has passed for those that have not. */
	private CompletableFuture<Void> settled(List<? extends CompletableFuture<?>> futures) {
		if (futures.stream().allMatch(CompletableFuture::isDone)) {
			// every master answered (the usual case): no timeout to arm, no thread to hop to
			return CompletableFuture.completedFuture(null);
		}
		long timeoutNanos = this.options.masterTimeout().toNanos();
		// (completed off the JDK's shared delayer thread when a timeout ends it, so that callers' code never runs there)
		return CompletableFuture.allOf(futures.stream()
			.map((future) -> future.copy().orTimeout(timeoutNanos, TimeUnit.NANOSECONDS).handle((value, ex) -> null))
			.toArray(CompletableFuture[]::new))
			.thenApplyAsync((settled) -> null, (task) -> Schedulers.boundedElastic().schedule(task));
	}

	/**
	 * Delete our token on every master, on each one only after the last command we sent there for this token has
	 * answered. We rely on that chaining, not on Lettuce's per-connection ordering alone: a command is sent after the
	 * previous one's reply (or its failure), so Redis runs it after, even when the previous one was re-sent as EVAL
	 * after a NOSCRIPT or was still in flight when the majority answered.
	 */
	private CompletableFuture<QuorumOutcome<Long>> releaseOn(String token, List<? extends CompletableFuture<?>> tails) {
		return releaseOn(token, tails, null, null);
	}

	private long[] disconnects() {
		List<Master> list = this.masters.list();
		long[] disconnects = new long[list.size()];
		for (int i = 0; i < disconnects.length; i++) {
			disconnects[i] = list.get(i).disconnects();
		}
		return disconnects;
	}

	/**
	 * {@link #releaseOn(String, List)}, skipping each master whose previous command (in {@code tails}) replied
	 * something {@code refused} accepts, and whose connection was not lost since {@code disconnects} was read
	 * (before that command was sent).
	 */
	private CompletableFuture<QuorumOutcome<Long>> releaseOn(String token, List<? extends CompletableFuture<?>> tails,
			@Nullable Predicate<@Nullable Object> refused, long @Nullable [] disconnects) {
		Function<Master, CompletableFuture<Long>> release = (master) -> master.eval(LockScripts.RELEASE,
				ScriptOutputType.INTEGER, this.lockKeyOnly, token);
		if (refused != null && disconnects != null) {
			Map<Master, CompletableFuture<?>> previous = new IdentityHashMap<>();
			Map<Master, Long> lost = new IdentityHashMap<>();
			for (int i = 0; i < tails.size(); i++) {
				previous.put(this.masters.list().get(i), tails.get(i));
				lost.put(this.masters.list().get(i), disconnects[i]);
			}
			Function<Master, CompletableFuture<Long>> everywhere = release;
			// called once the master's previous command has completed (runAfter chains it)
			release = (master) -> {
				CompletableFuture<?> before = previous.get(master);
				boolean busy = before != null && before.isDone() && !before.isCompletedExceptionally()
						&& refused.test(before.getNow(null)) && master.disconnects() == lost.get(master);
				return busy ? CompletableFuture.completedFuture(0L) : everywhere.apply(master);
			};
		}
		// release.lua replies 1 + the notification's receivers when it deleted our token
		return Quorum.<Long>runAfter(this.masters, tails, this.options.masterTimeout(), (deleted) -> deleted >= 1,
				release);
	}

	// ---------------------------------------------------------------- release

	/**
	 * Release the lock: delete our token on every master (compare-and-delete, so a lock held by someone else is
	 * never touched).
	 * @return completes when a majority deleted it; errors with {@link ReleaseUnlockedLockException} when this
	 * instance does not hold the lock (never acquired, already released, or the lease ran out), or with
	 * {@link QuorumIsImpossibleException} when {@code raiseOnRedisErrors} is set and more than half of the masters
	 * erred
	 */
	public Mono<Void> release() {
		return Mono.defer(() -> Mono.fromFuture(releaseNow(), true));
	}

	/**
	 * {@link #release()} started at once, as a future: what the blocking {@code Redlock.unlock()} waits for (the same
	 * release without Reactor's operators on the uncontended path).
	 * @return completes as {@link #release()} does; fails with its errors
	 */
	CompletableFuture<Void> releaseNow() {
		long releasing = System.nanoTime();
		long handedOverAt = this.handedOverAt;
		Acquisition acquisition = this.state.getAndSet(null);
		if (this.watchdog != null) {
			this.watchdog.stop();
		}
		if (acquisition == null) {
			return CompletableFuture.failedFuture(new ReleaseUnlockedLockException(this.lockKey,
					"Cannot release a lock this instance does not hold", this.masters.urls(), java.util.Map.of(), null));
		}
		PotteryRecorder.Sample held = acquisition.held();
		return releaseOn(acquisition.token(), acquisition.tails()).<Void>thenApply((released) -> {
			if (released.isAchieved()) {
				notifyReleased(released, acquisition.token(), handedOverAt, releasing);
				return null;
			}
			LockFailures.Failure failure = new LockFailures.Failure(released, "released", "not held");
			if (!failure.isOutage()) {
				fireLeaseLost();
			}
			if (this.options.raiseOnRedisErrors() && released.isImpossible()) {
				throw quorumIsImpossible("release", failure);
			}
			String why = failure.isOutage() ? "Cannot release lock '" + this.lockKey + "': " + failure.reason()
					+ " (the keys left expire with the lease of " + this.options.autoReleaseTime() + ")"
					: "Cannot release lock '" + this.lockKey + "': a majority of masters no longer holds it (its lease "
							+ "of " + this.options.autoReleaseTime() + " ran out, or another owner took it after that)";
			throw new ReleaseUnlockedLockException(this.lockKey, why, this.masters.urls(), released.redisErrors(),
					failure.outcomes(), released.firstError());
		}).whenComplete((done, ex) -> {
			if (ex == null) {
				held.stop(Outcome.RELEASED, null);
				return;
			}
			Throwable cause = unwrap(ex);
			Outcome outcome = (cause instanceof ReleaseUnlockedLockException) ? Outcome.LOST : outcome(cause);
			held.stop(outcome, (outcome == Outcome.LOST) ? null : cause);
		});
	}

	private static Throwable unwrap(Throwable ex) {
		return (ex instanceof java.util.concurrent.CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
	}

	/**
	 * After a release: wake this process's waiters directly when there is no Pub/Sub to do it, and when the release's
	 * notification reached waiters, let them go first (the next acquisition here yields about two round trips),
	 * unless this release {@linkplain #barges may be followed by a re-take}.
	 */
	private void notifyReleased(QuorumOutcome<Long> released, String token, long handedOverAt, long releasing) {
		ReleaseNotifications notifications = this.masters.releaseNotifications();
		if (!notifications.isSubscribable()) {
			notifications.released(this.lockKey);
		}
		boolean reached = false;
		for (Reply<Long> reply : released.replies()) {
			Long deleted = reply.value();
			if (reply.agreed() && deleted != null && notifications.reachedWaiters(this.lockKey, deleted)) {
				reached = true;
				break;
			}
		}
		if (reached && !barges(this.masters.size(), handedOverAt, releasing, released.elapsed().toNanos())) {
			notifications.yieldAfterRelease(this.lockKey, token, released.elapsed().toNanos());
		}
	}

	/**
	 * Whether a release may go without the yield to woken waiters, so that this process may take the lock straight
	 * back if it asks for it first: only on a single master (on several, a re-take racing a woken waiter's attempt
	 * can split the masters between them, and both fail), only when the hold was handed over to it by a wait (so a
	 * process re-takes at most once before it yields again: at most two holds in a row), and only when the hold was
	 * short, under {@value #BARGE_ROUND_TRIPS} release round trips (then a hand-over, a release, a notification and
	 * an attempt one after the other, costs about as much as the hold itself, and a re-take saves most of it; for
	 * longer holds fair turns cost little and the yield stays).
	 * @param masters how many masters the lock has
	 * @param handedOverAt when the released hold began if a wait led to it, else 0
	 * @param releasing when the release was asked for ({@link System#nanoTime()})
	 * @param releaseNanos how long the release took
	 * @return {@code true} when the release need not yield
	 */
	static boolean barges(int masters, long handedOverAt, long releasing, long releaseNanos) {
		return masters == 1 && handedOverAt != 0 && releasing - handedOverAt < BARGE_ROUND_TRIPS * releaseNanos;
	}

	// ---------------------------------------------------------------- extend

	/**
	 * Reset the lease to the full {@code autoReleaseTime} on every master that still holds our token.
	 * @return completes when a majority did; errors with {@link TooManyExtensionsException} after
	 * {@code numExtensions} extensions of this acquisition, with {@link ExtendUnlockedLockException} when this
	 * instance does not hold the lock, or with {@link QuorumIsImpossibleException} when {@code raiseOnRedisErrors}
	 * is set and more than half of the masters erred
	 */
	public Mono<Void> extend() {
		return extend(true);
	}

	/**
	 * Set the lease to {@code lease} from now, shorter or longer than {@code autoReleaseTime}, on every master that
	 * still holds our token; not counted against {@code numExtensions} (ShedLock's {@code lockAtLeastFor} shortens the
	 * lease at unlock with it). Later extensions go back to the full {@code autoReleaseTime}.
	 * @param lease the new lease, at least 1 ms (whole milliseconds are sent)
	 * @return completes when a majority did; errors as {@link #extend()} (except for the count)
	 */
	public Mono<Void> extend(Duration lease) {
		java.util.Objects.requireNonNull(lease, "'lease' must not be null");
		if (lease.toMillis() < 1) {
			return Mono.error(new IllegalArgumentException("'lease' must be at least 1 ms, but was " + lease));
		}
		return extend(false, lease.toMillis());
	}

	private Mono<Void> extend(boolean counted) {
		return extend(counted, this.options.ttlMillis());
	}

	private Mono<Void> extend(boolean counted, long leaseMillis) {
		return Mono.defer(() -> {
			Acquisition acquisition;
			while (true) {
				Acquisition current = this.state.get();
				if (current == null) {
					return Mono.error(new ExtendUnlockedLockException(this.lockKey,
							"Cannot extend a lock this instance does not hold", this.masters.urls(), java.util.Map.of(),
							null));
				}
				if (!counted) {
					acquisition = current;
					break;
				}
				if (current.extensions() >= this.options.numExtensions()) {
					return Mono.error(new TooManyExtensionsException(this.lockKey,
							"The lock was already extended " + current.extensions() + " times (numExtensions)",
							this.masters.urls(), java.util.Map.of(), null));
				}
				// count the extension before sending it, atomically, so that concurrent calls cannot both pass
				acquisition = current.counted();
				if (this.state.compareAndSet(current, acquisition)) {
					break;
				}
			}
			Acquisition sent = acquisition;
			long validUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(leaseMillis)
					- this.options.driftNanos();
			String lease = (leaseMillis == this.options.ttlMillis()) ? this.ttl : Long.toString(leaseMillis);
			CompletableFuture<QuorumOutcome<Long>> extension = Quorum.<Long>runAfter(this.masters, sent.tails(),
					this.options.masterTimeout(), (extended) -> extended == 1, (master) -> master.eval(LockScripts.EXTEND,
							ScriptOutputType.INTEGER, this.lockKeyOnly, sent.token(), lease));
			return Mono.fromFuture(extension, true).flatMap((extended) -> {
				if (extended.isAchieved()) {
					this.state.updateAndGet((current) -> (current != null && current.token().equals(sent.token()))
							? current.extended(validUntil, false, extended.sent()) : current);
					return Mono.empty();
				}
				if (counted) {
					leaseLost(sent.token(), extended);
				}
				LockFailures.Failure failure = new LockFailures.Failure(extended, "extended", "not held");
				if (this.options.raiseOnRedisErrors() && extended.isImpossible()) {
					return Mono.error(quorumIsImpossible("extend", failure));
				}
				String why = failure.isOutage() ? failure.reason() : "a majority of masters no longer holds it";
				return Mono.error(new ExtendUnlockedLockException(this.lockKey,
						"Cannot extend lock '" + this.lockKey + "': " + why, this.masters.urls(), extended.redisErrors(),
						failure.outcomes(), extended.firstError()));
			});
		});
	}

	// ---------------------------------------------------------------- state

	/**
	 * How much of the lease is left, as a majority of masters sees it (pottery's {@code locked()}): the smallest
	 * remaining TTL among the agreeing majority, minus the drift and the time the question took.
	 * @return the remaining lease, {@link Duration#ZERO} when this instance does not hold the lock (a lock held by
	 * someone else also reads as zero here)
	 */
	public Mono<Duration> remainingLease() {
		return Mono.defer(() -> {
			Acquisition acquisition = this.state.get();
			if (acquisition == null) {
				return Mono.just(Duration.ZERO);
			}
			long start = System.nanoTime();
			return Mono.fromFuture(Quorum.<Long>run(this.masters, this.options.masterTimeout(), (ttl) -> ttl > 0,
					(master) -> master.eval(LockScripts.REMAINING, ScriptOutputType.INTEGER, this.lockKeyOnly,
							acquisition.token())), true)
				.flatMap((remaining) -> {
					if (!remaining.isAchieved()) {
						if (this.options.raiseOnRedisErrors() && remaining.isImpossible()) {
							return Mono.error(quorumIsImpossible("remainingLease",
									new LockFailures.Failure(remaining, "held", "not held")));
						}
						return Mono.just(Duration.ZERO);
					}
					long smallest = remaining.agreedValues().stream().mapToLong(Long::longValue).min().orElse(0);
					long nanos = TimeUnit.MILLISECONDS.toNanos(smallest) - this.options.driftNanos()
							- (System.nanoTime() - start);
					return Mono.just(Duration.ofNanos(Math.max(0, nanos)));
				});
		});
	}

	/**
	 * How much of the lease is left to whoever holds the lock, this instance or any other, in any process (also a
	 * Python pottery client): when a majority of masters hold the same token with a lease, the smallest of their
	 * remaining TTLs, minus the drift and the time the question took. One round trip, hearing every master.
	 * @return the holder's remaining lease, {@link Duration#ZERO} when nobody holds the lock
	 */
	public Mono<Duration> holderRemainingLease() {
		return Mono.defer(() -> {
			long start = System.nanoTime();
			return Mono.fromFuture(Quorum.<List<Object>>runHearingAll(this.masters, this.options.masterTimeout(),
					(reply) -> reply.size() > 1 && reply.get(0) instanceof String token && !token.isEmpty(),
					(master) -> master.eval(LockScripts.HOLDER, ScriptOutputType.MULTI, this.lockKeyOnly)), true)
				.flatMap((holders) -> {
					java.util.Map<Object, List<Long>> byToken = new java.util.HashMap<>();
					for (List<Object> reply : holders.agreedValues()) {
						if (reply.get(1) instanceof Long ttl && ttl > 0) {
							byToken.computeIfAbsent(reply.get(0), (token) -> new java.util.ArrayList<>()).add(ttl);
						}
					}
					for (List<Long> ttls : byToken.values()) {
						if (ttls.size() >= this.masters.quorum()) {
							long smallest = ttls.stream().mapToLong(Long::longValue).min().orElse(0);
							long nanos = TimeUnit.MILLISECONDS.toNanos(smallest) - this.options.driftNanos()
									- (System.nanoTime() - start);
							return Mono.just(Duration.ofNanos(Math.max(0, nanos)));
						}
					}
					if (this.options.raiseOnRedisErrors() && holders.isImpossible()) {
						return Mono.error(quorumIsImpossible("holderRemainingLease",
								new LockFailures.Failure(holders, "held", "free")));
					}
					return Mono.just(Duration.ZERO);
				});
		});
	}

	/**
	 * Whether anyone holds the lock (this instance or any other, in any process), as a majority of masters sees it:
	 * {@link #holderRemainingLease()} is positive. The answer may be stale as soon as it arrives; use it to observe,
	 * never to decide whether to enter a critical section (acquire for that).
	 * @return {@code true} while held by anyone
	 */
	public Mono<Boolean> isLocked() {
		return holderRemainingLease().map((remaining) -> !remaining.isZero());
	}

	/**
	 * Whether this instance holds the lock, judged locally without a round trip: it acquired, has not released, and
	 * the validity computed at acquisition (or last extension) has not run out.
	 * @return {@code true} while held
	 */
	public boolean isHeldByCurrentInstance() {
		Acquisition acquisition = this.state.get();
		return acquisition != null && acquisition.isValid();
	}

	/**
	 * The fencing token of the current acquisition: strictly greater than the token of every earlier successful
	 * acquisition of this lock name on these masters (see the type's Javadoc for the guarantee's limits). Pass it to
	 * the protected resource, which should reject any request carrying a lower token than one it has seen.
	 * @return the token, 1 or more
	 * @throws IllegalStateException if this instance does not hold the lock or {@code fencing} is off
	 */
	public long fencingToken() {
		Acquisition acquisition = this.state.get();
		Assert.state(acquisition != null, () -> "Lock '" + this.lockKey + "' is not held by this instance");
		Assert.state(acquisition.fencingToken() > 0,
				"Fencing tokens are off; enable them with RedlockOptions.builder().fencing(true)");
		return acquisition.fencingToken();
	}

	/**
	 * Be told when this instance finds that it lost a lock it held: the watchdog could not extend it, or
	 * {@link #extend()} or {@link #release()} found that a majority of masters no longer holds it. The listener runs
	 * on a Reactor {@linkplain Schedulers#boundedElastic() bounded-elastic} thread, never on a Lettuce I/O thread or
	 * Pottery's timer thread, so it may block; an exception it throws is logged.
	 * @param listener called with this lock each time
	 * @return this lock
	 */
	public ReactiveRedlock onLeaseLost(Consumer<? super ReactiveRedlock> listener) {
		Assert.notNull(listener, "'listener' must not be null");
		this.leaseLostListeners.add(listener);
		return this;
	}

	private void leaseLost(String token, QuorumOutcome<?> outcome) {
		if (!new LockFailures.Failure(outcome, "held", "not held").isOutage()) {
			fireLeaseLost();
		}
	}

	private void fireLeaseLost() {
		for (Consumer<? super ReactiveRedlock> listener : this.leaseLostListeners) {
			Schedulers.boundedElastic().schedule(() -> {
				try {
					listener.accept(this);
				}
				catch (RuntimeException ex) {
					logger.warn("A lease-lost listener of lock '" + this.lockKey + "' failed", ex);
				}
			});
		}
	}

	/**
	 * Whether the watchdog stopped because an extension failed (the lock may have been lost; a warning was logged).
	 * @return {@code true} after a failed watchdog extension, until the next acquisition
	 */
	public boolean isWatchdogFailed() {
		return this.watchdog != null && this.watchdog.hasFailed();
	}

	/**
	 * The lock's name.
	 * @return the name given, without the {@code redlock:} prefix
	 */
	public String getKey() {
		return this.key;
	}

	/**
	 * The options.
	 * @return the options
	 */
	public RedlockOptions getOptions() {
		return this.options;
	}

	/**
	 * The masters.
	 * @return the masters this lock runs on
	 */
	public Masters getMasters() {
		return this.masters;
	}

	private QuorumIsImpossibleException quorumIsImpossible(String operation, LockFailures.Failure failure) {
		return new QuorumIsImpossibleException(this.lockKey,
				"Too many masters failed for a majority to be possible (" + operation + " of lock '" + this.lockKey
						+ "'): " + failure.reason(),
				this.masters.urls(), failure.outcome().redisErrors(), failure.outcomes(), failure.outcome().firstError());
	}

	@Override
	public String toString() {
		return "ReactiveRedlock{key=" + this.lockKey + ", masters=" + this.masters.urls() + "}";
	}

}
