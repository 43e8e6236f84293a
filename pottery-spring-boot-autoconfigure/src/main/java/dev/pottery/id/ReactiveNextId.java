package dev.pottery.id;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import dev.pottery.lock.PrimitiveException;
import dev.pottery.lock.QuorumIsImpossibleException;
import dev.pottery.lock.QuorumNotAchievedException;
import dev.pottery.lock.Masters;
import dev.pottery.internal.Quorum;
import dev.pottery.internal.QuorumOutcome;
import dev.pottery.internal.Reply;
import dev.pottery.observation.PotteryRecorder;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.util.Assert;

/**
 * Distributed ids on N independent Redis masters with a Reactor API, pottery's {@code AIONextID}: every id is
 * issued at most once, and the ids one caller receives strictly increase, even with many generators in many
 * processes (Java or Python) on the same masters. {@link NextId} is the blocking wrapper.
 *
 * <p><strong>Storage</strong> (wire-format.md §3.2): key {@code nextid:<key>} (default {@code nextid:current}) on
 * every master, the last issued id as a plain decimal string, no TTL; ids start at 1. A sequence started by Python
 * pottery continues here and vice versa.
 *
 * <p><strong>Algorithm.</strong> This instance remembers the highest id it knows of. To issue one, it proposes the
 * next number to all masters concurrently; each stores it only if its own value is missing or lower, otherwise it
 * answers with what it has. Every master is heard, each within the per-master timeout: the id is issued when a
 * majority stored the proposal and no master that answered holds a value at or above it. No other proposal of the
 * same number can win a majority, because any two majorities share a master and that master accepts each number at
 * most once (values only grow); and a master that kept a higher value while others restarted empty or lagged stops
 * the proposal whenever it answers in time. When the proposal is refused, the answers carry the newer values, so the
 * next proposal is made at once, without a separate read; every master that answers is brought up to the proposal. Tries that fail without progress (masters erring or timing out) are limited
 * by {@code numTries}; tries lost to other generators are retried at once (up to 1,000 per id). Concurrent callers
 * of one instance propose different numbers, so they do not race each other for the same one.
 *
 * <p><strong>Cost:</strong> one parallel round trip per id when this instance's view is current (it is after its
 * own previous id, unless another generator issued ids since); two when it must catch up. pottery always needs two.
 *
 * <p><strong>Block reservation</strong> (opt-in, {@link NextIdOptions#blockSize()} above 1): one round trip
 * reserves a whole block of ids on a majority, handed out locally afterwards, for far more ids per second. Ids stay
 * unique and increasing for every caller of one generator; ids of different generators are no longer ordered by time,
 * and the unused rest of a block is lost with its generator.
 *
 * <p><strong>Limits:</strong> Redis compares with Lua doubles, as pottery does, so ids are exact up to 2^53; ids
 * are unique and increasing but not dense (a proposal that fails may leave a gap). Ids never repeat as long as, when
 * an id is proposed, more than {@code N - quorum} masters (3 of 5, 2 of 3) hold the last id issued or a later value,
 * or at least one of those that do answers in time: masters restarted without persistence lose their value, so with
 * two of three masters restarting empty before the next id is issued, only the remaining one carries the sequence.
 * {@code appendonly yes} with {@code appendfsync always} on every master makes ids safe under any restarts. An id
 * waits for the slowest master's answer (at most the per-master timeout). Thread-safe; share one instance per key.
 *
 * <pre>{@code
 * ReactiveNextId tweetIds = ReactiveNextId.of(masters, "tweet-ids");
 * Mono<Long> id = tweetIds.next();
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ReactiveNextId {

	/** The prefix pottery puts before a generator's key. */
	public static final String KEY_PREFIX = "nextid:";

	/** pottery's default key. */
	public static final String DEFAULT_KEY = "current";

	private static final Long STORED = 1L;

	/** How many tries lost to other generators one id may take (a safety net against livelock). */
	private static final int MAX_CONTENDED_TRIES = 1000;

	private final Masters masters;

	private final String key;

	private final String[] keys;

	private final NextIdOptions options;

	private final AtomicLong known = new AtomicLong();

	private final AtomicReference<@Nullable Block> block = new AtomicReference<>();

	ReactiveNextId(Masters masters, String key, NextIdOptions options) {
		Assert.notNull(masters, "'masters' must not be null");
		Assert.hasLength(key, "'key' must not be empty");
		Assert.notNull(options, "'options' must not be null");
		this.masters = masters.requireAvailable();
		this.key = key;
		this.keys = new String[] { KEY_PREFIX + key };
		this.options = options;
	}

	/**
	 * The generator pottery uses by default, key {@code nextid:current}.
	 * @param masters the masters
	 * @return the generator
	 * @throws IllegalStateException if {@code masters} are {@linkplain Masters#unavailable unavailable}, with the
	 * reason (for example: the application's Redis is a Redis Cluster and no masters are configured)
	 */
	public static ReactiveNextId of(Masters masters) {
		return of(masters, DEFAULT_KEY);
	}

	/**
	 * A generator with pottery's default options.
	 * @param masters the masters
	 * @param key the generator's name; the Redis key is {@code nextid:<key>}
	 * @return the generator
	 * @throws IllegalStateException if {@code masters} are {@linkplain Masters#unavailable unavailable}, with the
	 * reason (for example: the application's Redis is a Redis Cluster and no masters are configured)
	 */
	public static ReactiveNextId of(Masters masters, String key) {
		return of(masters, key, NextIdOptions.defaults());
	}

	/**
	 * A generator.
	 * @param masters the masters
	 * @param key the generator's name; the Redis key is {@code nextid:<key>}
	 * @param options the options
	 * @return the generator
	 * @throws IllegalStateException if {@code masters} are {@linkplain Masters#unavailable unavailable}, with the
	 * reason (for example: the application's Redis is a Redis Cluster and no masters are configured)
	 */
	public static ReactiveNextId of(Masters masters, String key, NextIdOptions options) {
		return new ReactiveNextId(masters, key, options);
	}

	/**
	 * Issue the next id.
	 * @return the id, greater than every id issued before to this instance's callers and never issued to anyone
	 * else; errors with {@link QuorumNotAchievedException} after {@code numTries} tries without a majority, or with
	 * {@link QuorumIsImpossibleException} when {@code raiseOnRedisErrors} is set and more than half of the masters
	 * erred
	 */
	public Mono<Long> next() {
		return Mono.defer(() -> {
			PotteryRecorder.Sample sample = this.masters.getRecorder().nextId(this.key, this.masters.size());
			return nextId().doOnSuccess((id) -> sample.stop(PotteryRecorder.Outcome.ISSUED, null))
				.doOnError((ex) -> sample.stop((ex instanceof PrimitiveException) ? PotteryRecorder.Outcome.QUORUM_LOST
						: PotteryRecorder.Outcome.ERROR, ex))
				.doOnCancel(() -> sample.stop(PotteryRecorder.Outcome.CANCELLED, null));
		});
	}

	/**
	 * {@link #next()} started at once, as a future: what the blocking {@code NextId.next()} waits for (the same
	 * proposal, recorded the same way, without Reactor's operators; a blocking caller never cancels).
	 * @return completes as {@link #next()} does; fails with its errors
	 */
	CompletableFuture<Long> nextNow() {
		if (this.options.blockSize() != 1) {
			// ids from a block need no round trip most of the time: the Mono path costs nothing there
			return next().toFuture();
		}
		PotteryRecorder.Sample sample = this.masters.getRecorder().nextId(this.key, this.masters.size());
		CompletableFuture<Long> id;
		try {
			id = propose(1, 0, 0).thenApply(Block::end);
		}
		catch (RuntimeException ex) {
			id = CompletableFuture.failedFuture(ex);
		}
		return id.whenComplete((issued, ex) -> {
			if (ex == null) {
				sample.stop(PotteryRecorder.Outcome.ISSUED, null);
				return;
			}
			Throwable cause = (ex instanceof CompletionException && ex.getCause() != null) ? ex.getCause() : ex;
			sample.stop((cause instanceof PrimitiveException) ? PotteryRecorder.Outcome.QUORUM_LOST
					: PotteryRecorder.Outcome.ERROR, cause);
		});
	}

	private Mono<Long> nextId() {
		if (this.options.blockSize() == 1) {
			return Mono.fromFuture(() -> propose(1, 0, 0).thenApply(Block::end), true);
		}
		return Mono.defer(() -> {
			long id = takeFromBlock();
			if (id > 0) {
				return Mono.just(id);
			}
			return Mono.fromFuture(() -> propose(this.options.blockSize(), 0, 0), true).flatMap((reserved) -> {
				this.block.accumulateAndGet(reserved, (current, fresh) -> (current == null || fresh.end() > current.end())
						? fresh : current);
				return nextId();
			});
		});
	}

	/** The next id of the current block, or 0 when there is none left. */
	private long takeFromBlock() {
		Block current = this.block.get();
		if (current == null) {
			return 0;
		}
		long id = current.next().getAndIncrement();
		return (id <= current.end()) ? id : 0;
	}

	/**
	 * Propose {@code size} more ids: store {@code known + size} on a majority. The ids from just above the largest
	 * value the agreeing majority held before, up to the value stored, are ours: every id issued before is at most
	 * that largest value (it was stored on a majority, which shares a master with ours, and values only grow).
	 */
	private CompletableFuture<Block> propose(int size, int failures, int contended) {
		this.masters.checkPersistenceOnce();
		// concurrent callers of this instance propose different numbers instead of all racing for the same one
		long proposal = this.known.addAndGet(size);
		String value = Long.toString(proposal);
		// every master that answers in time is heard: one that kept a higher value (while others restarted empty or
		// lagged) must stop this proposal even when a majority stored it
		return Quorum.<List<Object>>runHearingAll(this.masters, this.options.masterTimeout(),
				(reply) -> STORED.equals(reply.get(0)),
				(master) -> master.eval(IdScripts.NEXT, ScriptOutputType.MULTI, this.keys, value))
			.thenCompose((outcome) -> {
				long learned = stored(outcome, false);
				// whatever happened, never propose this number (or anything below what a master holds) again
				this.known.accumulateAndGet(Math.max(proposal, learned), Math::max);
				if (outcome.isAchieved() && learned < proposal) {
					long previous = stored(outcome, true);
					return CompletableFuture.completedFuture(new Block(new AtomicLong(previous + 1), proposal));
				}
				if (this.options.raiseOnRedisErrors() && outcome.isImpossible()) {
					throw new QuorumIsImpossibleException(this.keys[0],
							"Too many masters failed for a majority to be possible: " + outcome.erred() + " of "
									+ this.masters.size() + " masters erred or did not answer within the per-master "
									+ "timeout; check those masters and the network (or raise masterTimeout)",
							this.masters.urls(), outcome.redisErrors(), outcome.outcomes("stored", "ahead"),
							outcome.firstError());
				}
				boolean progressed = learned >= proposal;
				int tries = progressed ? failures : failures + 1;
				int races = progressed ? contended + 1 : contended;
				if (tries >= this.options.numTries() || races > MAX_CONTENDED_TRIES) {
					String why = (outcome.erred() > this.masters.size() - this.masters.quorum())
							? "masters unreachable: " + outcome.erred() + " of " + this.masters.size()
									+ " masters erred or did not answer within the per-master timeout"
							: "other generators kept taking the ids proposed";
					throw new QuorumNotAchievedException(this.keys[0],
							"No majority stored a new id after " + (tries + races) + " tries: " + why,
							this.masters.urls(), outcome.redisErrors(), outcome.outcomes("stored", "ahead"),
							outcome.firstError());
				}
				if (progressed && outcome.agreed() > 0) {
					// lost a race to another generator (some masters took our number, others already had a higher
					// one): every master that answers must hold less than the id, so racers proposing the same number
					// could all lose; spread the next proposals out (ids need not be dense) so that the highest one in
					// flight wins everywhere. A plain catch-up (every master ahead) proposes exactly the next number.
					long spread = ThreadLocalRandom.current().nextLong(1L << Math.min(races, 6));
					this.known.accumulateAndGet(learned + spread, Math::max);
				}
				return propose(size, tries, races);
			});
	}

	/**
	 * The largest value the masters reported: those that stored our proposal (their previous value) or those that
	 * refused it (their current value).
	 */
	private static long stored(QuorumOutcome<List<Object>> outcome, boolean agreeing) {
		long largest = 0;
		for (Reply<List<Object>> reply : outcome.replies()) {
			List<Object> value = reply.value();
			if (reply.agreed() == agreeing && value != null && value.size() > 1
					&& value.get(1) instanceof String stored) {
				try {
					largest = Math.max(largest, Long.parseLong(stored.trim()));
				}
				catch (NumberFormatException ex) {
					// not written by pottery; such a master refuses and counts against the quorum
				}
			}
		}
		return largest;
	}

	/**
	 * Delete the sequence on every master (pottery's {@code reset()}), so ids start again at 1. Every master must
	 * succeed. Other generator instances keep their view and go on from it; reset only when none is in use.
	 * @return completes when every master deleted the key; errors with {@link QuorumNotAchievedException} otherwise
	 */
	public Mono<Void> reset() {
		return Mono.fromFuture(() -> Quorum.<Long>runHearingAll(this.masters, this.masters.size(),
				this.options.masterTimeout(),
				(deleted) -> true, (master) -> master.execute((RedisAsyncCommands<String, String> commands) -> commands.del(this.keys))),
				true)
			.flatMap((outcome) -> {
				this.known.set(0);
				this.block.set(null);
				if (outcome.isAchieved()) {
					return Mono.empty();
				}
				if (this.options.raiseOnRedisErrors() && outcome.isImpossible()) {
					return Mono.error(new QuorumIsImpossibleException(this.keys[0],
							"reset() needs every master, and " + outcome.erred() + " of " + this.masters.size()
									+ " masters erred or did not answer within the per-master timeout",
							this.masters.urls(), outcome.redisErrors(), outcome.outcomes("deleted", "deleted"),
							outcome.firstError()));
				}
				return Mono.error(new QuorumNotAchievedException(this.keys[0],
						"reset() needs every master, and " + outcome.erred() + " of " + this.masters.size()
								+ " did not confirm the delete (the sequence may be deleted on some masters only: "
								+ "run reset() again once they answer)",
						this.masters.urls(), outcome.redisErrors(), outcome.outcomes("deleted", "deleted"),
						outcome.firstError()));
			});
	}

	/**
	 * The generator's name.
	 * @return the name, without the {@code nextid:} prefix
	 */
	public String getKey() {
		return this.key;
	}

	/**
	 * The options.
	 * @return the options
	 */
	public NextIdOptions getOptions() {
		return this.options;
	}

	/**
	 * The masters.
	 * @return the masters
	 */
	public Masters getMasters() {
		return this.masters;
	}

	@Override
	public String toString() {
		return "ReactiveNextId{key=" + this.keys[0] + ", masters=" + this.masters.urls() + "}";
	}

	/** Ids reserved by one proposal: from {@code next} (advancing) up to {@code end}, inclusive. */
	private record Block(AtomicLong next, long end) {

	}

}
