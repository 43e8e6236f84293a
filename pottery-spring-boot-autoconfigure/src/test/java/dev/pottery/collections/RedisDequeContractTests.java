package dev.pottery.collections;

import java.util.Arrays;
import java.util.Queue;

import com.google.common.collect.testing.QueueTestSuiteBuilder;
import com.google.common.collect.testing.TestStringQueueGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import junit.framework.Test;
import junit.framework.TestSuite;

/**
 * The JDK {@code Queue} contract, checked by Guava testlib's generated tests against {@link RedisDeque}s of strings,
 * unbounded and bounded (a maximum length the tests never reach). Declared: any size, general purpose, known order.
 * Not declared: null elements (rejected), {@code FAILS_FAST_ON_CONCURRENT_MODIFICATION} (weakly consistent
 * iterators), {@code SERIALIZABLE}. The {@code Deque} methods testlib has no builder for are covered by
 * {@link RedisDequeTests}.
 */
public class RedisDequeContractTests {

	public static Test suite() {
		TestSuite suite = new TestSuite("RedisDeque");
		suite.addTest(suite("RedisDeque<String>", -1));
		suite.addTest(suite("RedisDeque<String> maxLength 100", 100));
		return suite;
	}

	private static Test suite(String name, int maxLength) {
		return QueueTestSuiteBuilder.using(new TestStringQueueGenerator() {

			@Override
			protected Queue<String> create(String[] elements) {
				String key = ContractSupport.newKey();
				RedisDeque<String> deque = (maxLength < 0) ? ContractSupport.collections().deque(key, String.class)
						: ContractSupport.collections().deque(key, maxLength, String.class);
				deque.addAll(Arrays.asList(elements));
				return deque;
			}

		})
			.named(name)
			.withFeatures(CollectionSize.ANY, CollectionFeature.GENERAL_PURPOSE, CollectionFeature.KNOWN_ORDER)
			.withTearDown(ContractSupport::tearDown)
			.suppressing(ContractSupport.collectionToStringTests())
			.createTestSuite();
	}

}
