package dev.pottery.cache;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Memoizes the annotated method into Redis: pottery's {@code redis_cache()} decorator over a {@link RedisCache}.
 * One Redis hash per cache (key {@link #key()}); the field of a call is the canonical JSON array of its arguments,
 * so equal arguments hit the same entry from every JVM; the value is the canonical JSON of the result, read back
 * into the method's (generic) return type. {@code null} results are cached too.
 *
 * <p>A hit costs one round trip, the sliding timeout included; a miss costs two (lookup, store). Use
 * {@link PotteryCaches} for statistics, clearing and forced recomputation. Applies to public methods of Spring
 * beans called through their proxy; results of asynchronous types ({@code CompletionStage}, {@code Mono},
 * {@code Flux}) are not cached (the method is called as if not annotated, and a warning is logged once).
 *
 * <pre>{@code
 * @RedisCached(key = "fx-rates", timeout = "10m")
 * public Rates rates(String currency) {
 *     return fetchRates(currency);                 // called once per currency per 10 minutes of idleness
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface RedisCached {

	/**
	 * The Redis key of the cache's hash. Empty: the method's qualified name, for example
	 * {@code com.acme.Rates.rates}.
	 * @return the key
	 */
	String key() default "";

	/**
	 * Sliding timeout: the hash expires this long after its last access, as a duration ({@code 10m}, {@code 30s},
	 * {@code PT1H}); {@code 0} never expires. Empty: {@code pottery.cache.default-timeout} (60 s, as pottery).
	 * @return the timeout
	 */
	String timeout() default "";

	/**
	 * SpEL over the arguments ({@code #currency}, {@code #p0}); the cache is used only when it is {@code true}.
	 * Empty: always.
	 * @return the condition
	 */
	String condition() default "";

	/**
	 * SpEL over the arguments and {@code #result}; a computed result is not stored when it is {@code true}.
	 * Empty: always stored.
	 * @return the veto
	 */
	String unless() default "";

}
