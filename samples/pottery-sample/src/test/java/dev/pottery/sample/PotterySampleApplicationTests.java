package dev.pottery.sample;

import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.Environment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample as {@code spring-boot:run} does, with embedded Redis, and against a given server.
 */
@RealRedis
class PotterySampleApplicationTests {

	@Test
	void runsOnEmbeddedRedisWhenNothingIsConfiguredAndStopsItOnClose() {
		SpringApplication application = new SpringApplication(PotterySampleApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		String url;
		try (ConfigurableApplicationContext context = application.run()) {
			Environment environment = context.getEnvironment();
			url = environment.getProperty("spring.data.redis.url");
			assertThat(url).startsWith("redis://127.0.0.1:");
			assertThat(SpringApplication.exit(context)).isZero();
		}
		int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
		assertThat(isListening(port)).as("embedded Redis stopped with the context").isFalse();
	}

	@Test
	void usesTheConfiguredRedisInsteadOfStartingOne(RedisServer redis) {
		SpringApplication application = new SpringApplication(PotterySampleApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		try (ConfigurableApplicationContext context = application.run("--spring.data.redis.url=" + redis.url())) {
			assertThat(context.getEnvironment().getProperty("spring.data.redis.url")).isEqualTo(redis.url());
			assertThat(context.getEnvironment().getPropertySources().contains("potteryEmbeddedRedis")).isFalse();
		}
		assertThat(redis.commands().exists("pottery-sample:greeting")).isZero();
	}

	private static boolean isListening(int port) {
		try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
			return socket.isConnected();
		}
		catch (java.io.IOException ex) {
			return false;
		}
	}

}
