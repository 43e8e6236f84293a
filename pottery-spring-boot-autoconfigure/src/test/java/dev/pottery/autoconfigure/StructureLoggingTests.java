package dev.pottery.autoconfigure;

import java.util.List;

import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's {@code logging.level.dev.pottery.autoconfigure=debug}: one line per structure bean as it is opened
 * (property, type, Redis key with the key prefix, generic type) and one per structure checked by
 * {@code pottery.validate-on-startup}; no password from any URL.
 */
@RealRedis
@ExtendWith(OutputCaptureExtension.class)
class StructureLoggingTests {

	@AfterEach
	void resetLevel() {
		LoggingSystem.get(getClass().getClassLoader()).setLogLevel("dev.pottery.autoconfigure", null);
	}

	@Test
	void debugLogsEachStructureAsItIsOpenedAndValidated(RedisServer redis, CapturedOutput output) {
		SpringApplication application = new SpringApplication(Application.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--logging.level.dev.pottery.autoconfigure=debug",
				"--spring.data.redis.url=" + redis.url(), "--pottery.key-prefix=pottery:test:",
				"--pottery.redlock.masters=redis://bob:hunter2@127.0.0.1:1",
				"--pottery.validate-on-startup=true", "--pottery.structures.carts.type=map",
				"--pottery.structures.carts.key-type=java.lang.String",
				"--pottery.structures.carts.value-type=java.lang.Integer",
				"--pottery.structures.seen.type=hyper-log-log", "--pottery.structures.seen.key=visitors",
				"--pottery.structures.seen.element-type=java.lang.String")) {
			assertThat(context.getBean("carts")).isNotNull();
		}
		assertThat(debugLines(output, "Opening pottery.structures.")).containsExactlyInAnyOrder(
				"Opening pottery.structures.carts: map at key 'pottery:test:carts' as "
						+ "dev.pottery.collections.RedisMap<java.lang.String, java.lang.Integer>",
				"Opening pottery.structures.seen: hyper-log-log at key 'pottery:test:visitors' as "
						+ "dev.pottery.probabilistic.HyperLogLog<java.lang.String>");
		assertThat(debugLines(output, "Validated pottery.structures.")).containsExactlyInAnyOrder(
				"Validated pottery.structures.carts at startup", "Validated pottery.structures.seen at startup");
		assertThat(output).doesNotContain("hunter2");
	}

	/** The messages of the DEBUG lines that start with {@code start}. */
	private static List<String> debugLines(CapturedOutput output, String start) {
		return output.getAll()
			.lines()
			.filter((line) -> line.contains(" DEBUG ") && line.contains(start))
			.map((line) -> line.substring(line.indexOf(start)))
			.toList();
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration({ DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class })
	static class Application {

	}

}
