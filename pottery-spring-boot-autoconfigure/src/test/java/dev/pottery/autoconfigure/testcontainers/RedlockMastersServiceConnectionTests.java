package dev.pottery.autoconfigure.testcontainers;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import dev.pottery.autoconfigure.RedlockMastersConnectionDetails;
import dev.pottery.lock.Redlock;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code @ServiceConnection(name = "redlock")} on three container fields: the three are the Redlock masters, in
 * declaration order, through one {@link RedlockMastersConnectionDetails} bean (Spring Boot alone would register only
 * the first container's details: one bean per type). The containers are {@link EmbeddedRedisContainer}s, real
 * {@code redis-server} processes behind Testcontainers' {@code Container} interface, so this runs without Docker;
 * nothing starts them but the connection details (no {@code @Container}), as with Spring Boot's own.
 */
@SpringBootTest(classes = RedlockMastersServiceConnectionTests.Application.class,
		properties = "pottery.redlock.master-timeout=5s")
@DirtiesContext
class RedlockMastersServiceConnectionTests {

	@ServiceConnection(name = "redlock")
	static EmbeddedRedisContainer master1 = new EmbeddedRedisContainer();

	@ServiceConnection(name = "redlock")
	static EmbeddedRedisContainer master2 = new EmbeddedRedisContainer();

	@ServiceConnection(name = RedlockMastersConnectionDetails.SERVICE_CONNECTION_NAME,
			type = RedlockMastersConnectionDetails.class)
	static EmbeddedRedisContainer master3 = new EmbeddedRedisContainer();

	static EmbeddedRedisContainer applicationRedis = new EmbeddedRedisContainer();

	static {
		// the redlock containers are started by Pottery's connection details, as Spring Boot starts its own
		applicationRedis.start();
	}

	@DynamicPropertySource
	static void applicationRedis(DynamicPropertyRegistry registry) {
		registry.add("spring.data.redis.url", () -> applicationRedis.server().url());
	}

	@AfterAll
	static void stopContainers() {
		List.of(master1, master2, master3, applicationRedis).forEach(EmbeddedRedisContainer::stop);
	}

	@Test
	void everyRedlockContainerIsAMasterInDeclarationOrder(@Autowired Pottery pottery,
			@Autowired ApplicationContext context) throws InterruptedException {
		assertThat(context.getBeansOfType(RedlockMastersConnectionDetails.class))
			.containsOnlyKeys(RedlockMastersContextCustomizerFactory.BEAN_NAME);
		// the redlock containers are not the application's Redis (no DataRedisConnectionDetails from them)
		assertThat(context.getBeansOfType(DataRedisConnectionDetails.class).values())
			.allSatisfy((details) -> assertThat(details.getClass().getSimpleName())
				.isEqualTo("PropertiesDataRedisConnectionDetails"));
		assertThat(List.of(master1, master2, master3)).allMatch(EmbeddedRedisContainer::isRunning);
		assertThat(pottery.masters().urls()).containsExactly(master1.server().url(), master2.server().url(),
				master3.server().url());
		Redlock lock = pottery.redlock("pottery:test:service-connection");
		assertThat(lock.tryLock(30, TimeUnit.SECONDS)).isTrue();
		try {
			for (EmbeddedRedisContainer master : List.of(master1, master2, master3)) {
				assertThat(exists(master, "redlock:pottery:test:service-connection")).isTrue();
			}
			assertThat(exists(applicationRedis, "redlock:pottery:test:service-connection")).isFalse();
		}
		finally {
			lock.unlock();
		}
	}

	private static boolean exists(EmbeddedRedisContainer container, String key) {
		RedisClient client = RedisClient.create(container.server().url());
		try (StatefulRedisConnection<String, String> connection = client.connect()) {
			return connection.sync().exists(key) == 1;
		}
		finally {
			client.shutdown();
		}
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class })
	static class Application {

	}

}
