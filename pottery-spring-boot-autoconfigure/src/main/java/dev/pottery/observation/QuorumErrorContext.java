package dev.pottery.observation;

/**
 * The context of one master's error in a quorum run ({@link PotteryObservation#QUORUM_ERROR}); its key is the master's masked URL.
 *
 * <pre>{@code
 * QuorumErrorContext context = new QuorumErrorContext("redis://r1:6379");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class QuorumErrorContext extends PotteryContext {

	/**
	 * Create the context.
	 * @param key the name
	 */
	public QuorumErrorContext(String key) {
		super(key, 0);
	}

}
