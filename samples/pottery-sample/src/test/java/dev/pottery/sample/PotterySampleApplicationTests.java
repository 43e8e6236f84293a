package dev.pottery.sample;

import java.io.IOException;
import java.net.Socket;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.PotteryProperties;
import dev.pottery.cache.RedisCache;
import dev.pottery.collections.RedisMap;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.Environment;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample as {@code spring-boot:run} does, on embedded Redis, and against given servers (one, and three
 * Redlock masters with the {@code production} profile), checking what its {@link Tour} did and that it deleted its
 * keys.
 */
@RealRedis(servers = 3)
class PotterySampleApplicationTests {

	private static final String[] SAMPLE_KEYS = { "tel", "dilberts", "dilberts:bloom-params", "fx-rates",
			"nextid:orders", "redlock:printer", "redlock:invoice:42" };

	@Test
	void runsOnEmbeddedRedisWhenNothingIsConfiguredAndStopsItOnClose() {
		String url;
		try (ConfigurableApplicationContext context = application().run()) {
			Environment environment = context.getEnvironment();
			url = environment.getProperty("spring.data.redis.url");
			assertThat(url).startsWith("redis://127.0.0.1:");
			assertTourDidItsJob(context);
			assertThat(context.getBean(StringRedisTemplate.class).keys("*")).as("keys left on embedded Redis")
				.isEmpty();
			assertThat(SpringApplication.exit(context)).isZero();
		}
		int port = Integer.parseInt(url.substring(url.lastIndexOf(':') + 1));
		assertThat(isListening(port)).as("embedded Redis stopped with the context").isFalse();
	}

	@Test
	void usesTheConfiguredRedisInsteadOfStartingOne(RedisServer redis) {
		try (ConfigurableApplicationContext context = application().run("--spring.data.redis.url=" + redis.url())) {
			assertThat(context.getEnvironment().getProperty("spring.data.redis.url")).isEqualTo(redis.url());
			assertThat(context.getEnvironment().getPropertySources().contains("potteryEmbeddedRedis")).isFalse();
			assertTourDidItsJob(context);
			assertThat(context.getBean(Pottery.class).masters().urls()).containsExactly(redis.url());
		}
		assertThat(redis.commands().exists(SAMPLE_KEYS)).as("keys left").isZero();
	}

	@Test
	void productionProfileRunsRedlockAndNextIdOnEveryMaster(RedisServers servers) {
		List<String> urls = servers.urls();
		try (ConfigurableApplicationContext context = application().run("--spring.profiles.active=production",
				"--spring.data.redis.url=" + urls.get(0), "--pottery.redlock.masters=" + String.join(",", urls))) {
			assertThat(context.getBean(Pottery.class).masters().urls()).containsExactlyElementsOf(urls);
			assertTourDidItsJob(context);
		}
		servers.forEach((server) -> assertThat(server.commands().exists(SAMPLE_KEYS)).as("keys left").isZero());
	}

	@Test
	void productionProfileNamesFiveMastersAndTheApplicationsRedis() throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("production", new ClassPathResource("application-production.yml"))
			.forEach(environment.getPropertySources()::addFirst);
		PotteryProperties properties = Binder.get(environment).bindOrCreate("pottery", PotteryProperties.class);
		assertThat(properties.getRedlock().getMasters()).hasSize(5).allMatch((url) -> url.startsWith("redis://r"));
		assertThat(environment.getProperty("spring.data.redis.url")).isEqualTo("redis://localhost:6379/0");
	}

	@Test
	void observabilitySettingsOfTheReadmeBindAsDocumented() throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("observability", new ClassPathResource("application-observability.yml"))
			.forEach(environment.getPropertySources()::addFirst);
		assertThat(Binder.get(environment).bind("pottery.observations.include-keys", Boolean.class).get()).isTrue();
		assertThat(Binder.get(environment).bind("management.endpoint.health.status.order", String[].class).get())
			.containsExactly("down", "out-of-service", "degraded", "up", "unknown");
	}

	private static void assertTourDidItsJob(ConfigurableApplicationContext context) {
		Tour.Report report = context.getBean(Tour.class).report();
		assertThat(report).isNotNull();
		assertThat(report.tel()).isEqualTo(Map.of("jack", 4099, "sape", 4139));
		assertThat(report.dilberts()).containsExactly(true, false);
		assertThat(report.orderId()).isEqualTo(1);
		assertThat(report.settlements()).isEqualTo(4);
		assertThat(report.mostClerksInside()).as("@Synchronized let one clerk in at a time").isOne();
		assertThat(report.upstreamCalls()).as("@RedisCached computed two equal calls once").isOne();
		assertThat(report.fxRates()).isEqualTo(new RedisCache.CacheInfo(1, 1, OptionalLong.empty(), 1));
		// the structure beans: by name (as the sample injects them) and by generic type
		RedisMap<String, Integer> byType = context
			.<RedisMap<String, Integer>>getBeanProvider(
					ResolvableType.forClassWithGenerics(RedisMap.class, String.class, Integer.class))
			.getObject();
		assertThat(byType).isSameAs(context.getBean("tel"));
		assertThat(context.getBeanProvider(ResolvableType.forClassWithGenerics(BloomFilter.class, String.class))
			.getObject()).isSameAs(context.getBean("dilberts"));
	}

	private static SpringApplication application() {
		SpringApplication application = new SpringApplication(PotterySampleApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		// generous per-master timeouts: the build machine may be loaded (the 50 ms default is for production)
		application.setDefaultProperties(java.util.Map.of("pottery.redlock.master-timeout", "5s"));
		return application;
	}

	private static boolean isListening(int port) {
		try (Socket socket = new Socket("127.0.0.1", port)) {
			return socket.isConnected();
		}
		catch (IOException ex) {
			return false;
		}
	}

}
