package dev.pottery.collections;

import java.util.Arrays;
import java.util.Queue;

import com.google.common.collect.testing.QueueTestSuiteBuilder;
import com.google.common.collect.testing.TestStringQueueGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import junit.framework.Test;

/**
 * The JDK {@code Queue} contract, checked by Guava testlib's generated tests against {@link RedisSimpleQueue}s of
 * strings. Declared: any size, general purpose (add, remove, iterator remove), known order (FIFO). Not declared:
 * null elements (rejected), {@code FAILS_FAST_ON_CONCURRENT_MODIFICATION} (weakly consistent iterators),
 * {@code SERIALIZABLE}. The {@code BlockingQueue} methods testlib has no builder for are covered by
 * {@link RedisSimpleQueueTests}.
 */
public class RedisSimpleQueueContractTests {

	public static Test suite() {
		return QueueTestSuiteBuilder.using(new TestStringQueueGenerator() {

			@Override
			protected Queue<String> create(String[] elements) {
				RedisSimpleQueue<String> queue = ContractSupport.collections()
					.queue(ContractSupport.newKey(), String.class);
				queue.addAll(Arrays.asList(elements));
				return queue;
			}

		})
			.named("RedisSimpleQueue<String>")
			.withFeatures(CollectionSize.ANY, CollectionFeature.GENERAL_PURPOSE, CollectionFeature.KNOWN_ORDER)
			.withTearDown(ContractSupport::tearDown)
			.createTestSuite();
	}

}
