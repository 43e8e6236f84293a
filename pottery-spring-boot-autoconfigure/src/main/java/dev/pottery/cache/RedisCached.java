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
 * <p><b>Timeout.</b> The timeout slides the expiry of the cache's <em>whole hash</em>, not of each entry
 * (pottery's semantics): every call, hit or miss, sets the hash to expire {@code timeout} later. Entries have no
 * expiry of their own, so a result stays cached for as long as the method (with any arguments) is called at least
 * once per {@code timeout}, and all results are dropped together once it is not. Refresh one result with
 * {@link PotteryCaches#evict(String, Object...)}, or all with {@link PotteryCaches#clear(String)}.
 *
 * <p><b>Undecodable values.</b> A cached value that can no longer be read into the return type (the type changed,
 * another writer stored something else) is a miss: the method runs and its result overwrites the value; a warning is
 * logged once per cache.
 *
 * <pre>{@code
 * @RedisCached(key = "fx-rates", timeout = "10m")
 * public Rates rates(String currency) {
 *     return fetchRates(currency);   // at most once per currency while fx-rates is used at least every 10 minutes
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
