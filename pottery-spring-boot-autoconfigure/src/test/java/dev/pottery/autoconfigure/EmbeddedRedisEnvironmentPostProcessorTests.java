package dev.pottery.autoconfigure;

import java.util.function.Supplier;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * When {@link EmbeddedRedisEnvironmentPostProcessor} backs off, and {@code pottery.embedded.redis-server} as a real
 * property.
 */
class EmbeddedRedisEnvironmentPostProcessorTests {

	private final EmbeddedRedisEnvironmentPostProcessor postProcessor = new EmbeddedRedisEnvironmentPostProcessor(
			Supplier::get);

	@AfterEach
	void clearAotFlag() {
		System.clearProperty(EmbeddedRedisEnvironmentPostProcessor.AOT_PROCESSING);
	}

	@Test
	void startsNoServerDuringAotProcessing() {
		System.setProperty(EmbeddedRedisEnvironmentPostProcessor.AOT_PROCESSING, "true");
		StandardEnvironment environment = environment("pottery.embedded.enabled=true");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(EmbeddedRedisEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void startsNoServerWhenOnlyThePortIsConfigured() {
		StandardEnvironment environment = environment("pottery.embedded.enabled=true", "spring.data.redis.port=6390");
		this.postProcessor.postProcessEnvironment(environment, new SpringApplication());
		assertThat(environment.getPropertySources().contains(EmbeddedRedisEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@Test
	void redisServerPropertyFromConfigurationIsCheckedAtStartup() {
		StandardEnvironment environment = environment("pottery.embedded.enabled=true",
				"pottery.embedded.redis-server=/no/such/redis-server");
		assertThatExceptionOfType(InvalidPotteryPropertyException.class)
			.isThrownBy(() -> this.postProcessor.postProcessEnvironment(environment, new SpringApplication()))
			.satisfies((ex) -> {
				FailureAnalysis analysis = new InvalidPotteryPropertyFailureAnalyzer().analyze(ex);
				assertThat(analysis.getDescription()).contains("pottery.embedded.redis-server", "/no/such/redis-server");
				assertThat(analysis.getAction()).contains("path of a redis-server executable");
			});
		assertThat(System.getProperty("pottery.embedded.redis-server")).isNull();
	}

	@Test
	void noEmbeddedMastersFailsStartupNamingTheProperty() {
		StandardEnvironment environment = environment("pottery.embedded.enabled=true", "pottery.embedded.masters=0");
		assertThatExceptionOfType(InvalidPotteryPropertyException.class)
			.isThrownBy(() -> this.postProcessor.postProcessEnvironment(environment, new SpringApplication()))
			.satisfies((ex) -> {
				FailureAnalysis analysis = new InvalidPotteryPropertyFailureAnalyzer().analyze(ex);
				assertThat(analysis.getDescription()).contains("pottery.embedded.masters", "'0'");
				assertThat(analysis.getAction()).contains("use 1 (the default) or more");
			});
	}

	private static StandardEnvironment environment(String... pairs) {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertyValues.of(pairs).applyTo(environment);
		return environment;
	}

}
