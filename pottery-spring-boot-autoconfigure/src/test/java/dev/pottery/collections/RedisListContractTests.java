package dev.pottery.collections;

import java.util.Arrays;
import java.util.List;

import com.google.common.collect.testing.ListTestSuiteBuilder;
import com.google.common.collect.testing.TestStringListGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.ListFeature;
import junit.framework.Test;

/**
 * The JDK {@code List} contract, checked by Guava testlib's generated tests (including the derived
 * {@code subList} suites) against {@link RedisList}s of strings. Declared: any size, general purpose (add, remove,
 * set, add and remove by index, iterator remove), null elements, known order. Not declared:
 * {@code FAILS_FAST_ON_CONCURRENT_MODIFICATION} (iterators are weakly consistent, see the {@link RedisList} Javadoc),
 * {@code SERIALIZABLE}.
 */
public class RedisListContractTests {

	public static Test suite() {
		return ListTestSuiteBuilder.using(new TestStringListGenerator() {

			@Override
			protected List<String> create(String[] elements) {
				RedisList<String> list = ContractSupport.collections().list(ContractSupport.newKey(),
						String.class);
				list.addAll(Arrays.asList(elements));
				return list;
			}

		})
			.named("RedisList<String>")
			.withFeatures(CollectionSize.ANY, ListFeature.GENERAL_PURPOSE, CollectionFeature.ALLOWS_NULL_VALUES,
					CollectionFeature.KNOWN_ORDER)
			.withTearDown(ContractSupport::tearDown)
			.suppressing(ContractSupport.collectionToStringTests())
			.createTestSuite();
	}

}
