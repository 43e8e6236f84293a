package dev.pottery.id;

import java.util.Iterator;
import java.util.function.LongSupplier;

import dev.pottery.lock.QuorumIsImpossibleException;
import dev.pottery.lock.QuorumNotAchievedException;
import dev.pottery.internal.Blocking;
import dev.pottery.lock.Masters;

/**
 * Distributed, strictly increasing ids on N independent Redis masters, pottery's {@code NextID}, as an endless
 * {@link Iterator} and a {@link LongSupplier}. A blocking wrapper over {@link ReactiveNextId}, which documents the
 * algorithm and its limits.
 *
 * <p><strong>Storage</strong> (wire-format.md §3.2): {@code nextid:<key>} (default {@code nextid:current}) on every
 * master, the last issued id as plain decimal; Java and Python generators share one sequence.
 *
 * <p><strong>Guarantees:</strong> no id is ever issued twice, and the ids each caller receives strictly increase,
 * with any number of generators in any number of processes. Ids are not dense. {@link #hasNext()} is always
 * {@code true}; {@link #remove()} is unsupported.
 *
 * <p><strong>Thread-safety and cost:</strong> thread-safe; one parallel round trip to all masters per id in the
 * fast path, two when another generator issued ids in between.
 *
 * <pre>{@code
 * NextId tweetIds = NextId.of(masters, "tweet-ids");
 * long first = tweetIds.getAsLong();     // 1 on a fresh key
 * long second = tweetIds.next();         // 2
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NextId implements Iterator<Long>, LongSupplier {

	private final ReactiveNextId reactive;

	NextId(ReactiveNextId reactive) {
		this.reactive = reactive;
	}

	/**
	 * The generator pottery uses by default, key {@code nextid:current}.
	 * @param masters the masters
	 * @return the generator
	 * @throws IllegalStateException if {@code masters} are {@linkplain Masters#unavailable unavailable}, with the
	 * reason (for example: the application's Redis is a Redis Cluster and no masters are configured)
	 */
	public static NextId of(Masters masters) {
		return new NextId(ReactiveNextId.of(masters));
	}

	/**
	 * A generator with pottery's default options.
	 * @param masters the masters
	 * @param key the generator's name; the Redis key is {@code nextid:<key>}
	 * @return the generator
	 * @throws IllegalStateException if {@code masters} are {@linkplain Masters#unavailable unavailable}, with the
	 * reason (for example: the application's Redis is a Redis Cluster and no masters are configured)
	 */
	public static NextId of(Masters masters, String key) {
		return new NextId(ReactiveNextId.of(masters, key));
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
	public static NextId of(Masters masters, String key, NextIdOptions options) {
		return new NextId(ReactiveNextId.of(masters, key, options));
	}

	/**
	 * The reactive generator this one wraps; both share their view of the sequence.
	 * @return the reactive generator
	 */
	public ReactiveNextId reactive() {
		return this.reactive;
	}

	/**
	 * Always {@code true}: the sequence does not end.
	 * @return {@code true}
	 */
	@Override
	public boolean hasNext() {
		return true;
	}

	/**
	 * Issue the next id, see {@link #getAsLong()}.
	 * @return the id
	 * @throws QuorumNotAchievedException after {@code numTries} tries without a majority
	 * @throws QuorumIsImpossibleException if {@code raiseOnRedisErrors} is set and too many masters erred
	 */
	@Override
	public Long next() {
		return getAsLong();
	}

	/**
	 * Issue the next id.
	 * @return an id greater than every id this instance issued before, never issued to anyone else
	 * @throws QuorumNotAchievedException after {@code numTries} tries without a majority
	 * @throws QuorumIsImpossibleException if {@code raiseOnRedisErrors} is set and too many masters erred
	 */
	@Override
	public long getAsLong() {
		Long id = Blocking.awaitStarted(this.reactive::nextNow);
		if (id == null) {
			throw new IllegalStateException("No id was issued");
		}
		return id;
	}

	/**
	 * Delete the sequence on every master, so ids start again at 1.
	 * @throws QuorumNotAchievedException unless every master succeeded
	 */
	public void reset() {
		Blocking.await(this.reactive.reset());
	}

	/**
	 * The generator's name.
	 * @return the name, without the {@code nextid:} prefix
	 */
	public String getKey() {
		return this.reactive.getKey();
	}

	@Override
	public String toString() {
		return "NextId{key=" + ReactiveNextId.KEY_PREFIX + getKey() + ", masters=" + this.reactive.getMasters().urls()
				+ "}";
	}

}
