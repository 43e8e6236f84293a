package dev.pottery.sample;

import java.util.concurrent.TimeUnit;

import dev.pottery.Pottery;
import dev.pottery.lock.Redlock;
import org.junit.jupiter.api.Test;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.testcontainers.service.connection.ServiceConnection;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's Testcontainers example for several Redlock masters: each container annotated
 * {@code @ServiceConnection(name = "redlock")} is one master, the one named {@code redis} is the application's Redis.
 * Skipped without a Docker engine (it still compiles); the same wiring runs without Docker in the autoconfigure
 * module's {@code RedlockMastersServiceConnectionTests}.
 */
@Testcontainers(disabledWithoutDocker = true)
@SpringBootTest
class RedlockContainersGuideTests {

	@Container
	@ServiceConnection(name = "redis")
	static GenericContainer<?> redis = new GenericContainer<>("redis:7.0").withExposedPorts(6379);

	@Container
	@ServiceConnection(name = "redlock")
	static GenericContainer<?> master1 = new GenericContainer<>("redis:7.0").withExposedPorts(6379);

	@Container
	@ServiceConnection(name = "redlock")
	static GenericContainer<?> master2 = new GenericContainer<>("redis:7.0").withExposedPorts(6379);

	@Container
	@ServiceConnection(name = "redlock")
	static GenericContainer<?> master3 = new GenericContainer<>("redis:7.0").withExposedPorts(6379);

	@Test
	void theRedlockContainersAreTheMasters(@Autowired Pottery pottery) throws InterruptedException {
		assertThat(pottery.masters().urls()).satisfiesExactly(
				(url) -> assertThat(url).endsWith(":" + master1.getMappedPort(6379)),
				(url) -> assertThat(url).endsWith(":" + master2.getMappedPort(6379)),
				(url) -> assertThat(url).endsWith(":" + master3.getMappedPort(6379)));
		Redlock lock = pottery.redlock("guide");
		assertThat(lock.tryLock(30, TimeUnit.SECONDS)).isTrue();
		lock.unlock();
	}

}
