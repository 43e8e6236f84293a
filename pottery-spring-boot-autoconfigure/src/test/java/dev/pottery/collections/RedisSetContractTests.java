package dev.pottery.collections;

import java.util.Arrays;
import java.util.Set;

import com.google.common.collect.testing.SetTestSuiteBuilder;
import com.google.common.collect.testing.TestStringSetGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import junit.framework.Test;

/**
 * The JDK {@code Set} contract, checked by Guava testlib's generated tests against {@link RedisSet}s of strings
 * (run by the JUnit Vintage engine). Declared: any size, general purpose (add, remove, iterator remove), null
 * elements. Not declared: {@code KNOWN_ORDER} (Redis sets are unordered), {@code FAILS_FAST_ON_CONCURRENT_MODIFICATION}
 * (iterators are weakly consistent, see the {@link RedisSet} Javadoc), {@code SERIALIZABLE}.
 */
public class RedisSetContractTests {

	public static Test suite() {
		return SetTestSuiteBuilder.using(new TestStringSetGenerator() {

			@Override
			protected Set<String> create(String[] elements) {
				RedisSet<String> set = ContractSupport.collections().set(ContractSupport.newKey(),
						String.class);
				set.addAll(Arrays.asList(elements));
				return set;
			}

		})
			.named("RedisSet<String>")
			.withFeatures(CollectionSize.ANY, CollectionFeature.GENERAL_PURPOSE, CollectionFeature.ALLOWS_NULL_VALUES)
			.withTearDown(ContractSupport::tearDown)
			.suppressing(ContractSupport.collectionToStringTests())
			.createTestSuite();
	}

}
