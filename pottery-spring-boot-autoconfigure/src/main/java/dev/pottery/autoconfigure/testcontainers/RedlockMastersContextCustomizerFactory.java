package dev.pottery.autoconfigure.testcontainers;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.pottery.autoconfigure.RedlockMastersConnectionDetails;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.Container;
import org.testcontainers.lifecycle.Startable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.testcontainers.lifecycle.TestcontainersStartup;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.annotation.MergedAnnotation;
import org.springframework.core.annotation.MergedAnnotations;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;
import org.springframework.util.Assert;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

/**
 * Collects every static container field of a test class (its superclasses and enclosing classes too, as Spring
 * Boot does for {@code @ServiceConnection}) annotated {@code @ServiceConnection(name = "redlock")} and registers one
 * {@link RedlockMastersConnectionDetails} bean naming all of them, in declaration order: Spring Boot registers at
 * most one connection details bean per type and skips the other containers. The bean Boot registered for the first
 * container, if Boot's customizer ran first, is replaced.
 */
class RedlockMastersContextCustomizerFactory implements ContextCustomizerFactory {

	static final String BEAN_NAME = "potteryRedlockMastersConnectionDetails";

	private static final boolean PRESENT = ClassUtils.isPresent(
			"org.springframework.boot.testcontainers.service.connection.ServiceConnection",
			RedlockMastersContextCustomizerFactory.class.getClassLoader())
			&& ClassUtils.isPresent("org.testcontainers.containers.Container",
					RedlockMastersContextCustomizerFactory.class.getClassLoader());

	@Override
	public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
			List<ContextConfigurationAttributes> configAttributes) {
		if (!PRESENT) {
			return null;
		}
		List<Field> fields = RedlockMasterFields.collect(testClass);
		return fields.isEmpty() ? null : new RedlockMastersContextCustomizer(fields);
	}

	/** The annotated fields; a separate class so that nothing loads Testcontainers' classes when absent. */
	static final class RedlockMasterFields {

		private RedlockMasterFields() {
		}

		static List<Field> collect(Class<?> testClass) {
			List<Field> fields = new ArrayList<>();
			collect(testClass, fields);
			return fields;
		}

		private static void collect(@Nullable Class<?> type, List<Field> fields) {
			if (type == null || type == Object.class) {
				return;
			}
			ReflectionUtils.doWithLocalFields(type, (field) -> {
				if (isRedlockMaster(field)) {
					Assert.state(Modifier.isStatic(field.getModifiers()),
							() -> "@ServiceConnection field '" + field.getName() + "' must be static");
					Assert.state(Container.class.isAssignableFrom(field.getType()),
							() -> "@ServiceConnection(name = \""
									+ RedlockMastersConnectionDetails.SERVICE_CONNECTION_NAME + "\") field '"
									+ field.getName() + "' must be a Testcontainers Container");
					fields.add(field);
				}
			});
			collect(type.getSuperclass(), fields);
			if (TestContextAnnotationUtils.searchEnclosingClass(type)) {
				collect(type.getEnclosingClass(), fields);
			}
		}

		private static boolean isRedlockMaster(Field field) {
			return MergedAnnotations.from(field)
				.stream(ServiceConnection.class)
				.anyMatch(RedlockMasterFields::namesRedlockMasters);
		}

		private static boolean namesRedlockMasters(MergedAnnotation<ServiceConnection> annotation) {
			if (!RedlockMastersConnectionDetails.SERVICE_CONNECTION_NAME.equals(annotation.getString("name"))) {
				return false;
			}
			Class<?>[] types = annotation.getClassArray("type");
			return types.length == 0 || Arrays.stream(types)
				.anyMatch((type) -> type.isAssignableFrom(RedlockMastersConnectionDetails.class));
		}

		static List<Container<?>> containers(List<Field> fields) {
			List<Container<?>> containers = new ArrayList<>(fields.size());
			for (Field field : fields) {
				ReflectionUtils.makeAccessible(field);
				Object value = ReflectionUtils.getField(field, null);
				Assert.state(value != null,
						() -> "@ServiceConnection field '" + field.getName() + "' must not be null");
				containers.add((Container<?>) value);
			}
			return containers;
		}

	}

	private record RedlockMastersContextCustomizer(List<Field> fields) implements ContextCustomizer {

		@Override
		public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration config) {
			ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
			Assert.state(beanFactory instanceof BeanDefinitionRegistry,
					"the test context's bean factory must be a BeanDefinitionRegistry");
			BeanDefinitionRegistry registry = (BeanDefinitionRegistry) beanFactory;
			// Boot's customizer, if it ran first, registered the first container alone: replace it
			for (String name : beanFactory.getBeanNamesForType(RedlockMastersConnectionDetails.class, true, false)) {
				if (registry.containsBeanDefinition(name)
						&& registry.getBeanDefinition(name).hasAttribute(ServiceConnection.class.getName())) {
					registry.removeBeanDefinition(name);
				}
			}
			List<Container<?>> containers = RedlockMasterFields.containers(this.fields);
			RootBeanDefinition definition = new RootBeanDefinition(RedlockMastersConnectionDetails.class,
					() -> new ContainerRedlockMasters(containers));
			definition.setAttribute(ServiceConnection.class.getName(), true);
			registry.registerBeanDefinition(BEAN_NAME, definition);
		}

	}

	/**
	 * The masters' URLs, read when the Redlock masters are created; as Spring Boot's container connection details do,
	 * a container not started yet (no {@code @Container}) is started then.
	 */
	private record ContainerRedlockMasters(List<Container<?>> containers) implements RedlockMastersConnectionDetails {

		@Override
		public List<String> getUrls() {
			return this.containers.stream().map((container) -> {
				if (container instanceof Startable startable) {
					TestcontainersStartup.start(startable);
				}
				return RedlockMasterContainerConnectionDetailsFactory.url(container);
			}).toList();
		}

	}

}
