package dev.pottery.observation;

/**
 * The context of a cache lookup ({@link PotteryObservation#CACHE_GET}); its key is the cache's name.
 *
 * <pre>{@code
 * CacheGetContext context = new CacheGetContext("fx-rates");
 * }</pre>
 *
 * @since 0.1.0
 */
public final class CacheGetContext extends PotteryContext {

	/**
	 * Create the context.
	 * @param key the name
	 */
	public CacheGetContext(String key) {
		super(key, 0);
	}

}
