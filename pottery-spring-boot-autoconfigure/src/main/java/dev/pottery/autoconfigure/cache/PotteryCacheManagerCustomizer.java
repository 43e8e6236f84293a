package dev.pottery.autoconfigure.cache;

import dev.pottery.cache.PotteryCacheManager;

/**
 * Customizes the auto-configured {@link PotteryCacheManager} before it is built, typically to declare the value type
 * (and timeout) of each cache.
 *
 * <pre>{@code
 * @Bean
 * PotteryCacheManagerCustomizer fxCaches() {
 *     return (builder) -> builder.cache("fx-quotes", Quote.class, Duration.ofMinutes(10));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PotteryCacheManagerCustomizer {

	/**
	 * Customize the builder.
	 * @param builder the builder of the cache manager
	 */
	void customize(PotteryCacheManager.Builder builder);

}
