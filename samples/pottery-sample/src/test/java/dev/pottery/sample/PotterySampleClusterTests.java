package dev.pottery.sample;

import java.io.IOException;
import java.util.Map;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.PotteryProperties;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RealRedisCluster;
import dev.pottery.test.RedisCluster;
import dev.pottery.test.RedisServers;
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
 * Runs the sample with its {@code cluster} profile: the structures, caches and Bloom filter on a real 3-master Redis
 * Cluster, Redlock and NextId on three independent masters, and no embedded Redis although the sample enables it.
 */
@RealRedisCluster
@RealRedis(servers = 3)
class PotterySampleClusterTests {

	private static final String[] CLUSTER_KEYS = { "tel", "dilberts", "dilberts:bloom-params", "fx-rates" };

	private static final String[] MASTER_KEYS = { "nextid:orders", "redlock:printer", "redlock:invoice:42" };

	@Test
	void clusterProfileRunsTheTourOnAClusterAndLocksOnTheMasters(RedisCluster cluster, RedisServers masters) {
		SpringApplication application = new SpringApplication(PotterySampleApplication.class);
		application.setWebApplicationType(WebApplicationType.NONE);
		// generous per-master timeouts: the build machine may be loaded (the 50 ms default is for production)
		application.setDefaultProperties(java.util.Map.of("pottery.redlock.master-timeout", "5s"));
		try (ConfigurableApplicationContext context = application.run("--spring.profiles.active=cluster",
				"--spring.data.redis.cluster.nodes=" + String.join(",", cluster.nodes()),
				"--pottery.redlock.masters=" + String.join(",", masters.urls()))) {
			assertThat(context.getEnvironment().getPropertySources().contains("potteryEmbeddedRedis")).isFalse();
			assertThat(context.getBean(RedisConnectionFactory.class)).isInstanceOfSatisfying(
					LettuceConnectionFactory.class, (factory) -> assertThat(factory.isClusterAware()).isTrue());
			assertThat(context.getBean(Pottery.class).masters().urls()).containsExactlyElementsOf(masters.urls());
			Tour.Report report = context.getBean(Tour.class).report();
			assertThat(report).isNotNull();
			assertThat(report.tel()).isEqualTo(Map.of("jack", 4099, "sape", 4139));
			assertThat(report.dilberts()).containsExactly(true, false);
			assertThat(report.orderId()).isEqualTo(1);
			assertThat(report.mostClerksInside()).isOne();
			assertThat(report.upstreamCalls()).isOne();
		}
		assertThat(cluster.commands().exists(CLUSTER_KEYS)).as("keys left in the cluster").isZero();
		masters.forEach((server) -> assertThat(server.commands().exists(MASTER_KEYS)).as("keys left").isZero());
	}

	@Test
	void clusterProfileNamesThreeClusterNodesAndFiveMasters() throws IOException {
		StandardEnvironment environment = new StandardEnvironment();
		new YamlPropertySourceLoader().load("cluster", new ClassPathResource("application-cluster.yml"))
			.forEach(environment.getPropertySources()::addFirst);
		Binder binder = Binder.get(environment);
		assertThat(binder.bind("spring.data.redis.cluster.nodes", Bindable.listOf(String.class)).get())
			.containsExactly("redis-1:6379", "redis-2:6379", "redis-3:6379");
		PotteryProperties properties = binder.bindOrCreate("pottery", PotteryProperties.class);
		assertThat(properties.getRedlock().getMasters()).hasSize(5).allMatch((url) -> url.startsWith("redis://r"));
	}

}
