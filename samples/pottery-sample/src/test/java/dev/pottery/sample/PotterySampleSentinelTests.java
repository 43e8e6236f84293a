package dev.pottery.sample;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.PotteryProperties;
import dev.pottery.embedded.EmbeddedRedisSentinel;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs the sample with its {@code sentinel} profile: the structures, caches and Bloom filter on a real
 * Sentinel-managed primary with a replica (3 Sentinels, from the embedded binary), Redlock and NextId on three
 * independent masters, and no embedded Redis although the sample enables it.
 */
@RealRedis(servers = 3)
class PotterySampleSentinelTests {

	private static final String[] DATA_KEYS = { "tel", "dilberts", "dilberts:bloom-params", "fx-rates" };

	private static final String[] MASTER_KEYS = { "nextid:orders", "redlock:printer", "redlock:invoice:42" };

	@Test
	void sentinelProfileRunsTheTourOnTheSentinelPrimaryAndLocksOnTheMasters(RedisServers masters) {
		try (EmbeddedRedisSentinel sentinel = EmbeddedRedisSentinel.start(1, 3)) {
			SpringApplication application = new SpringApplication(PotterySampleApplication.class);
			application.setWebApplicationType(WebApplicationType.NONE);
			try (ConfigurableApplicationContext context = application.run("--spring.profiles.active=sentinel",
					"--spring.data.redis.sentinel.master=" + sentinel.masterName(),
					"--spring.data.redis.sentinel.nodes=" + String.join(",", sentinel.sentinelNodes()),
					"--pottery.redlock.masters=" + String.join(",", masters.urls()),
					"--pottery.redlock.master-timeout=5s")) {
				assertThat(context.getEnvironment().getPropertySources().contains("potteryEmbeddedRedis")).isFalse();
				assertThat(context.getBean(RedisConnectionFactory.class)).isInstanceOfSatisfying(
						LettuceConnectionFactory.class,
						(factory) -> assertThat(factory.isRedisSentinelAware()).isTrue());
				assertThat(context.getBean(Pottery.class).masters().urls()).containsExactlyElementsOf(masters.urls());
				assertThat(context.getBean(Pottery.class).durability().replicas()).isOne();
				Tour.Report report = context.getBean(Tour.class).report();
				assertThat(report).isNotNull();
				assertThat(report.tel()).isEqualTo(Map.of("jack", 4099, "sape", 4139));
				assertThat(report.dilberts()).containsExactly(true, false);
				assertThat(report.orderId()).isEqualTo(1);
				assertThat(report.mostClerksInside()).isOne();
				assertThat(report.upstreamCalls()).isOne();
			}
			RedisClient client = RedisClient.create();
			try (StatefulRedisConnection<String, String> primary = client
				.connect(RedisURI.create(sentinel.primary().url()))) {
				assertThat(primary.sync().exists(DATA_KEYS)).as("keys left on the primary").isZero();
			}
			finally {
				client.shutdown(Duration.ZERO, Duration.ofSeconds(5));
			}
		}
		masters.forEach((server) -> assertThat(server.commands().exists(MASTER_KEYS)).as("keys left").isZero());
	}

	@Test
	void sentinelProfileNamesTheMonitoredPrimaryThreeSentinelsAndFiveMasters() throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("sentinel", new ClassPathResource("application-sentinel.yml"))
			.forEach(environment.getPropertySources()::addFirst);
		Binder binder = Binder.get(environment);
		assertThat(binder.bind("spring.data.redis.sentinel.master", String.class).get()).isEqualTo("pottery");
		assertThat(binder.bind("spring.data.redis.sentinel.nodes", Bindable.listOf(String.class)).get())
			.containsExactly("sentinel-1:26379", "sentinel-2:26379", "sentinel-3:26379");
		PotteryProperties properties = binder.bindOrCreate("pottery", PotteryProperties.class);
		assertThat(properties.getRedlock().getMasters()).hasSize(5).allMatch((url) -> url.startsWith("redis://r"));
		assertThat(properties.getDurability().getReplicas()).isOne();
	}

}
