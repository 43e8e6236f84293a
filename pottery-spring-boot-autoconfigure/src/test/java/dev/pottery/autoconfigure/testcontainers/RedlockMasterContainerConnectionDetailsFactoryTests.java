package dev.pottery.autoconfigure.testcontainers;

import java.util.List;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import dev.pottery.autoconfigure.RedlockMastersConnectionDetails;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.service.connection.ConnectionDetailsFactory;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.boot.testcontainers.service.connection.ServiceConnectionAutoConfiguration;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.support.AnnotationConfigContextLoader;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * The Testcontainers wiring of the Redlock masters: registration in {@code spring.factories}, a container declared
 * as a {@code @Bean} (Spring Boot's own {@code @ServiceConnection} path through the factory), which fields the
 * customizer collects. The containers are {@link EmbeddedRedisContainer}s, so no Docker engine is needed.
 */
@RealRedis(servers = 1)
class RedlockMasterContainerConnectionDetailsFactoryTests {

	private final RedisServer applicationRedis;

	RedlockMasterContainerConnectionDetailsFactoryTests(RedisServer applicationRedis) {
		this.applicationRedis = applicationRedis;
	}

	@Test
	void factoryAndCustomizerAreRegisteredInSpringFactories() {
		SpringFactoriesLoader loader = SpringFactoriesLoader.forDefaultResourceLocation();
		// as Spring Boot loads them: factories whose optional dependencies are absent are skipped
		SpringFactoriesLoader.FailureHandler skip = SpringFactoriesLoader.FailureHandler.handleMessage((message,
				failure) -> {
		});
		assertThat(loader.load(ConnectionDetailsFactory.class, skip))
			.hasAtLeastOneElementOfType(RedlockMasterContainerConnectionDetailsFactory.class);
		assertThat(loader.load(ContextCustomizerFactory.class))
			.hasAtLeastOneElementOfType(RedlockMastersContextCustomizerFactory.class);
	}

	@Test
	void aContainerBeanAnnotatedServiceConnectionRedlockIsTheMaster() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(ServiceConnectionAutoConfiguration.class,
					DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + this.applicationRedis.url(),
					"pottery.redlock.masters=redis://ignored:1")
			.withUserConfiguration(ContainerBean.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(RedlockMastersConnectionDetails.class);
				EmbeddedRedisContainer container = context.getBean(EmbeddedRedisContainer.class);
				assertThat(context.getBean(Pottery.class).masters().urls())
					.containsExactly(container.server().url());
			});
	}

	@Test
	void theCustomizerCollectsOnlyStaticRedlockContainerFields() {
		assertThat(RedlockMastersContextCustomizerFactory.RedlockMasterFields.collect(Fields.class))
			.extracting("name")
			.containsExactly("first", "second", "inherited");
		assertThat(new RedlockMastersContextCustomizerFactory().createContextCustomizer(NoFields.class, List.of()))
			.isNull();
		assertThatIllegalStateException()
			.isThrownBy(() -> RedlockMastersContextCustomizerFactory.RedlockMasterFields.collect(NotStatic.class))
			.withMessageContaining("'master' must be static");
	}

	@Test
	void theCustomizerReplacesTheBeanSpringBootRegisteredForTheFirstContainer() {
		try (GenericApplicationContext context = new GenericApplicationContext()) {
			// what Spring Boot's customizer registers when it runs first: the first container's details alone
			RootBeanDefinition boots = new RootBeanDefinition(RedlockMastersConnectionDetails.class,
					() -> () -> List.of("redis://first-only:1"));
			boots.setAttribute(ServiceConnection.class.getName(), true);
			context.registerBeanDefinition("redlockMastersConnectionDetailsForFirst", boots);
			ContextCustomizer customizer = new RedlockMastersContextCustomizerFactory()
				.createContextCustomizer(TwoMasters.class, List.of());
			assertThat(customizer).isNotNull();
			customizer.customizeContext(context, new MergedContextConfiguration(TwoMasters.class, new String[0],
					new Class<?>[0], new String[0], new AnnotationConfigContextLoader()));
			assertThat(context.getDefaultListableBeanFactory()
				.getBeanNamesForType(RedlockMastersConnectionDetails.class))
				.containsExactly(RedlockMastersContextCustomizerFactory.BEAN_NAME);
		}
	}

	@Configuration(proxyBeanMethods = false)
	static class ContainerBean {

		@Bean
		@ServiceConnection(name = "redlock")
		EmbeddedRedisContainer redlockMaster() {
			return new EmbeddedRedisContainer();
		}

	}

	static class Base {

		@ServiceConnection(name = "redlock")
		static GenericContainer<?> inherited;

	}

	static class Fields extends Base {

		@ServiceConnection(name = "redlock")
		static GenericContainer<?> first;

		@ServiceConnection("redis")
		static GenericContainer<?> applicationRedis;

		@ServiceConnection(name = "redlock")
		static GenericContainer<?> second;

		@ServiceConnection(name = "redlock", type = DataRedisConnectionDetailsOnly.class)
		static GenericContainer<?> otherType;

	}

	interface DataRedisConnectionDetailsOnly extends DataRedisConnectionDetails {

	}

	static class TwoMasters {

		@ServiceConnection(name = "redlock")
		static GenericContainer<?> first = new GenericContainer<>("redis:7.0");

		@ServiceConnection(name = "redlock")
		static GenericContainer<?> second = new GenericContainer<>("redis:7.0");

	}

	static class NoFields {

		@ServiceConnection("redis")
		static GenericContainer<?> applicationRedis;

	}

	static class NotStatic {

		@ServiceConnection(name = "redlock")
		GenericContainer<?> master;

	}

}
