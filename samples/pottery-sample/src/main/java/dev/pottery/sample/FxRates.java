package dev.pottery.sample;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pottery.cache.RedisCached;

import org.springframework.stereotype.Service;

/**
 * Exchange rates, memoized in the Redis hash {@code fx-rates} for every JVM of the application.
 */
@Service
public class FxRates {

	private final AtomicInteger upstreamCalls = new AtomicInteger();

	@RedisCached(key = "fx-rates", timeout = "10m")
	public Rates rates(String currency) {
		this.upstreamCalls.incrementAndGet();                  // the slow remote call we want to make rarely
		return new Rates(currency, Map.of("USD", 1.08, "GBP", 0.86));
	}

	/**
	 * How often {@link #rates(String)} really ran (cache misses, in this JVM).
	 * @return the count
	 */
	public int upstreamCalls() {
		return this.upstreamCalls.get();
	}

}
