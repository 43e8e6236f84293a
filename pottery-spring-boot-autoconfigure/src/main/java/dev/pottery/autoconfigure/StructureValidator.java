package dev.pottery.autoconfigure;

import java.util.Collection;
import java.util.List;
import java.util.Map;

import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.probabilistic.HyperLogLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;

/**
 * With {@code pottery.validate-on-startup=true}: once every singleton exists, touches each structure of
 * {@code pottery.structures} with one cheap command (its size; a Bloom filter's parameter check), so that an
 * unreachable Redis, a wrong password, a key holding another Redis type or a Bloom filter sized differently fails
 * startup with a {@link StructureValidationFailureAnalyzer report} instead of failing the first use. NextIds and
 * Redlocks live on the Redlock masters and are left to the {@code pottery} health.
 */
final class StructureValidator implements SmartInitializingSingleton {

	static final String BEAN_NAME = "dev.pottery.autoconfigure.structureValidator";

	private static final Log logger = LogFactory.getLog(StructureValidator.class);

	private final List<String> names;

	private final ListableBeanFactory beanFactory;

	StructureValidator(String names, ListableBeanFactory beanFactory) {
		this.names = List.of(names.split(","));
		this.beanFactory = beanFactory;
	}

	@Override
	public void afterSingletonsInstantiated() {
		for (String name : this.names) {
			if (!this.beanFactory.isSingleton(name)) {
				continue;
			}
			Object structure = this.beanFactory.getBean(name);
			try {
				check(structure);
			}
			catch (RuntimeException ex) {
				throw new StructureValidationException(name, structure.toString(), ex);
			}
			if (logger.isDebugEnabled()) {
				logger.debug("Validated " + StructureBeans.PREFIX + name + " at startup");
			}
		}
	}

	private static void check(Object structure) {
		if (structure instanceof BloomFilter<?> filter) {
			filter.containsMany(List.of());
		}
		else if (structure instanceof HyperLogLog<?> hll) {
			hll.size();
		}
		else if (structure instanceof Map<?, ?> map) {
			map.size();
		}
		else if (structure instanceof Collection<?> collection) {
			collection.size();
		}
	}

}
