package dev.pottery.autoconfigure;

import java.net.URI;
import java.util.List;

import dev.pottery.Pottery;
import dev.pottery.collections.RedisMap;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Connection details beans win: a {@link DataRedisConnectionDetails} bean (what Testcontainers'
 * {@code @ServiceConnection} registers) keeps embedded Redis from starting, and a
 * {@link RedlockMastersConnectionDetails} bean names the Redlock masters.
 */
@RealRedis(servers = 3)
class ConnectionDetailsTests {

	private final RedisServers servers;

	ConnectionDetailsTests(RedisServers servers) {
		this.servers = servers;
	}

	@Test
	void embeddedRedisBacksOffForADataRedisConnectionDetailsBean() {
		URI target = URI.create(this.servers.get(0).url());
		SpringApplication application = new SpringApplication(WithConnectionDetails.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		// as Testcontainers' @ServiceConnection does: a bean definition of connection details
		application.addInitializers((context) -> ((GenericApplicationContext) context)
			.registerBean(DataRedisConnectionDetails.class, () -> details(target)));
		try (ConfigurableApplicationContext context = application.run("--pottery.embedded.enabled=true",
				"--pottery.structures.carts.type=map", "--pottery.structures.carts.key=test-details-carts")) {
			assertThat(context.getEnvironment().getPropertySources()
				.contains(EmbeddedRedisEnvironmentPostProcessor.PROPERTY_SOURCE_NAME)).isFalse();
			assertThat(context.getEnvironment().getProperty("spring.data.redis.url")).isNull();
			context.getBean("carts", RedisMap.class).put("apples", 3);
			assertThat(this.servers.get(0).commands().hget("test-details-carts", "\"apples\"")).isEqualTo("3");
			assertThat(context.getBean(Pottery.class).masters().urls()).singleElement()
				.asString()
				.endsWith(":" + target.getPort());
		}
		finally {
			this.servers.get(0).commands().del("test-details-carts");
		}
	}

	@Test
	void redlockMastersConnectionDetailsReplaceThePropertyAndItsBeanWins() {
		List<String> urls = this.servers.urls();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + urls.get(0), "pottery.redlock.masters=redis://ignored:1")
			.withBean(RedlockMastersConnectionDetails.class, () -> () -> urls)
			.run((context) -> assertThat(context.getBean(Pottery.class).masters().urls())
				.containsExactlyElementsOf(urls));
	}

	@Test
	void severalRedlockMastersConnectionDetailsBeansContributeTheirUrlsInOrder() {
		List<String> urls = this.servers.urls();
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + urls.get(0), "pottery.redlock.masters=redis://ignored:1")
			.withBean("first", RedlockMastersConnectionDetails.class, () -> () -> urls.subList(0, 2))
			.withBean("second", RedlockMastersConnectionDetails.class, () -> () -> urls.subList(2, 3))
			.run((context) -> assertThat(context.getBean(Pottery.class).masters().urls())
				.containsExactlyElementsOf(urls));
	}

	private static DataRedisConnectionDetails details(URI target) {
		return new DataRedisConnectionDetails() {

			@Override
			public Standalone getStandalone() {
				return Standalone.of(target.getHost(), target.getPort());
			}

		};
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class })
	static class WithConnectionDetails {


	}

}
