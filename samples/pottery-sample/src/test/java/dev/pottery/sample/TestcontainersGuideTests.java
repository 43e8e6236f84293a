package dev.pottery.sample;

import dev.pottery.Pottery;
import dev.pottery.collections.RedisMap;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Testcontainers example: {@code @ServiceConnection} points the application (and so Pottery) at a
 * Redis container, and embedded Redis backs off although {@code pottery.embedded.enabled} is set. Skipped without a
 * Docker engine (it still compiles).
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest
class TestcontainersGuideTests {

	@Container
	@ServiceConnection(name = "redis")
	static GenericContainer<?> redisContainer = new GenericContainer<>("redis:7.0").withExposedPorts(6379);

	@Autowired
	@Qualifier("tel")
	RedisMap<String, Integer> tel;

	@Test
	void potteryUsesTheContainer(@Autowired Pottery pottery, @Autowired Environment environment) {
		assertThat(environment.getProperty("spring.data.redis.url")).isNull();   // no embedded Redis started
		tel.put("jack", 4098);
		assertThat(pottery.masters().urls()).singleElement().asString()
			.endsWith(":" + redisContainer.getMappedPort(6379));
		tel.clear();
	}

}
