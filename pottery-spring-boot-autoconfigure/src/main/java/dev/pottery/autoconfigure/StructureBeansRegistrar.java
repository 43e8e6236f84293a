package dev.pottery.autoconfigure;

import java.util.Map;
import java.util.function.Function;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.PotteryProperties.Structure;
import dev.pottery.autoconfigure.PotteryProperties.StructureType;
import dev.pottery.collections.RedisCounter;
import dev.pottery.collections.RedisDeque;
import dev.pottery.collections.RedisList;
import dev.pottery.collections.RedisMap;
import dev.pottery.collections.RedisSet;
import dev.pottery.collections.RedisSimpleQueue;
import dev.pottery.id.NextId;
import dev.pottery.lock.Redlock;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.probabilistic.HyperLogLog;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.Assert;

/**
 * Registers one bean per entry of {@code pottery.structures}, named by the entry and typed with its generics
 * ({@code RedisMap<String, Integer>}), so that both {@code @Qualifier("tel")} and injection by generic type work.
 * Misconfigured entries fail at startup with the property and the fix. Redlocks are prototype beans (an instance
 * tracks one holder); everything else is a singleton created from the {@link Pottery} facade.
 */
final class StructureBeansRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanClassLoaderAware {

	private static final String PREFIX = "pottery.structures.";

	private @Nullable Environment environment;

	private @Nullable ClassLoader classLoader;

	@Override
	public void setEnvironment(Environment environment) {
		this.environment = environment;
	}

	@Override
	public void setBeanClassLoader(ClassLoader classLoader) {
		this.classLoader = classLoader;
	}

	@Override
	public void registerBeanDefinitions(AnnotationMetadata metadata, BeanDefinitionRegistry registry) {
		Assert.state(this.environment != null, "No environment");
		Assert.state(registry instanceof BeanFactory, "The bean registry must be a bean factory");
		BeanFactory beanFactory = (BeanFactory) registry;
		Binder binder = Binder.get(this.environment);
		String keyPrefix = binder.bind("pottery.key-prefix", String.class).orElse("");
		Map<String, Structure> structures = binder
			.bind("pottery.structures", Bindable.mapOf(String.class, Structure.class))
			.orElse(Map.of());
		structures.forEach((name, structure) -> {
			Definition definition = define(name, structure, keyPrefix);
			RootBeanDefinition bean = new RootBeanDefinition();
			bean.setTargetType(definition.type());
			bean.setInstanceSupplier(() -> create(name, definition, beanFactory.getBean(Pottery.class)));
			if (structure.getType() == StructureType.REDLOCK) {
				bean.setScope(BeanDefinition.SCOPE_PROTOTYPE);
			}
			bean.setDescription("Pottery structure from " + PREFIX + name);
			registry.registerBeanDefinition(name, bean);
		});
	}

	private static Object create(String name, Definition definition, Pottery pottery) {
		try {
			return definition.factory().apply(pottery);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPotteryPropertyException(PREFIX + name, null, ex.getMessage(),
					"correct the structure's settings (see the README's table of pottery.structures fields)", ex);
		}
	}

	private Definition define(String name, Structure structure, String keyPrefix) {
		StructureType type = structure.getType();
		if (type == null) {
			throw new InvalidPotteryPropertyException(PREFIX + name + ".type", null, "the type is missing",
					"set it to one of map, set, list, deque, counter, queue, bloom-filter, hyper-log-log, next-id, "
							+ "redlock");
		}
		String key = keyPrefix + ((structure.getKey() != null && !structure.getKey().isEmpty()) ? structure.getKey()
				: name);
		ResolvableType element = typeOf(name, "element-type",
				(structure.getElementType() != null) ? structure.getElementType() : structure.getKeyType());
		return switch (type) {
			case MAP -> {
				ResolvableType keyType = typeOf(name, "key-type", structure.getKeyType());
				ResolvableType valueType = typeOf(name, "value-type", structure.getValueType());
				yield new Definition(generic(RedisMap.class, keyType, valueType),
						(pottery) -> pottery.collections().map(key, keyType, valueType));
			}
			case SET -> new Definition(generic(RedisSet.class, element),
					(pottery) -> pottery.collections().set(key, element));
			case LIST -> new Definition(generic(RedisList.class, element),
					(pottery) -> pottery.collections().list(key, element));
			case DEQUE -> {
				Integer maxLength = structure.getMaxLength();
				if (maxLength != null && maxLength < 0) {
					throw new InvalidPotteryPropertyException(PREFIX + name + ".max-length", maxLength.toString(),
							"a maximum length cannot be negative", "use 0 or more, or leave it out for no bound");
				}
				yield new Definition(generic(RedisDeque.class, element),
						(pottery) -> (maxLength != null) ? pottery.collections().deque(key, maxLength, element)
								: pottery.collections().deque(key, element));
			}
			case COUNTER -> new Definition(generic(RedisCounter.class, element),
					(pottery) -> pottery.collections().counter(key, element));
			case QUEUE -> new Definition(generic(RedisSimpleQueue.class, element),
					(pottery) -> pottery.collections().queue(key, element));
			case BLOOM_FILTER -> {
				long numElements = required(name, "num-elements", structure.getNumElements(), "for example 1000");
				double falsePositives = required(name, "false-positives", structure.getFalsePositives(),
						"a rate between 0 and 1, for example 0.01");
				if (numElements <= 0) {
					throw new InvalidPotteryPropertyException(PREFIX + name + ".num-elements",
							Long.toString(numElements), "a bloom-filter is sized for at least one element",
							"use a positive number, for example 1000");
				}
				if (!(falsePositives > 0 && falsePositives < 1)) {
					throw new InvalidPotteryPropertyException(PREFIX + name + ".false-positives",
							Double.toString(falsePositives), "a false-positive rate must lie strictly between 0 and 1",
							"use a rate between 0 and 1, for example 0.01");
				}
				yield new Definition(generic(BloomFilter.class, element),
						(pottery) -> pottery.probabilistic().bloomFilter(key, numElements, falsePositives, element));
			}
			case HYPER_LOG_LOG -> new Definition(generic(HyperLogLog.class, element),
					(pottery) -> pottery.probabilistic().hyperLogLog(key, element));
			case NEXT_ID -> new Definition(ResolvableType.forClass(NextId.class), (pottery) -> pottery.nextId(key));
			case REDLOCK -> new Definition(ResolvableType.forClass(Redlock.class), (pottery) -> pottery.redlock(key));
		};
	}

	private ResolvableType typeOf(String name, String field, @Nullable String typeName) {
		return TypeNames.resolve(PREFIX + name + "." + field, typeName, this.classLoader);
	}

	private static <T> T required(String name, String field, @Nullable T value, String example) {
		if (value == null) {
			throw new InvalidPotteryPropertyException(PREFIX + name + "." + field, null,
					"a bloom-filter needs " + field, "set " + PREFIX + name + "." + field + ", " + example);
		}
		return value;
	}

	private static ResolvableType generic(Class<?> type, ResolvableType... arguments) {
		return ResolvableType.forClassWithGenerics(type, arguments);
	}

	/** A structure bean: its full generic type and how to create it. */
	private record Definition(ResolvableType type, Function<Pottery, Object> factory) {
	}

}
