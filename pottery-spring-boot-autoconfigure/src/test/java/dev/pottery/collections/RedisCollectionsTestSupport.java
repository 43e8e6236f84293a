package dev.pottery.collections;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import dev.pottery.Pottery;
import dev.pottery.internal.collections.StreamRedisSimpleQueue;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;

/** The set-up of the structure tests: the server, a {@link Pottery} on it, keys deleted after each test. */
abstract class RedisCollectionsTestSupport {

	final RedisServer redis;

	final Pottery collections;

	private final List<String> keys = new ArrayList<>();

	RedisCollectionsTestSupport(RedisServer redis) {
		this.redis = redis;
		this.collections = Pottery.create(redis.connectionFactory());
	}

	/** A fresh key, deleted after the test. */
	String newKey() {
		String key = this.redis.newKey();
		this.keys.add(key);
		return key;
	}

	/**
	 * Run {@code action} {@code perThread} times on each of {@code threads} threads, waiting up to {@code minutes}
	 * for each thread; rethrow the first failure.
	 */
	static void repeatOnThreads(int threads, int perThread, long minutes, Runnable action) throws Exception {
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				futures.add(executor.submit(() -> {
					for (int i = 0; i < perThread; i++) {
						action.run();
					}
				}));
			}
			for (Future<?> future : futures) {
				future.get(minutes, TimeUnit.MINUTES);
			}
		}
		finally {
			executor.shutdownNow();
		}
	}

	@AfterEach
	void deleteKeys() {
		List<String> all = new ArrayList<>(this.keys);
		// a queue's companion keys (claims, dead letters)
		for (String key : this.keys) {
			all.add(key + StreamRedisSimpleQueue.CLAIMS_SUFFIX);
			all.add(key + StreamRedisSimpleQueue.DEAD_SUFFIX);
		}
		this.redis.commands().del(all.toArray(String[]::new));
	}

}
