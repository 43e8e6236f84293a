package dev.pottery.observation;

import java.util.concurrent.atomic.AtomicBoolean;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A {@link PotteryRecorder} that records Micrometer observations, documented by {@link PotteryObservation}. Each
 * observation is named and tagged by the user's convention when one is given, otherwise by the default convention;
 * with a no-op registry no context is built.
 *
 * <p>Thread-safe. Only use it with {@code micrometer-observation} on the classpath; Spring Boot creates one when an
 * {@link ObservationRegistry} bean exists.
 *
 * <pre>{@code
 * PotteryRecorder recorder = new ObservationPotteryRecorder(registry, ObservationPotteryRecorder.Conventions.defaults());
 * masters.setRecorder(recorder);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ObservationPotteryRecorder implements PotteryRecorder {

	private final ObservationRegistry registry;

	private final Conventions conventions;

	/**
	 * Create the recorder.
	 * @param registry where observations go
	 * @param conventions the conventions to use
	 */
	public ObservationPotteryRecorder(ObservationRegistry registry, Conventions conventions) {
		Assert.notNull(registry, "'registry' must not be null");
		Assert.notNull(conventions, "'conventions' must not be null");
		this.registry = registry;
		this.conventions = conventions;
	}

	@Override
	public Sample lockWait(String key, int masters) {
		return start(PotteryObservation.LOCK_WAIT.observation(this.conventions.lockWait(),
				this.conventions.defaultLockWait(), () -> new LockWaitContext(key, masters), this.registry));
	}

	@Override
	public Sample lockHeld(String key, int masters) {
		return start(PotteryObservation.LOCK_HELD.observation(this.conventions.lockHeld(),
				this.conventions.defaultLockHeld(), () -> new LockHeldContext(key, masters), this.registry));
	}

	@Override
	public Sample cacheGet(String cache) {
		return start(PotteryObservation.CACHE_GET.observation(this.conventions.cacheGet(),
				DefaultCacheGetObservationConvention.INSTANCE, () -> new CacheGetContext(cache), this.registry));
	}

	@Override
	public Sample nextId(String key, int masters) {
		return start(PotteryObservation.NEXT_ID.observation(this.conventions.nextId(),
				this.conventions.defaultNextId(), () -> new NextIdContext(key, masters), this.registry));
	}

	@Override
	public void quorumError(String master, Throwable error) {
		Observation observation = PotteryObservation.QUORUM_ERROR.observation(this.conventions.quorumError(),
				DefaultQuorumErrorObservationConvention.INSTANCE, () -> new QuorumErrorContext(master), this.registry);
		observation.start().error(error).stop();
	}

	private static Sample start(Observation observation) {
		observation.start();
		if (observation.isNoop()) {
			return Sample.NONE;
		}
		return new ObservedSample(observation);
	}

	@Override
	public String toString() {
		return "ObservationPotteryRecorder{registry=" + this.registry + "}";
	}

	/** Stops its observation once. */
	private static final class ObservedSample implements Sample {

		private final Observation observation;

		private final AtomicBoolean stopped = new AtomicBoolean();

		ObservedSample(Observation observation) {
			this.observation = observation;
		}

		@Override
		public void stop(Outcome outcome, @Nullable Throwable error) {
			if (!this.stopped.compareAndSet(false, true)) {
				return;
			}
			if (this.observation.getContext() instanceof PotteryContext context) {
				context.setOutcome(outcome);
			}
			if (error != null) {
				this.observation.error(error);
			}
			this.observation.stop();
		}

	}

	/**
	 * The user's conventions (each {@code null} for the default) and whether default conventions record names.
	 *
	 * @param lockWait the convention for {@link PotteryObservation#LOCK_WAIT}, or {@code null}
	 * @param lockHeld the convention for {@link PotteryObservation#LOCK_HELD}, or {@code null}
	 * @param cacheGet the convention for {@link PotteryObservation#CACHE_GET}, or {@code null}
	 * @param nextId the convention for {@link PotteryObservation#NEXT_ID}, or {@code null}
	 * @param quorumError the convention for {@link PotteryObservation#QUORUM_ERROR}, or {@code null}
	 * @param includeKeys whether the default conventions record lock and NextId names as the high-cardinality
	 * {@code pottery.key}
	 * @since 0.1.0
	 */
	public record Conventions(@Nullable LockWaitObservationConvention lockWait,
			@Nullable LockHeldObservationConvention lockHeld, @Nullable CacheGetObservationConvention cacheGet,
			@Nullable NextIdObservationConvention nextId, @Nullable QuorumErrorObservationConvention quorumError,
			boolean includeKeys) {

		/**
		 * The default conventions, without names.
		 * @return the conventions
		 */
		public static Conventions defaults() {
			return new Conventions(null, null, null, null, null, false);
		}

		DefaultLockWaitObservationConvention defaultLockWait() {
			return this.includeKeys ? new DefaultLockWaitObservationConvention(true)
					: DefaultLockWaitObservationConvention.INSTANCE;
		}

		DefaultLockHeldObservationConvention defaultLockHeld() {
			return this.includeKeys ? new DefaultLockHeldObservationConvention(true)
					: DefaultLockHeldObservationConvention.INSTANCE;
		}

		DefaultNextIdObservationConvention defaultNextId() {
			return this.includeKeys ? new DefaultNextIdObservationConvention(true)
					: DefaultNextIdObservationConvention.INSTANCE;
		}

	}

}
