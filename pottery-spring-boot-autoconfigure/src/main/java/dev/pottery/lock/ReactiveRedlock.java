package dev.pottery.lock;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import dev.pottery.ExtendUnlockedLockException;
import dev.pottery.QuorumIsImpossibleException;
import dev.pottery.QuorumNotAchievedException;
import dev.pottery.ReleaseUnlockedLockException;
import dev.pottery.TooManyExtensionsException;
import dev.pottery.quorum.Masters;
import dev.pottery.quorum.Quorum;
import dev.pottery.quorum.QuorumOutcome;
import dev.pottery.quorum.ReleaseNotifications;
import dev.pottery.timing.PotteryRecorder;
import dev.pottery.timing.PotteryRecorder.Outcome;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.Disposable;
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
 * <p><strong>Fencing tokens</strong> (opt-in): the acquire script also returns each master's counter; the token is
 * the largest counter among the acquiring majority plus one, and it is handed out only after a second parallel
 * round trip has raised the counter to it on a majority of masters that still hold our lock key. Any two majorities
 * share a master, and on that master the earlier holder's write-back happened while it held the key, so before the
 * later holder could set it: tokens of successful acquisitions strictly increase in acquisition order. This holds
 * without any clock assumption, but only while masters keep their data: a master restarted without persistence
 * (or with a lost {@code fsync}) forgets both its lock key and its counter; restart it only after a lease has passed
 * (the README's production advice) and the guarantee holds again as long as a majority never loses data together.
 * Mutual exclusion itself, as in every Redlock, assumes bounded clock drift and process pauses shorter than the
 * lease: a holder paused past its lease may still act, which is exactly what a protected resource checking the
 * fencing token detects.
 *
 * <p><strong>Ownership and thread-safety.</strong> Like pottery, ownership belongs to this instance, not to a
 * thread: any thread may release what another acquired through the same instance. The lock is not reentrant (an
 * instance that holds it cannot acquire it again until released or expired). Instances are thread-safe and cheap;
 * create one per lock name and caller. Nothing blocks: all methods return cold {@link Mono}s that act on
 * subscription.
 *
 * <p><strong>Cost:</strong> acquire, release, extend and {@link #remainingLease()} are one parallel round trip to all
 * masters each (acquire with fencing: two). A contended wait is woken by the holder's release (a {@code PUBLISH}
 * on {@code {redlock:<key>}:released} inside the release script, received on the {@linkplain
 * Masters#releaseNotifications() one shared subscription} of the masters), by the holder's lease running out (its
 * {@code PTTL}), or after pottery's random 0–{@code retryDelay}, whichever comes first, without holding a thread. With {@linkplain RedlockOptions#watchdog() the watchdog}, a Reactor
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

	private final Masters masters;

	private final String key;

	private final String lockKey;

	private final String[] keys;

	private final String[] lockKeyOnly;

	private final RedlockOptions options;

	private final String ttl;

	private final AtomicReference<@Nullable Acquisition> state = new AtomicReference<>();

	private final AtomicReference<@Nullable Disposable> watchdog = new AtomicReference<>();

	private volatile boolean watchdogFailed;

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
	 * Try to acquire the lock until it is acquired or {@code timeout} has passed, pausing a random 0 to
	 * {@code retryDelay} between attempts.
	 * @param timeout how long to keep trying; zero makes one attempt
	 * @return {@code true} if acquired, {@code false} after the timeout
	 */
	public Mono<Boolean> tryAcquire(Duration timeout) {
		Assert.isTrue(!timeout.isNegative(), "'timeout' must not be negative");
		return attempts(timeout);
	}

	/**
	 * Acquire the lock as pottery's context manager does: wait according to {@code contextManagerBlocking} and
	 * {@code contextManagerTimeout} (by default forever).
	 * @return completes when acquired; errors with {@link QuorumNotAchievedException} when not acquired in time
	 */
	public Mono<Void> acquire() {
		Mono<Boolean> attempts = this.options.contextManagerBlocking()
				? repeatedAttempts(this.options.contextManagerTimeout()) : attemptOnce();
		return waiting(attempts.flatMap((acquired) -> acquired ? Mono.empty()
				: Mono.error(new QuorumNotAchievedException(this.lockKey, "Could not acquire the lock",
						this.masters.urls(), java.util.Map.of(), null))));
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
				(lock, error) -> lock.release(), ReactiveRedlock::release);
	}

	/** Attempts until acquired or until {@code timeout} (forever when {@code null}), observed as one wait. */
	Mono<Boolean> attempts(@Nullable Duration timeout) {
		return waiting(repeatedAttempts(timeout));
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
	 * Attempt, and while the lock is held elsewhere and time is left, wait and attempt again. The first attempt is
	 * the uncontended fast path (after a yield of a few milliseconds only when a release through these masters just
	 * woke waiters, see {@link ReleaseNotifications#yieldBefore}). When it fails, the wait becomes event-driven:
	 * register on the lock's release channel (one shared Pub/Sub connection per master for all locks of these
	 * masters), attempt once more as soon as the subscription is confirmed (a release may have come in between), then
	 * after each failed attempt sleep until whichever comes first: a release notification, the holder's lease running
	 * out on a majority (its {@code PTTL}, asked 25 ms into the pause unless a notification came first, so holders
	 * that crash or never publish, such as Python pottery, are noticed), or pottery's random 0 to {@code retryDelay}
	 * (the fallback for lost notifications). No thread waits.
	 */
	private Mono<Boolean> repeatedAttempts(@Nullable Duration timeout) {
		return Mono.defer(() -> {
			long deadline = (timeout != null) ? System.nanoTime() + timeout.toNanos() : 0;
			long yieldNanos = this.masters.releaseNotifications().yieldBefore(this.lockKey);
			if (timeout != null) {
				yieldNanos = Math.min(yieldNanos, Math.max(0, deadline - System.nanoTime()));
			}
			Mono<Boolean> first = (yieldNanos > 0) ? Mono.delay(Duration.ofNanos(yieldNanos)).then(attemptOnce())
					: attemptOnce();
			return first.flatMap((acquired) -> (acquired || isPast(timeout, deadline)) ? Mono.just(acquired)
					: contended(timeout, deadline));
		});
	}

	private static boolean isPast(@Nullable Duration timeout, long deadline) {
		return timeout != null && deadline - System.nanoTime() <= 0;
	}

	private Mono<Boolean> contended(@Nullable Duration timeout, long deadline) {
		ReleaseNotifications notifications = this.masters.releaseNotifications();
		return Mono.using(() -> notifications.register(this.lockKey, this.options.masterTimeout()),
				(waiter) -> Mono.firstWithSignal(Mono.fromFuture(waiter.ready(), true).then(),
						Mono.delay(remaining(timeout, deadline)).then())
					.then(Mono.defer(() -> {
						waiter.arm();
						return attemptOnce();
					}))
					.filter(Boolean::booleanValue)
					.repeatWhenEmpty((repeats) -> repeats.takeWhile((repeat) -> !isPast(timeout, deadline))
						// a value, not just completion, makes repeatWhenEmpty attempt again
						.concatMap((repeat) -> pause(waiter, timeout, deadline).thenReturn(repeat)))
					.defaultIfEmpty(false),
				ReleaseNotifications.Waiter::close);
	}

	/** Sleep until a release notification, the holder's lease end, or the random fallback delay, whichever first. */
	private Mono<Void> pause(ReleaseNotifications.Waiter waiter, @Nullable Duration timeout, long deadline) {
		Mono<Void> fallback = Mono.delay(retryDelay(timeout, deadline)).then();
		Mono<Void> notified = Mono.fromFuture(waiter.signal(), true);
		// the PTTL question goes out only if no notification came first: a quick hand-over costs no extra round trip
		Mono<Void> leaseEnd = Mono.delay(LEASE_CHECK_DELAY)
			.then(leaseEnd())
			.flatMap((millis) -> Mono.delay(Duration.ofMillis(millis)))
			.switchIfEmpty(Mono.never())
			.then();
		return Mono.firstWithSignal(notified, leaseEnd, fallback);
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
		return Mono.defer(() -> {
			CompletableFuture<Boolean> attempt = attempt();
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

	private CompletableFuture<Boolean> attempt() {
		String token = UUID.randomUUID().toString();
		long start = System.nanoTime();
		long validUntil = start + TimeUnit.MILLISECONDS.toNanos(this.options.ttlMillis()) - this.options.driftNanos();
		if (!this.options.fencing()) {
			// pottery's own command, nothing more: SET NX PX, native (no script to run)
			SetArgs args = SetArgs.Builder.nx().px(this.options.ttlMillis());
			return Quorum.<String>run(this.masters, this.options.masterTimeout(), "OK"::equals,
					(master) -> master.execute((commands) -> commands.set(this.lockKey, token, args)))
				.thenCompose((acquired) -> (acquired.isAchieved() && validUntil - System.nanoTime() > 0)
						? CompletableFuture.completedFuture(succeed(token, -1, validUntil, acquired.sent()))
						: failed(token, acquired.sent(), acquired));
		}
		Duration timeout = this.options.masterTimeout();
		return Quorum.<Long>run(this.masters, timeout, (counter) -> counter >= 0,
				(master) -> master.eval(LockScripts.ACQUIRE, ScriptOutputType.INTEGER, this.keys, token, this.ttl))
			.thenCompose((acquired) -> {
				if (!acquired.isAchieved() || validUntil - System.nanoTime() <= 0) {
					return failed(token, acquired.sent(), acquired);
				}
				long fencingToken = acquired.agreedValues().stream().mapToLong(Long::longValue).max().orElse(0) + 1;
				String fence = Long.toString(fencingToken);
				return Quorum.<Long>runAfter(this.masters, acquired.sent(), timeout, (stored) -> stored == 1,
						(master) -> master.eval(LockScripts.FENCE, ScriptOutputType.INTEGER, this.keys, token, fence))
					.thenCompose((fenced) -> (fenced.isAchieved() && validUntil - System.nanoTime() > 0)
							? CompletableFuture.completedFuture(succeed(token, fencingToken, validUntil, fenced.sent()))
							: failed(token, fenced.sent(), fenced));
			});
	}

	private boolean succeed(String token, long fencingToken, long validUntil, List<? extends CompletableFuture<?>> tails) {
		PotteryRecorder.Sample held = this.masters.getRecorder().lockHeld(this.key, this.masters.size());
		Acquisition acquisition = new Acquisition(token, fencingToken, validUntil, 0, tails, held);
		Acquisition previous = this.state.getAndSet(acquisition);
		if (previous != null) {
			// its lease ran out without a release
			previous.held().stop(Outcome.LOST, null);
		}
		this.watchdogFailed = false;
		startWatchdog(acquisition);
		return true;
	}

	/**
	 * Clean up after a failed attempt on every master the attempt reached, then report it. The clean-up's quorum
	 * answers once a majority has, but a failed attempt waits for every master (each for at most the per-master
	 * timeout), so that no partial hold outlives the attempt that made it.
	 */
	private CompletableFuture<Boolean> failed(String token, List<? extends CompletableFuture<?>> tails,
			QuorumOutcome<?> outcome) {
		return releaseOn(token, tails).thenCompose((released) -> settled(released.sent())).handle((settled, ex) -> {
			if (this.options.raiseOnRedisErrors() && outcome.isImpossible()) {
				throw quorumIsImpossible("acquire", outcome);
			}
			return false;
		});
	}

	/** Completes when every future has completed, or the per-master timeout has passed for those that have not. */
	private CompletableFuture<Void> settled(List<? extends CompletableFuture<?>> futures) {
		long timeoutNanos = this.options.masterTimeout().toNanos();
		return CompletableFuture.allOf(futures.stream()
			.map((future) -> future.copy().orTimeout(timeoutNanos, TimeUnit.NANOSECONDS).handle((value, ex) -> null))
			.toArray(CompletableFuture[]::new));
	}

	/**
	 * Delete our token on every master, on each one only after the last command we sent there for this token has
	 * answered. We rely on that chaining, not on Lettuce's per-connection ordering alone: a command is sent after the
	 * previous one's reply (or its failure), so Redis runs it after, even when the previous one was re-sent as EVAL
	 * after a NOSCRIPT or was still in flight when the majority answered.
	 */
	private CompletableFuture<QuorumOutcome<Long>> releaseOn(String token, List<? extends CompletableFuture<?>> tails) {
		// release.lua replies 1 + the notification's receivers when it deleted our token
		return Quorum.<Long>runAfter(this.masters, tails, this.options.masterTimeout(), (deleted) -> deleted >= 1,
				(master) -> master.eval(LockScripts.RELEASE, ScriptOutputType.INTEGER, this.lockKeyOnly, token));
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
		return Mono.defer(() -> {
			Acquisition acquisition = this.state.getAndSet(null);
			stopWatchdog();
			if (acquisition == null) {
				return Mono.error(new ReleaseUnlockedLockException(this.lockKey,
						"Cannot release a lock this instance does not hold", this.masters.urls(), java.util.Map.of(), null));
			}
			PotteryRecorder.Sample held = acquisition.held();
			return Mono.fromFuture(releaseOn(acquisition.token(), acquisition.tails()), true).flatMap((released) -> {
				if (released.isAchieved()) {
					notifyReleased(released);
					return Mono.<Void>empty();
				}
				if (this.options.raiseOnRedisErrors() && released.isImpossible()) {
					return Mono.error(quorumIsImpossible("release", released));
				}
				return Mono.error(new ReleaseUnlockedLockException(this.lockKey,
						"Cannot release the lock: a majority of masters no longer holds it (its lease of "
								+ this.options.autoReleaseTime() + " may have run out)",
						this.masters.urls(), released.redisErrors(), released.firstError()));
			}).doOnSuccess((done) -> held.stop(Outcome.RELEASED, null)).doOnError((ex) -> {
				Outcome outcome = (ex instanceof ReleaseUnlockedLockException) ? Outcome.LOST : outcome(ex);
				held.stop(outcome, (outcome == Outcome.LOST) ? null : ex);
			});
		});
	}

	/**
	 * After a release: wake this process's waiters directly when there is no Pub/Sub to do it, and when the release's
	 * notification reached waiters, let them go first (the next acquisition here yields about two round trips).
	 */
	private void notifyReleased(QuorumOutcome<Long> released) {
		ReleaseNotifications notifications = this.masters.releaseNotifications();
		if (!notifications.isSubscribable()) {
			notifications.released(this.lockKey);
		}
		if (released.agreedValues().stream().anyMatch((deleted) -> deleted > 1)) {
			notifications.yieldAfterRelease(this.lockKey, released.elapsed().toNanos());
		}
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

	private Mono<Void> extend(boolean counted) {
		return Mono.defer(() -> {
			Acquisition acquisition = this.state.get();
			if (acquisition == null) {
				return Mono.error(new ExtendUnlockedLockException(this.lockKey,
						"Cannot extend a lock this instance does not hold", this.masters.urls(), java.util.Map.of(), null));
			}
			if (counted && acquisition.extensions() >= this.options.numExtensions()) {
				return Mono.error(new TooManyExtensionsException(this.lockKey,
						"The lock was already extended " + acquisition.extensions() + " times (numExtensions)",
						this.masters.urls(), java.util.Map.of(), null));
			}
			long validUntil = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.options.ttlMillis())
					- this.options.driftNanos();
			CompletableFuture<QuorumOutcome<Long>> extension = Quorum.<Long>runAfter(this.masters, acquisition.tails(),
					this.options.masterTimeout(), (extended) -> extended == 1, (master) -> master.eval(LockScripts.EXTEND,
							ScriptOutputType.INTEGER, this.lockKeyOnly, acquisition.token(), this.ttl));
			return Mono.fromFuture(extension, true).flatMap((extended) -> {
				if (extended.isAchieved()) {
					this.state.compareAndSet(acquisition, acquisition.extended(validUntil, counted, extended.sent()));
					return Mono.empty();
				}
				if (this.options.raiseOnRedisErrors() && extended.isImpossible()) {
					return Mono.error(quorumIsImpossible("extend", extended));
				}
				return Mono.error(new ExtendUnlockedLockException(this.lockKey,
						"Cannot extend the lock: a majority of masters no longer holds it", this.masters.urls(),
						extended.redisErrors(), extended.firstError()));
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
							return Mono.error(quorumIsImpossible("remainingLease", remaining));
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
	 * Whether the watchdog stopped because an extension failed (the lock may have been lost; a warning was logged).
	 * @return {@code true} after a failed watchdog extension, until the next acquisition
	 */
	public boolean isWatchdogFailed() {
		return this.watchdogFailed;
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

	// ---------------------------------------------------------------- watchdog

	private void startWatchdog(Acquisition acquisition) {
		if (!this.options.watchdog()) {
			return;
		}
		long period = Math.max(1, this.options.ttlMillis() / 3);
		Disposable task = Schedulers.parallel()
			.schedulePeriodically(() -> watch(acquisition.token()), period, period, TimeUnit.MILLISECONDS);
		Disposable previous = this.watchdog.getAndSet(task);
		if (previous != null) {
			previous.dispose();
		}
	}

	private void watch(String token) {
		Acquisition current = this.state.get();
		if (current == null || !current.token().equals(token)) {
			// released (which stopped us) or replaced by a newer acquisition (whose start disposed us)
			return;
		}
		extend(false).subscribe(null, (ex) -> {
			Acquisition now = this.state.get();
			if (now != null && now.token().equals(token)) {
				this.watchdogFailed = true;
				stopWatchdog();
				logger.warn("Watchdog could not extend lock '" + this.lockKey + "'; it may have been lost and is no "
						+ "longer extended: " + ex.getMessage());
			}
		});
	}

	private void stopWatchdog() {
		Disposable task = this.watchdog.getAndSet(null);
		if (task != null) {
			task.dispose();
		}
	}

	private QuorumIsImpossibleException quorumIsImpossible(String operation, QuorumOutcome<?> outcome) {
		return new QuorumIsImpossibleException(this.lockKey,
				"Too many masters failed for a majority to be possible (" + operation + ")", this.masters.urls(),
				outcome.redisErrors(), outcome.firstError());
	}

	@Override
	public String toString() {
		return "ReactiveRedlock{key=" + this.lockKey + ", masters=" + this.masters.urls() + "}";
	}

}
