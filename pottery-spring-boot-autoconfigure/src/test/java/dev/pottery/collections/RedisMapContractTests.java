package dev.pottery.collections;

import java.util.LinkedHashMap;
import java.util.Map;

import com.google.common.collect.testing.ConcurrentMapTestSuiteBuilder;
import com.google.common.collect.testing.TestStringMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import junit.framework.Test;

/**
 * The JDK {@code ConcurrentMap} contract, checked by Guava testlib's generated tests against {@link RedisMap}s of
 * strings (run by the JUnit Vintage engine), each on a fresh key. Declared: any size, general purpose (put, remove),
 * iterator remove, null keys and null values (pottery's {@code None}, as the {@link RedisMap} Javadoc states). Not
 * declared:
 * {@code FAILS_FAST_ON_CONCURRENT_MODIFICATION} (iterators are weakly consistent), {@code KNOWN_ORDER} (hash order),
 * {@code SERIALIZABLE}. Suppressed: the three {@code toString} tests, since {@code toString} shows the stored JSON
 * pottery-style ({@code RedisMap{"one": "January"}}), as the {@link RedisMap} Javadoc states.
 */
public class RedisMapContractTests {

	public static Test suite() {
		return ConcurrentMapTestSuiteBuilder.using(new TestStringMapGenerator() {

			@Override
			protected Map<String, String> create(Map.Entry<String, String>[] entries) {
				RedisMap<String, String> map = ContractSupport.collections()
					.map(ContractSupport.newKey(), String.class, String.class);
				Map<String, String> contents = new LinkedHashMap<>();
				for (Map.Entry<String, String> entry : entries) {
					contents.put(entry.getKey(), entry.getValue());
				}
				map.putAll(contents);
				return map;
			}

		})
			.named("RedisMap<String, String>")
			.withFeatures(CollectionSize.ANY, MapFeature.GENERAL_PURPOSE, MapFeature.ALLOWS_NULL_KEYS,
					MapFeature.ALLOWS_NULL_VALUES, CollectionFeature.SUPPORTS_ITERATOR_REMOVE)
			.withTearDown(ContractSupport::tearDown)
			.suppressing(ContractSupport.toStringTests())
			.createTestSuite();
	}

}
