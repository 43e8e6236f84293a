package dev.pottery.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations Pottery records through Micrometer's Observation API when an {@code ObservationRegistry} is
 * present: the names, their default conventions and their key names. With Micrometer's default meter handler each
 * becomes a timer of the same name (plus a long-task timer {@code <name>.active}) tagged with its low-cardinality
 * key values and {@code error}.
 *
 * <p><strong>Cardinality.</strong> Tags on metrics are bounded: the outcome, the number of masters, a cache's name
 * (the key given in code or in {@code @RedisCached}, {@value PotteryRecorder#RANDOM_CACHE} for caches with random
 * keys) and a master's masked URL. A lock's or NextId's name is unbounded (SpEL keys such as {@code invoice:42}): it
 * is the high-cardinality {@code pottery.key}, which goes to traces only, and only with
 * {@code pottery.observations.include-keys=true}, as Lettuce records command arguments only on request.
 *
 * <pre>{@code
 * Observation observation = PotteryObservation.LOCK_WAIT.observation(null,
 *         DefaultLockWaitObservationConvention.INSTANCE, () -> new LockWaitContext("printer", 5), registry);
 * }</pre>
 *
 * @since 0.1.0
 */
public enum PotteryObservation implements ObservationDocumentation {

	/**
	 * Waiting for a Redlock, from the start of an acquisition (including retries) until it is acquired or given up;
	 * {@code pottery.outcome} is {@code acquired}, {@code timeout}, {@code quorum-lost}, {@code cancelled} or
	 * {@code error}.
	 */
	LOCK_WAIT {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultLockWaitObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.OUTCOME, LowCardinalityKeyNames.MASTERS };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}
	},

	/**
	 * Holding a Redlock, from its acquisition until its release; {@code pottery.outcome} is {@code released},
	 * {@code lost} (a majority no longer held it, or it ran out and was acquired again), {@code quorum-lost} or
	 * {@code error}. A lock that is never released records nothing.
	 */
	LOCK_HELD {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultLockHeldObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.OUTCOME, LowCardinalityKeyNames.MASTERS };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}
	},

	/**
	 * One cache lookup (the round trip, not the computation on a miss) of a {@code RedisCache} or
	 * {@code @RedisCached} method; {@code pottery.outcome} is {@code hit}, {@code miss} or {@code error}, and
	 * {@code pottery.cache} names the cache. Bypassed calls are not lookups.
	 */
	CACHE_GET {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultCacheGetObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.OUTCOME, LowCardinalityKeyNames.CACHE };
		}
	},

	/**
	 * One {@code NextId.next()}; {@code pottery.outcome} is {@code issued}, {@code quorum-lost} (no majority after
	 * every try, or too many masters erred), {@code cancelled} or {@code error}.
	 */
	NEXT_ID {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultNextIdObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.OUTCOME, LowCardinalityKeyNames.MASTERS };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeyNames.values();
		}
	},

	/**
	 * One master that failed or did not answer within the master timeout in a quorum run (a Redlock or NextId
	 * command), tagged with the master's masked URL and, by the meter handler, {@code error}: count it; its duration
	 * is zero.
	 */
	QUORUM_ERROR {
		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultQuorumErrorObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeyNames.MASTER };
		}
	};

	/**
	 * Bounded tags, on metrics and traces.
	 */
	public enum LowCardinalityKeyNames implements KeyName {

		/** How the operation ended, for example {@code acquired}, {@code timeout}, {@code hit}. */
		OUTCOME {
			@Override
			public String asString() {
				return "pottery.outcome";
			}
		},

		/** How many masters the lock or NextId runs on. */
		MASTERS {
			@Override
			public String asString() {
				return "pottery.masters";
			}
		},

		/** The cache's name: its key as given in code or {@code @RedisCached}, or {@code random}. */
		CACHE {
			@Override
			public String asString() {
				return "pottery.cache";
			}
		},

		/** The master's URL, password masked. */
		MASTER {
			@Override
			public String asString() {
				return "pottery.master";
			}
		}

	}

	/**
	 * Unbounded key values, recorded on traces only and only with {@code pottery.observations.include-keys=true}.
	 */
	public enum HighCardinalityKeyNames implements KeyName {

		/** The lock's or NextId's name, without its Redis prefix. */
		KEY {
			@Override
			public String asString() {
				return "pottery.key";
			}
		}

	}

}
