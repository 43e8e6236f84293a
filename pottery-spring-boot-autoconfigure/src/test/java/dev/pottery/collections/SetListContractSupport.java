package dev.pottery.collections;

import java.util.ArrayList;
import java.util.List;

import dev.pottery.test.RedisServer;
import dev.pottery.test.SharedRedisServer;

/**
 * The shared server, factory and key bookkeeping of the Guava testlib suites for sets, lists, deques and queues:
 * every generated collection gets a fresh key, and the suite's tear-down deletes the keys of the test.
 */
final class SetListContractSupport {

	private static final List<String> keys = new ArrayList<>();

	private SetListContractSupport() {
	}

	static RedisServer redis() {
		return SharedRedisServer.get();
	}

	static RedisCollections collections() {
		return Holder.COLLECTIONS;
	}

	/** A fresh key, deleted by {@link #tearDown()}. */
	static synchronized String newKey() {
		String key = redis().newKey();
		keys.add(key);
		return key;
	}

	/** Delete the keys created since the last tear-down. */
	static synchronized void tearDown() {
		if (!keys.isEmpty()) {
			redis().commands().del(keys.toArray(String[]::new));
			keys.clear();
		}
	}

	private static final class Holder {

		static final RedisCollections COLLECTIONS = RedisCollections.create(redis().connectionFactory());

	}

}
