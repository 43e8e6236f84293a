package dev.pottery.autoconfigure;

import java.util.List;
import java.util.Objects;
import java.util.function.Function;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.PotteryProperties.Structure;
import dev.pottery.autoconfigure.PotteryProperties.StructureType;
import dev.pottery.Durability;
import dev.pottery.collections.RedisCounter;
import dev.pottery.collections.RedisDeque;
import dev.pottery.collections.RedisList;
import dev.pottery.collections.RedisMap;
import dev.pottery.collections.RedisSet;
import dev.pottery.collections.RedisSimpleQueue;
import dev.pottery.id.NextId;
import dev.pottery.internal.StructureContext;
import dev.pottery.internal.probabilistic.ProbabilisticFactory;
import dev.pottery.lock.Redlock;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.probabilistic.HyperLogLog;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The factory of the beans declared under {@code pottery.structures}: the bean definitions that
 * {@code PotteryAutoConfiguration} registers name {@link #structure(String, Pottery, Environment)} as their static
 * factory method with the bean name as argument, so that Spring AOT can generate them ahead of time. Creating a
 * structure talks to no Redis: a Bloom filter records or checks its parameters on first use.
 *
 * <p>Not meant for application code: use the {@link Pottery} facade.
 *
 * @since 0.1.0
 */
public final class StructureBeans {

	static final String PREFIX = "pottery.structures.";

	private static final Log logger = LogFactory.getLog(StructureBeans.class);

	private StructureBeans() {
	}

	/**
	 * Create the structure declared at {@code pottery.structures.<name>}.
	 * @param name the bean name, the key under {@code pottery.structures}
	 * @param pottery the facade
	 * @param environment where the declaration is read from
	 * @return the structure, typed as the bean definition says
	 */
	public static Object structure(String name, Pottery pottery, Environment environment) {
		Binder binder = Binder.get(environment);
		Structure structure = binder.bind(PREFIX + name, Structure.class)
			.orElseThrow(() -> new InvalidPotteryPropertyException(PREFIX + name, null,
					"the structure is no longer declared", "declare it again, or rebuild the ahead-of-time code"));
		Definition definition = define(name, structure, keyPrefix(environment),
				ClassUtils.getDefaultClassLoader());
		if (logger.isDebugEnabled()) {
			// the type as written in configuration (hyper-log-log, not HYPER_LOG_LOG); define() rejected a missing one
			logger.debug("Opening " + PREFIX + name + ": " + Objects.requireNonNull(structure.getType()).kebabCase()
					+ " at key '" + definition.keys().get(0) + "' as " + definition.type());
		}
		try {
			return definition.factory().apply(pottery);
		}
		catch (IllegalArgumentException ex) {
			throw new InvalidPotteryPropertyException(PREFIX + name, null, ex.getMessage(),
					"correct the structure's settings (see the README's table of pottery.structures fields)", ex);
		}
	}

	/**
	 * Check a declaration and describe the bean: its generic type, the Redis keys it stores data at, and how to
	 * create it.
	 */
	static Definition define(String name, Structure structure, String keyPrefix, @Nullable ClassLoader classLoader) {
		StructureType type = structure.getType();
		if (type == null) {
			throw new InvalidPotteryPropertyException(PREFIX + name + ".type", null, "the type is missing",
					"set it to one of " + StructureType.kebabCaseValues());
		}
		String key = keyPrefix + ((structure.getKey() != null && !structure.getKey().isEmpty()) ? structure.getKey()
				: name);
		Definition definition = definition(name, structure, type, key, classLoader);
		Integer replicas = structure.getDurabilityReplicas();
		if (replicas == null) {
			return definition;
		}
		if (type == StructureType.NEXT_ID || type == StructureType.REDLOCK) {
			throw new InvalidPotteryPropertyException(PREFIX + name + ".durability-replicas", replicas.toString(),
					"a " + type.kebabCase() + " lives on independent Redlock masters, which have no replicas to wait for",
					"remove durability-replicas from this structure (it applies to structures on the application's Redis)");
		}
		if (replicas < 0) {
			throw new InvalidPotteryPropertyException(PREFIX + name + ".durability-replicas", replicas.toString(),
					"a number of replicas cannot be negative", "use 0 (do not wait) or more");
		}
		Function<Pottery, Object> factory = definition.factory();
		return new Definition(definition.type(), definition.keys(), (pottery) -> factory.apply(
				pottery.withDurability(Durability.replicas(replicas, pottery.durability().timeout()))));
	}

	private static Definition definition(String name, Structure structure, StructureType type, String key,
			@Nullable ClassLoader classLoader) {
		return switch (type) {
			case MAP -> {
				ResolvableType keyType = typeOf(name, "key-type", structure.getKeyType(), classLoader);
				ResolvableType valueType = typeOf(name, "value-type", structure.getValueType(), classLoader);
				yield new Definition(generic(RedisMap.class, keyType, valueType), List.of(key),
						(pottery) -> pottery.withKeyPrefix("").map(key, typeRef(keyType), typeRef(valueType)));
			}
			case SET -> {
				ResolvableType element = elementOf(name, structure, classLoader);
				yield new Definition(generic(RedisSet.class, element), List.of(key),
						(pottery) -> pottery.withKeyPrefix("").set(key, typeRef(element)));
			}
			case LIST -> {
				ResolvableType element = elementOf(name, structure, classLoader);
				yield new Definition(generic(RedisList.class, element), List.of(key),
						(pottery) -> pottery.withKeyPrefix("").list(key, typeRef(element)));
			}
			case DEQUE -> {
				ResolvableType element = elementOf(name, structure, classLoader);
				Integer maxLength = structure.getMaxLength();
				if (maxLength != null && maxLength < 0) {
					throw new InvalidPotteryPropertyException(PREFIX + name + ".max-length", maxLength.toString(),
							"a maximum length cannot be negative", "use 0 or more, or leave it out for no bound");
				}
				yield new Definition(generic(RedisDeque.class, element), List.of(key),
						(pottery) -> (maxLength != null) ? pottery.withKeyPrefix("").deque(key, maxLength, typeRef(element))
								: pottery.withKeyPrefix("").deque(key, typeRef(element)));
			}
			case COUNTER -> {
				ResolvableType element = elementOf(name, structure, classLoader);
				yield new Definition(generic(RedisCounter.class, element), List.of(key),
						(pottery) -> pottery.withKeyPrefix("").counter(key, typeRef(element)));
			}
			case QUEUE -> {
				ResolvableType element = elementOf(name, structure, classLoader);
				yield new Definition(generic(RedisSimpleQueue.class, element), List.of(key),
						(pottery) -> pottery.withKeyPrefix("").queue(key, typeRef(element)));
			}
			case BLOOM_FILTER -> {
				ResolvableType element = elementOf(name, structure, classLoader);
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
				yield new Definition(generic(BloomFilter.class, element), List.of(key, key + ":bloom-params"),
						(pottery) -> new ProbabilisticFactory(new StructureContext(pottery.connectionFactory(),
								pottery.codec()).withDurability(pottery.durability()))
							.lazyBloomFilter(key, numElements, falsePositives, element));
			}
			case HYPER_LOG_LOG -> {
				ResolvableType element = elementOf(name, structure, classLoader);
				yield new Definition(generic(HyperLogLog.class, element), List.of(key),
						(pottery) -> pottery.withKeyPrefix("").hyperLogLog(key, typeRef(element)));
			}
			case NEXT_ID -> new Definition(ResolvableType.forClass(NextId.class), List.of("nextid:" + key),
					(pottery) -> pottery.withKeyPrefix("").nextId(key));
			case REDLOCK -> new Definition(ResolvableType.forClass(Redlock.class), List.of("redlock:" + key),
					(pottery) -> pottery.withKeyPrefix("").redlock(key));
		};
	}

	private static <T> ParameterizedTypeReference<T> typeRef(ResolvableType type) {
		return ParameterizedTypeReference.forType(type.getType());
	}

	/** The element type, from element-type or (for a counter, whose elements are a hash's keys) key-type. */
	private static ResolvableType elementOf(String name, Structure structure, @Nullable ClassLoader classLoader) {
		if (structure.getElementType() == null && structure.getKeyType() != null) {
			return typeOf(name, "key-type", structure.getKeyType(), classLoader);
		}
		return typeOf(name, "element-type", structure.getElementType(), classLoader);
	}

	private static ResolvableType typeOf(String name, String field, @Nullable String typeName,
			@Nullable ClassLoader classLoader) {
		return TypeNames.resolve(PREFIX + name + "." + field, typeName, classLoader);
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

	/** A structure bean: its full generic type, the Redis keys it stores data at, and how to create it. */
	record Definition(ResolvableType type, List<String> keys, Function<Pottery, Object> factory) {
	}

	/** {@code pottery.key-prefix} ("" when unset). */
	static String keyPrefix(Environment environment) {
		return Binder.get(environment).bind("pottery.key-prefix", String.class).orElse("");
	}

}
