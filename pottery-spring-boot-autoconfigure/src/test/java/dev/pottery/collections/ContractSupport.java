package dev.pottery.collections;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import com.google.common.collect.testing.testers.CollectionToStringTester;
import com.google.common.collect.testing.testers.MapToStringTester;
import dev.pottery.Pottery;
import dev.pottery.test.RedisServer;
import dev.pottery.test.SharedRedisServer;

/** The shared server, factory and keys of the Guava testlib suites: a fresh key per structure, deleted at tear-down. */
final class ContractSupport {

	private static final List<String> keys = new ArrayList<>();

	private ContractSupport() {
	}

	static RedisServer redis() {
		return SharedRedisServer.get();
	}

	static Pottery collections() {
		return Holder.COLLECTIONS;
	}

	/**
	 * The testlib tests that expect {@code AbstractMap}'s {@code toString}: ours shows the stored JSON, pottery-style
	 * ({@code RedisMap{"one": "January"}}), as the {@link RedisMap} Javadoc states.
	 */
	static Method[] toStringTests() {
		try {
			return new Method[] { MapToStringTester.class.getMethod("testToString_formatting"),
					MapToStringTester.class.getMethod("testToString_size0"),
					MapToStringTester.class.getMethod("testToString_size1"),
					MapToStringTester.class.getMethod("testToStringWithNullKey"),
					MapToStringTester.class.getMethod("testToStringWithNullValue") };
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * The {@code CollectionToStringTester} tests of the exact {@code [a, b]} format: the Redis collections show
	 * the stored JSON with their type name, pottery-style ({@code RedisList[1, 4, 9]}).
	 */
	static Method[] collectionToStringTests() {
		try {
			return new Method[] { CollectionToStringTester.class.getMethod("testToString_size0"),
					CollectionToStringTester.class.getMethod("testToString_size1"),
					CollectionToStringTester.class.getMethod("testToString_sizeSeveral"),
					CollectionToStringTester.class.getMethod("testToString_null") };
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
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

		static final Pottery COLLECTIONS = Pottery.create(redis().connectionFactory());

	}

}
