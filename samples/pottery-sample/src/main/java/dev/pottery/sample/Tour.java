package dev.pottery.sample;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pottery.Pottery;
import dev.pottery.cache.PotteryCaches;
import dev.pottery.cache.RedisCache;
import dev.pottery.collections.RedisMap;
import dev.pottery.lock.Redlock;
import dev.pottery.probabilistic.BloomFilter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;

/**
 * What the sample does once started: uses each kind of Pottery bean once, logs it, and deletes the keys it wrote.
 */
@Component
class Tour implements ApplicationRunner {

	private static final Log logger = LogFactory.getLog(Tour.class);

	private final RedisMap<String, Integer> tel;

	private final BloomFilter<String> dilberts;

	private final Pottery pottery;

	private final Billing billing;

	private final FxRates fxRates;

	private final PotteryCaches caches;

	private final StringRedisTemplate redis;

	private @Nullable Report report;

	Tour(@Qualifier("tel") RedisMap<String, Integer> tel, @Qualifier("dilberts") BloomFilter<String> dilberts,
			Pottery pottery, Billing billing, FxRates fxRates, PotteryCaches caches, StringRedisTemplate redis) {
		this.tel = tel;
		this.dilberts = dilberts;
		this.pottery = pottery;
		this.billing = billing;
		this.fxRates = fxRates;
		this.caches = caches;
		this.redis = redis;
	}

	@Override
	public void run(ApplicationArguments args) throws InterruptedException {
		try {
			this.report = tour();
			logger.info("Done: " + this.report);
		}
		finally {
			cleanUp();
		}
	}

	private Report tour() throws InterruptedException {
		// a ConcurrentMap in the Redis hash "tel", declared in application.yml
		this.tel.put("jack", 4098);
		this.tel.put("sape", 4139);
		this.tel.merge("jack", 1, Integer::sum);                // atomic in Redis: no lost update across JVMs
		Map<String, Integer> phones = this.tel.toMap();
		logger.info("tel: " + this.tel);

		// a Bloom filter in the Redis string "dilberts", sized for 100 names at 1 % false positives
		this.dilberts.addAll(List.of("rajiv", "raj", "dan"));
		List<Boolean> seen = this.dilberts.containsMany("rajiv", "eric");  // [true, false]
		logger.info("dilberts: rajiv, eric seen before? " + seen);

		// a Redlock from the facade: one holder at a time across every machine
		try (Redlock.Held held = this.pottery.redlock("printer").acquire()) {
			logger.info("Printing while holding " + held.lock());
		}

		// ids that are never issued twice and increase, across machines
		long orderId = this.pottery.nextId("orders").next();
		logger.info("Order id: " + orderId);

		// @Synchronized: four clerks settle invoice 42 at once; its Redlock lets them in one at a time
		List<Thread> clerks = new ArrayList<>();
		for (int i = 0; i < 4; i++) {
			clerks.add(new Thread(() -> this.billing.settle(42)));
		}
		clerks.forEach(Thread::start);
		for (Thread clerk : clerks) {
			clerk.join();
		}
		logger.info("Invoice 42 settled " + this.billing.settlements() + " times, by at most "
				+ this.billing.mostInside() + " clerk at a time");

		// @RedisCached: the first call computes and stores, the second reads Redis
		Rates first = this.fxRates.rates("EUR");
		Rates second = this.fxRates.rates("EUR");
		RedisCache.CacheInfo fx = this.caches.info("fx-rates");
		logger.info("Rates " + second + " (equal: " + first.equals(second) + "), upstream called "
				+ this.fxRates.upstreamCalls() + " time(s); cache " + fx);

		return new Report(phones, seen, orderId, this.billing.settlements(), this.billing.mostInside(),
				this.fxRates.upstreamCalls(), fx);
	}

	private void cleanUp() {
		this.pottery.nextId("orders").reset();                  // deletes nextid:orders on every master
		this.redis.delete(List.of(this.tel.key(), this.dilberts.key(), this.dilberts.key() + ":bloom-params",
				"fx-rates"));
		logger.info("Deleted the sample's keys");
	}

	/**
	 * What the last run of the tour saw, for the tests.
	 * @return the report, or {@code null} before the application has run
	 */
	@Nullable Report report() {
		return this.report;
	}

	/**
	 * What the tour saw.
	 * @param tel the map's contents after the writes
	 * @param dilberts whether the filter had seen "rajiv" and "eric"
	 * @param orderId the id NextId issued
	 * @param settlements how often invoice 42 was settled
	 * @param mostClerksInside the most clerks inside {@code settle} at once
	 * @param upstreamCalls how often the cached method really ran
	 * @param fxRates the cache's statistics after the two calls
	 */
	record Report(Map<String, Integer> tel, List<Boolean> dilberts, long orderId, int settlements,
			int mostClerksInside, int upstreamCalls, RedisCache.CacheInfo fxRates) {
	}

}
