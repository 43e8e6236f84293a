package dev.pottery.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What a Pottery observation knows: the name of what was observed (a lock's or NextId's name, a cache's name or a
 * master's masked URL), how many masters take part, and how it ended. Conventions read it; it is built only when an
 * observation is really recorded.
 *
 * <p>Not thread-safe; one context belongs to one observation.
 *
 * <pre>{@code
 * String key = context.getKey();   // "printer" for the lock redlock:printer
 * }</pre>
 *
 * @since 0.1.0
 */
public abstract class PotteryContext extends Observation.Context {

	private final String key;

	private final int masters;

	private PotteryRecorder.@Nullable Outcome outcome;

	PotteryContext(String key, int masters) {
		this.key = key;
		this.masters = masters;
	}

	/**
	 * The name of what is observed: a lock's or NextId's name, a cache's name, or a master's masked URL.
	 * @return the name (high cardinality for locks and NextIds)
	 */
	public String getKey() {
		return this.key;
	}

	/**
	 * How many masters take part.
	 * @return N, or 0 where there are no masters (caches, quorum errors)
	 */
	public int getMasters() {
		return this.masters;
	}

	/**
	 * How the operation ended.
	 * @return the outcome, {@code null} while it runs
	 */
	public PotteryRecorder.@Nullable Outcome getOutcome() {
		return this.outcome;
	}

	/**
	 * Set how the operation ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(PotteryRecorder.Outcome outcome) {
		this.outcome = outcome;
	}

}
