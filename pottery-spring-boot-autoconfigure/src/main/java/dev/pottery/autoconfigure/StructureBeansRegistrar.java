package dev.pottery.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.pottery.autoconfigure.PotteryProperties.Structure;
import dev.pottery.autoconfigure.PotteryProperties.StructureType;
import dev.pottery.autoconfigure.StructureBeans.Definition;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanClassLoaderAware;
import org.springframework.beans.factory.config.AutowireCapableBeanFactory;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.UnboundConfigurationPropertiesException;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.context.EnvironmentAware;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.Assert;

/**
 * Registers one bean per entry of {@code pottery.structures}, named by the entry and typed with its generics
 * ({@code RedisMap<String, Integer>}), so that both {@code @Qualifier("tel")} and injection by generic type work.
 * Misconfigured entries (a missing or unknown type, an unknown field, a bad class name, two structures on one Redis
 * key) fail here, at startup, with the property and the fix. Redlocks are prototype beans (an instance tracks one
 * holder); everything else is a singleton created by {@link StructureBeans#structure} from the {@code Pottery}
 * facade, a static factory method with the bean name as argument, which Spring AOT can generate code for. With
 * {@code pottery.validate-on-startup=true} it also registers the {@link StructureValidator}.
 */
final class StructureBeansRegistrar implements ImportBeanDefinitionRegistrar, EnvironmentAware, BeanClassLoaderAware {

	private static final String PREFIX = StructureBeans.PREFIX;

	/** The fields of a structure, as written in configuration. */
	static final List<String> FIELDS = List.of("type", "key", "key-type", "value-type", "element-type", "max-length",
			"num-elements", "false-positives", "durability-replicas");

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
		Binder binder = Binder.get(this.environment);
		String keyPrefix = StructureBeans.keyPrefix(this.environment);
		Map<String, Structure> structures = bind(binder);
		Map<String, String> owners = new LinkedHashMap<>();
		structures.forEach((name, structure) -> {
			Definition definition = StructureBeans.define(name, structure, keyPrefix, this.classLoader);
			for (String key : definition.keys()) {
				String owner = owners.putIfAbsent(key, name);
				if (owner != null) {
					throw new InvalidPotteryPropertyException(PREFIX + name + ".key", key,
							"the structures '" + owner + "' and '" + name + "' both store their data at the Redis key '"
									+ key + "'",
							"give one of them another key (" + PREFIX + name + ".key), or declare the structure once "
									+ "and inject it where both are needed");
				}
			}
			RootBeanDefinition bean = new RootBeanDefinition(StructureBeans.class);
			bean.setUniqueFactoryMethodName("structure");
			bean.getConstructorArgumentValues().addIndexedArgumentValue(0, name);
			bean.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
			bean.setTargetType(definition.type());
			if (structure.getType() == StructureType.REDLOCK) {
				bean.setScope(BeanDefinition.SCOPE_PROTOTYPE);
			}
			bean.setDescription("Pottery structure from " + PREFIX + name);
			registry.registerBeanDefinition(name, bean);
		});
		if (binder.bind("pottery.validate-on-startup", Boolean.class).orElse(false) && !structures.isEmpty()) {
			RootBeanDefinition validator = new RootBeanDefinition(StructureValidator.class);
			validator.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
			validator.getConstructorArgumentValues().addIndexedArgumentValue(0, String.join(",", structures.keySet()));
			validator.setAutowireMode(AutowireCapableBeanFactory.AUTOWIRE_CONSTRUCTOR);
			registry.registerBeanDefinition(StructureValidator.BEAN_NAME, validator);
		}
	}

	/**
	 * Bind {@code pottery.structures} strictly: an unknown field or an invalid type fails naming the property.
	 */
	static Map<String, Structure> bind(Binder binder) {
		try {
			return binder
				.bind("pottery.structures", Bindable.mapOf(String.class, Structure.class),
						new NoUnboundElementsBindHandler(BindHandler.DEFAULT))
				.orElse(Map.of());
		}
		catch (BindException ex) {
			throw translate(ex);
		}
	}

	private static RuntimeException translate(BindException ex) {
		if (ex.getCause() instanceof UnboundConfigurationPropertiesException unbound) {
			ConfigurationProperty first = unbound.getUnboundProperties().iterator().next();
			String property = first.getName().toString();
			String field = property.substring(property.lastIndexOf('.') + 1);
			String structure = property.substring(PREFIX.length(), Math.max(PREFIX.length(), property.lastIndexOf('.')));
			String closest = closest(field);
			return new InvalidPotteryPropertyException(property, String.valueOf(first.getValue()),
					"a structure has no field '" + field + "'"
							+ ((first.getOrigin() != null) ? " (from " + first.getOrigin() + ")" : ""),
					((closest != null) ? "did you mean " + PREFIX + structure + "." + closest + "? " : "")
							+ "The fields of a structure are " + String.join(", ", FIELDS),
					ex);
		}
		ConfigurationProperty property = ex.getProperty();
		String name = (property != null) ? property.getName().toString() : ex.getName().toString();
		String value = (property != null) ? String.valueOf(property.getValue()) : null;
		if (name.endsWith(".type")) {
			return new InvalidPotteryPropertyException(name, value, "no such structure type",
					"use one of " + StructureType.kebabCaseValues(), ex);
		}
		return new InvalidPotteryPropertyException(name, value,
				(ex.getCause() != null) ? ex.getCause().getMessage() : ex.getMessage(),
				"correct the value (see the README's table of pottery.structures fields)", ex);
	}

	/** The field a typo most likely meant: the one at the smallest edit distance, if it is at most 2. */
	private static @Nullable String closest(String field) {
		String best = null;
		int bestDistance = 3;
		for (String candidate : FIELDS) {
			int distance = distance(field.toLowerCase(Locale.ROOT), candidate);
			if (distance < bestDistance) {
				best = candidate;
				bestDistance = distance;
			}
		}
		return best;
	}

	/** Optimal string alignment distance (Levenshtein with transpositions). */
	static int distance(String a, String b) {
		int[][] d = new int[a.length() + 1][b.length() + 1];
		for (int i = 0; i <= a.length(); i++) {
			d[i][0] = i;
		}
		for (int j = 0; j <= b.length(); j++) {
			d[0][j] = j;
		}
		for (int i = 1; i <= a.length(); i++) {
			for (int j = 1; j <= b.length(); j++) {
				int cost = (a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1;
				d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
				if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
					d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
				}
			}
		}
		return d[a.length()][b.length()];
	}

}
