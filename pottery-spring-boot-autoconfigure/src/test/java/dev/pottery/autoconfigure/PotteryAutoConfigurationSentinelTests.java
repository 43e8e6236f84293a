package dev.pottery.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import dev.pottery.NotReplicatedException;
import dev.pottery.Pottery;
import dev.pottery.autoconfigure.health.PotteryHealthContributorAutoConfiguration;
import dev.pottery.cache.RedisCached;
import dev.pottery.Durability;
import dev.pottery.collections.RedisCounter;
import dev.pottery.collections.RedisList;
import dev.pottery.collections.RedisMap;
import dev.pottery.collections.RedisSimpleQueue;
import dev.pottery.embedded.EmbeddedRedisSentinel;
import dev.pottery.embedded.EmbeddedRedisServer;
import dev.pottery.lock.Redlock;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.sync.Synchronized;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link PotteryAutoConfiguration} on an application whose Redis is managed by Redis Sentinel
 * ({@code spring.data.redis.sentinel.*}): a real primary with a replica and 3 Sentinels from the embedded binary.
 * Structures, caches and {@code @Synchronized} (on independent masters) work there, and what they write is on the
 * primary and replicated.
 */
@RealRedis
class PotteryAutoConfigurationSentinelTests {

	private static EmbeddedRedisSentinel sentinel;

	private static RedisClient client;

	private static StatefulRedisConnection<String, String> primary;

	private final RedisServer standalone;

	private final ApplicationContextRunner runner;

	private final List<String> keys = new ArrayList<>();

