package dev.pottery.observation;

/**
 * The context of one {@code NextId.next()} ({@link PotteryObservation#NEXT_ID}).
 *
 * <pre>{@code
 * NextIdContext context = new NextIdContext("printer", 5);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class NextIdContext extends PotteryContext {

	/**
	 * Create the context.
	 * @param key the name (without its Redis prefix)
	 * @param masters how many masters take part
	 */
	public NextIdContext(String key, int masters) {
		super(key, masters);
	}

}
