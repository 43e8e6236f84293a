package dev.pottery.collections;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.google.common.collect.testing.Helpers;
import com.google.common.collect.testing.MapTestSuiteBuilder;
import com.google.common.collect.testing.SampleElements;
import com.google.common.collect.testing.TestMapGenerator;
import com.google.common.collect.testing.features.CollectionFeature;
import com.google.common.collect.testing.features.CollectionSize;
import com.google.common.collect.testing.features.MapFeature;
import junit.framework.Test;

/**
 * The JDK {@code Map} contract, checked by Guava testlib's generated tests against {@link RedisCounter}s of strings
 * to {@code Long} counts, each on a fresh key. Declared and not declared as for {@link RedisMapContractTests}.
 */
public class RedisCounterContractTests {

	public static Test suite() {
		return MapTestSuiteBuilder.using(new CounterGenerator())
			.named("RedisCounter<String>")
			.withFeatures(CollectionSize.ANY, MapFeature.GENERAL_PURPOSE, MapFeature.ALLOWS_NULL_KEYS,
					MapFeature.ALLOWS_NULL_VALUE_QUERIES, CollectionFeature.SUPPORTS_ITERATOR_REMOVE)
			.withTearDown(ContractSupport::tearDown)
			.suppressing(ContractSupport.toStringTests())
			.createTestSuite();
	}

	/** Counters of strings with the counts 1 to 5 as sample values. */
	static final class CounterGenerator implements TestMapGenerator<String, Long> {

		@Override
		public SampleElements<Map.Entry<String, Long>> samples() {
			return new SampleElements<>(Helpers.mapEntry("one", 1L), Helpers.mapEntry("two", 2L),
					Helpers.mapEntry("three", 3L), Helpers.mapEntry("four", 4L), Helpers.mapEntry("five", 5L));
		}

		@Override
		@SuppressWarnings("unchecked")
		public Map<String, Long> create(Object... entries) {
			RedisCounter<String> counter = ContractSupport.collections()
				.counter(ContractSupport.newKey(), String.class);
			Map<String, Long> contents = new LinkedHashMap<>();
			for (Object entry : entries) {
				Map.Entry<String, Long> pair = (Map.Entry<String, Long>) entry;
				contents.put(pair.getKey(), pair.getValue());
			}
			counter.putAll(contents);
			return counter;
		}

		@Override
		@SuppressWarnings("unchecked")
		public Map.Entry<String, Long>[] createArray(int length) {
			return new Map.Entry[length];
		}

		@Override
		public Iterable<Map.Entry<String, Long>> order(List<Map.Entry<String, Long>> insertionOrder) {
			return insertionOrder;
		}

		@Override
		public String[] createKeyArray(int length) {
			return new String[length];
		}

		@Override
		public Long[] createValueArray(int length) {
			return new Long[length];
		}

	}

}