	PotteryAutoConfigurationSentinelTests(RedisServer standalone) {
		this.standalone = standalone;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class,
					PotteryHealthContributorAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.sentinel.master=" + sentinel.masterName(),
					"spring.data.redis.sentinel.nodes=" + String.join(",", sentinel.sentinelNodes()),
					"spring.data.redis.timeout=10s", "pottery.redlock.master-timeout=5s");
	}

	@BeforeAll
	static void startSentinel() {
		sentinel = EmbeddedRedisSentinel.start(1, 3);
		client = RedisClient.create();
		primary = client.connect(RedisURI.create(sentinel.primary().url()));
	}

	@AfterAll
	static void stopSentinel() {
		primary.close();
		client.shutdown();
		sentinel.close();
	}

	private String newKey() {
		String key = "pottery:test:" + UUID.randomUUID();
		this.keys.add(key);
		return key;
	}

	@AfterEach
	void deleteKeys() {
		if (!this.keys.isEmpty()) {
			primary.sync().del(this.keys.toArray(String[]::new));
		}
	}

	@Test
	void startsOnSentinelAndItsStructuresWriteToThePrimaryAndItsReplica() {
		String tel = newKey();
		String hits = newKey();
		String jobs = newKey();
		String dilberts = newKey();
		this.keys.add(dilberts + ":bloom-params");
		this.runner
			.withPropertyValues("pottery.structures.tel.type=map", "pottery.structures.tel.key=" + tel,
					"pottery.structures.tel.key-type=java.lang.String",
					"pottery.structures.tel.value-type=java.lang.Integer", "pottery.structures.hits.type=counter",
					"pottery.structures.hits.key=" + hits, "pottery.structures.hits.element-type=java.lang.String",
					"pottery.structures.jobs.type=queue", "pottery.structures.jobs.key=" + jobs,
					"pottery.structures.jobs.element-type=java.lang.String",
					"pottery.structures.dilberts.type=bloom-filter", "pottery.structures.dilberts.key=" + dilberts,
					"pottery.structures.dilberts.element-type=java.lang.String",
					"pottery.structures.dilberts.num-elements=100", "pottery.structures.dilberts.false-positives=0.01")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Pottery.class);
				assertThat(context.getBean(RedisConnectionFactory.class))
					.isInstanceOfSatisfying(LettuceConnectionFactory.class,
							(factory) -> assertThat(factory.isRedisSentinelAware()).isTrue());
				RedisMap<String, Integer> telBean = bean(context, "tel", RedisMap.class);
				RedisCounter<String> hitsBean = bean(context, "hits", RedisCounter.class);
				RedisSimpleQueue<String> jobsBean = bean(context, "jobs", RedisSimpleQueue.class);
				BloomFilter<String> dilbertsBean = bean(context, "dilberts", BloomFilter.class);
				assertThat(telBean.putIfAbsent("jack", 4098)).isNull();
				assertThat(telBean.merge("jack", 1, Integer::sum)).isEqualTo(4099);
				hitsBean.increment("home", 3);
				assertThat(jobsBean.offer("invoice")).isTrue();
				dilbertsBean.add("rajiv");
				assertThat(dilbertsBean.mightContain("rajiv")).isTrue();
				assertThat(primary.sync().hget(tel, "\"jack\"")).isEqualTo("4099");
				assertThat(primary.sync().hget(hits, "\"home\"")).isEqualTo("3");
				assertThat(jobsBean.poll()).isEqualTo("invoice");
				sentinel.awaitReplicasInSync(1, java.time.Duration.ofSeconds(30));
				EmbeddedRedisServer replica = sentinel.replicas().get(0);
				try (StatefulRedisConnection<String, String> onReplica = client
					.connect(RedisURI.create(replica.url()))) {
					assertThat(onReplica.sync().hget(tel, "\"jack\"")).isEqualTo("4099");
				}
			});
	}

	@Test
	void durabilityWaitsForTheReplicaAndAStructureCanAskForMore() throws Exception {
		// the README's example, kept next to this test so that ReadmeTests finds its lines
		var example = new org.springframework.boot.env.YamlPropertySourceLoader().load("durability-example",
				new org.springframework.core.io.FileSystemResource(
						"src/test/java/dev/pottery/autoconfigure/durability-example.yml"));
		String tel = newKey();
		this.keys.add("audit");
		this.runner
			.withInitializer((context) -> example.forEach(context.getEnvironment().getPropertySources()::addFirst))
			.withPropertyValues("pottery.structures.tel.type=map", "pottery.structures.tel.key=" + tel,
					"pottery.structures.tel.key-type=java.lang.String",
					"pottery.structures.tel.value-type=java.lang.Integer")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(Pottery.class).durability())
					.isEqualTo(Durability.replicas(1, java.time.Duration.ofSeconds(1)));
				RedisMap<String, Integer> telBean = bean(context, "tel", RedisMap.class);
				telBean.put("jack", 4098);
				EmbeddedRedisServer replica = sentinel.replicas().get(0);
				try (StatefulRedisConnection<String, String> onReplica = client
					.connect(RedisURI.create(replica.url()))) {
					// no waiting: the put returned once the replica had it
					assertThat(onReplica.sync().hget(tel, "\"jack\"")).isEqualTo("4098");
				}
				RedisList<String> auditBean = bean(context, "audit", RedisList.class);
				assertThatExceptionOfType(NotReplicatedException.class).isThrownBy(() -> auditBean.add("login"))
					.withMessageContaining("not confirmed by 2 replicas (1 confirmed within 1000 ms)");
				assertThat(primary.sync().lrange("audit", 0, -1)).containsExactly("\"login\"");
			});
	}

	@Test
	void badDurabilitySettingsFailTheStartupNamingTheProperty() {
		this.runner.withPropertyValues("pottery.durability.replicas=-1").run((context) -> {
			assertThat(context).hasFailed();
			assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
				.isInstanceOf(InvalidPotteryPropertyException.class)
				.hasMessageContaining("pottery.durability.replicas");
		});
		this.runner.withPropertyValues("pottery.durability.replicas=1", "pottery.durability.timeout=0s")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.hasMessageContaining("pottery.durability.timeout");
			});
		this.runner
			.withPropertyValues("pottery.structures.printer.type=redlock",
					"pottery.structures.printer.durability-replicas=1")
			.run((context) -> {
				assertThat(context).hasFailed();
				assertThat(NestedExceptionUtils.getMostSpecificCause(context.getStartupFailure()))
					.hasMessageContaining("pottery.structures.printer.durability-replicas")
					.hasMessageContaining("independent Redlock masters");
			});
	}

	@Test
	void redlockWithoutMastersFailsWhenUsedNamingThePropertyAndSentinel() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			Pottery pottery = context.getBean(Pottery.class);
			assertThat(pottery.masters().isAvailable()).isFalse();
			assertThatIllegalStateException().isThrownBy(() -> pottery.redlock("printer"))
				.withMessageContaining("Sentinel")
				.withMessageContaining("pottery.redlock.masters");
			Health health = context.getBean("potteryHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
		});
	}

	@Test
	void synchronizedOnIndependentMastersAndRedisCachedOnTheSentinelPrimary() {
		this.keys.add(Invoices.CACHE_KEY);
		this.runner.withPropertyValues("pottery.redlock.masters[0]=" + this.standalone.url())
			.withBean(Invoices.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				Invoices invoices = context.getBean(Invoices.class);
				assertThat(invoices.settle(7)).isEqualTo("settled 7");
				assertThat(invoices.total(7)).isEqualTo(700);
				assertThat(invoices.total(7)).isEqualTo(700);
				assertThat(invoices.computed()).isEqualTo(1);
				assertThat(primary.sync().hget(Invoices.CACHE_KEY, "[7]")).isEqualTo("700");
				Pottery pottery = context.getBean(Pottery.class);
				try (Redlock.Held held = pottery.redlock("pottery:test:sentinel-printer").acquire()) {
					assertThat(this.standalone.commands().exists("redlock:pottery:test:sentinel-printer")).isOne();
					assertThat(primary.sync().exists("redlock:pottery:test:sentinel-printer")).isZero();
				}
				Health health = context.getBean("potteryHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.UP);
			});
	}

	@Test
	void healthNamesThePrimaryTheSentinelsChoseAndItsReplicasInSync() {
		this.runner.withPropertyValues("pottery.redlock.masters[0]=" + this.standalone.url()).run((context) -> {
			sentinel.awaitReplicasInSync(1, java.time.Duration.ofSeconds(30));
			Health health = context.getBean("potteryHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			@SuppressWarnings("unchecked")
			java.util.Map<String, Object> details = (java.util.Map<String, Object>) health.getDetails().get("sentinel");
			assertThat(details).containsEntry("master", "pottery")
				.containsEntry("primary", "127.0.0.1:" + sentinel.primary().port())
				.containsEntry("replicas", 1)
				.containsEntry("replicasInSync", 1);
		});
	}

	@Test
	void aReplicaIsInSyncWhenOnlineAndAcknowledgedWithinASecond() {
		assertThat(dev.pottery.autoconfigure.health.SentinelTopologyAccess.inSync(
				"ip=127.0.0.1,port=6380,state=online,offset=42,lag=0")).isTrue();
		assertThat(dev.pottery.autoconfigure.health.SentinelTopologyAccess.inSync(
				"ip=127.0.0.1,port=6380,state=online,offset=42,lag=5")).isFalse();
		assertThat(dev.pottery.autoconfigure.health.SentinelTopologyAccess.inSync(
				"ip=127.0.0.1,port=6380,state=wait_bgsave,offset=0,lag=0")).isFalse();
	}

	@Test
	void embeddedRedisIsNotStartedWhenSentinelNodesAreSet() {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, "pottery.embedded.enabled=true",
				"spring.data.redis.sentinel.master=" + sentinel.masterName(),
				"spring.data.redis.sentinel.nodes=" + String.join(",", sentinel.sentinelNodes()));
		new EmbeddedRedisEnvironmentPostProcessor((log) -> log.get()).postProcessEnvironment(environment,
				new SpringApplication());
		assertThat(environment.getPropertySources().contains(EmbeddedRedisEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
	}

	@SuppressWarnings("unchecked")
	private static <T> T bean(org.springframework.context.ApplicationContext context, String name, Class<?> type) {
		return (T) context.getBean(name, type);
	}

	static class Invoices {

		static final String CACHE_KEY = "pottery:test:sentinel-invoice-totals";

		private int computed;

		@Synchronized(key = "'pottery:test:invoice:' + #id")
		public String settle(long id) {
			return "settled " + id;
		}

		@RedisCached(key = CACHE_KEY)
		public int total(int id) {
			this.computed++;
			return id * 100;
		}

		public int computed() {
			return this.computed;
		}

	}

}
