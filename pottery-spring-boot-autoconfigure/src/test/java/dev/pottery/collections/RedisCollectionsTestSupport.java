package dev.pottery.collections;

import java.util.ArrayList;
import java.util.List;

import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;

/** The set-up of the structure tests: the server, a {@link RedisCollections} on it, keys deleted after each test. */
abstract class RedisCollectionsTestSupport {

	final RedisServer redis;

	final RedisCollections collections;

	private final List<String> keys = new ArrayList<>();

	RedisCollectionsTestSupport(RedisServer redis) {
		this.redis = redis;
		this.collections = RedisCollections.create(redis.connectionFactory());
	}

	/** A fresh key, deleted after the test. */
	String newKey() {
		String key = this.redis.newKey();
		this.keys.add(key);
		return key;
	}

	@AfterEach
	void deleteKeys() {
		this.redis.commands().del(this.keys.toArray(String[]::new));
	}

}
