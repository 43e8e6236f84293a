package dev.pottery.observation;

import org.jspecify.annotations.Nullable;

/**
 * Where Redlocks, NextIds, caches and the quorum engine report what they did and how long it took, without
 * depending on a metrics library: each timed operation asks for a {@link Sample} when it starts and stops it with
 * its {@link Outcome}. {@link #NONE} (the default everywhere) does nothing; {@link ObservationPotteryRecorder} turns
 * the reports into Micrometer observations and is what Spring Boot installs when an {@code ObservationRegistry}
 * bean exists.
 *
 * <p>The lock wait starts when an acquisition starts and stops when it is decided; the lock hold starts when the
 * lock is acquired and stops when it is released (or found lost); the cache lookup covers the one round trip of a
 * {@code RedisCache} get, not the loader; the NextId sample covers one {@code next()}. A quorum error is reported
 * once per master that failed or timed out in any quorum run.
 *
 * <p>Implementations must be thread-safe and must not block: they are called on Lettuce's I/O threads. A sample is
 * stopped at most once; implementations should still ignore a second stop.
 *
 * <pre>{@code
 * PotteryRecorder.Sample sample = recorder.lockWait("printer", masters.size());
 * sample.stop(PotteryRecorder.Outcome.ACQUIRED, null);
 * }</pre>
 *
 * @since 0.1.0
 */
public interface PotteryRecorder {

	/** A recorder that records nothing. */
	PotteryRecorder NONE = new PotteryRecorder() {

		@Override
		public String toString() {
			return "PotteryRecorder.NONE";
		}

	};

	/**
	 * An acquisition of a lock starts.
	 * @param key the lock's name (without {@code redlock:})
	 * @param masters how many masters it runs on
	 * @return the sample to stop with {@link Outcome#ACQUIRED}, {@link Outcome#TIMEOUT}, {@link Outcome#QUORUM_LOST},
	 * {@link Outcome#CANCELLED} or {@link Outcome#ERROR}
	 */
	default Sample lockWait(String key, int masters) {
		return Sample.NONE;
	}

	/**
	 * A lock has been acquired.
	 * @param key the lock's name (without {@code redlock:})
	 * @param masters how many masters it runs on
	 * @return the sample to stop with {@link Outcome#RELEASED}, {@link Outcome#LOST}, {@link Outcome#QUORUM_LOST} or
	 * {@link Outcome#ERROR}
	 */
	default Sample lockHeld(String key, int masters) {
		return Sample.NONE;
	}

	/**
	 * A cache lookup starts.
	 * @param cache the cache's name: its Redis key when one was given, {@value #RANDOM_CACHE} otherwise
	 * @return the sample to stop with {@link Outcome#HIT}, {@link Outcome#MISS} or {@link Outcome#ERROR}
	 */
	default Sample cacheGet(String cache) {
		return Sample.NONE;
	}

	/**
	 * A NextId is asked for its next id.
	 * @param key the sequence's name (without {@code nextid:})
	 * @param masters how many masters it runs on
	 * @return the sample to stop with {@link Outcome#ISSUED}, {@link Outcome#QUORUM_LOST}, {@link Outcome#CANCELLED}
	 * or {@link Outcome#ERROR}
	 */
	default Sample nextId(String key, int masters) {
		return Sample.NONE;
	}

	/**
	 * A master failed or did not answer in time in a quorum run.
	 * @param master the master's URL, password masked
	 * @param error the error ({@link java.util.concurrent.TimeoutException} for a timeout)
	 */
	default void quorumError(String master, Throwable error) {
	}

	/** The cache name reported for caches created without a key (their key is a random {@code pottery:<uuid>}). */
	String RANDOM_CACHE = "random";

	/**
	 * One timed operation in progress.
	 *
	 * @since 0.1.0
	 */
	@FunctionalInterface
	interface Sample {

		/** A sample that records nothing. */
		Sample NONE = (outcome, error) -> {
		};

		/**
		 * The operation has ended.
		 * @param outcome how it ended
		 * @param error the error it ended with, if any
		 */
		void stop(Outcome outcome, @Nullable Throwable error);

	}

	/**
	 * How a timed operation ended; {@link #value()} is the {@code pottery.outcome} tag.
	 *
	 * @since 0.1.0
	 */
	enum Outcome {

		/** The lock was acquired. */
		ACQUIRED("acquired"),

		/** The lock was not acquired within the time allowed (a single attempt allows none). */
		TIMEOUT("timeout"),

		/** Too many masters erred for a majority to be possible ({@code QuorumIsImpossibleException}). */
		QUORUM_LOST("quorum-lost"),

		/** The caller gave up waiting (cancelled or interrupted). */
		CANCELLED("cancelled"),

		/** Any other error. */
		ERROR("error"),

		/** The lock was released by its holder. */
		RELEASED("released"),

		/** The lock was no longer held by a majority when released, or its lease ran out before it was re-acquired. */
		LOST("lost"),

		/** The cache had the result. */
		HIT("hit"),

		/** The cache did not have the result. */
		MISS("miss"),

		/** A NextId issued an id. */
		ISSUED("issued");

		private final String value;

		Outcome(String value) {
			this.value = value;
		}

		/**
		 * The tag value.
		 * @return for example {@code quorum-lost}
		 */
		public String value() {
			return this.value;
		}

	}

}
