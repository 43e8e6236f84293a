package dev.pottery.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.health.PotteryHealthContributorAutoConfiguration;
import dev.pottery.cache.RedisCached;
import dev.pottery.collections.RedisDeque;
import dev.pottery.collections.RedisMap;
import dev.pottery.collections.RedisSet;
import dev.pottery.id.NextId;
import dev.pottery.lock.Redlock;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.lock.Masters;
import dev.pottery.sync.Synchronized;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RealRedisCluster;
import dev.pottery.test.RedisCluster;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.aop.AopAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.test.context.support.TestPropertySourceUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link PotteryAutoConfiguration} on an application whose Redis is a Redis Cluster
 * ({@code spring.data.redis.cluster.nodes}): it starts, its structures work on the cluster, and Redlock, NextId and
 * {@code @Synchronized} fail only when used without {@code pottery.redlock.masters}, naming that property.
 */
@RealRedisCluster
@RealRedis
class PotteryAutoConfigurationClusterTests {

	private final RedisCluster cluster;

	private final RedisServer standalone;

	private final ApplicationContextRunner runner;

	private final List<String> keys = new ArrayList<>();

	PotteryAutoConfigurationClusterTests(RedisCluster cluster, RedisServer standalone) {
		this.cluster = cluster;
		this.standalone = standalone;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(AopAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryAspectsAutoConfiguration.class,
					PotteryHealthContributorAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.cluster.nodes=" + String.join(",", cluster.nodes()));
	}

	private String newKey() {
		String key = this.cluster.newKey();
		this.keys.add(key);
		return key;
	}

	@AfterEach
	void deleteKeys() {
		if (!this.keys.isEmpty()) {
			this.cluster.commands().del(this.keys.toArray(String[]::new));
		}
	}

	@Test
	void startsOnAClusterAndItsStructureBeansWorkThere() {
		String tel = newKey();
		String basket = newKey();
		String recent = newKey();
		String dilberts = newKey();
		this.keys.add(dilberts + ":bloom-params");
		this.runner
			.withPropertyValues("pottery.structures.tel.type=map", "pottery.structures.tel.key=" + tel,
					"pottery.structures.tel.key-type=java.lang.String",
					"pottery.structures.tel.value-type=java.lang.Integer", "pottery.structures.basket.type=set",
					"pottery.structures.basket.key=" + basket,
					"pottery.structures.basket.element-type=java.lang.String", "pottery.structures.recent.type=deque",
					"pottery.structures.recent.key=" + recent, "pottery.structures.recent.max-length=2",
					"pottery.structures.recent.element-type=java.lang.Long",
					"pottery.structures.dilberts.type=bloom-filter", "pottery.structures.dilberts.key=" + dilberts,
					"pottery.structures.dilberts.element-type=java.lang.String",
					"pottery.structures.dilberts.num-elements=100", "pottery.structures.dilberts.false-positives=0.01")
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(Pottery.class).hasSingleBean(Masters.class);
				assertThat(context.getBean(RedisConnectionFactory.class))
					.isInstanceOfSatisfying(LettuceConnectionFactory.class,
							(factory) -> assertThat(factory.isClusterAware()).isTrue());
				RedisMap<String, Integer> telBean = bean(context, "tel", RedisMap.class);
				RedisSet<String> basketBean = bean(context, "basket", RedisSet.class);
				RedisDeque<Long> recentBean = bean(context, "recent", RedisDeque.class);
				BloomFilter<String> dilbertsBean = bean(context, "dilberts", BloomFilter.class);
				assertThat(telBean.putIfAbsent("jack", 4098)).isNull();
				assertThat(telBean.merge("jack", 1, Integer::sum)).isEqualTo(4099);
				assertThat(basketBean.containsMany("apple")).containsExactly(false);
				recentBean.addAll(List.of(1L, 2L, 3L));
				assertThat(recentBean.toList()).containsExactly(2L, 3L);
				dilbertsBean.add("rajiv");
				assertThat(dilbertsBean.mightContain("rajiv")).isTrue();
				assertThat(this.cluster.commands().hget(tel, "\"jack\"")).isEqualTo("4099");
			});
	}

	@Test
	void redlockAndNextIdWithoutMastersFailWhenUsedNamingTheProperty() {
		this.runner.run((context) -> {
			assertThat(context).hasNotFailed();
			Pottery pottery = context.getBean(Pottery.class);
			assertThat(pottery.masters().isAvailable()).isFalse();
			assertThat(pottery.masters()).hasToString("Masters[unavailable]");
			assertThatIllegalStateException().isThrownBy(() -> pottery.redlock("printer"))
				.withMessageContaining("Redis Cluster")
				.withMessageContaining("pottery.redlock.masters");
			assertThatIllegalStateException().isThrownBy(() -> pottery.reactiveRedlock("printer"))
				.withMessageContaining("pottery.redlock.masters");
			assertThatIllegalStateException().isThrownBy(() -> pottery.nextId("orders"))
				.withMessageContaining("pottery.redlock.masters");
			assertThatIllegalStateException().isThrownBy(() -> pottery.reactiveNextId("orders"))
				.withMessageContaining("pottery.redlock.masters");
			assertThatIllegalStateException().isThrownBy(() -> Redlock.of(context.getBean(Masters.class), "printer"))
				.withMessageContaining("pottery.redlock.masters");
		});
	}

	@Test
	void synchronizedWithoutMastersFailsWhenCalledAndRedisCachedWorks() {
		String cacheKey = Invoices.CACHE_KEY;
		this.keys.add(cacheKey);
		this.runner.withBean(Invoices.class).run((context) -> {
			assertThat(context).hasNotFailed();
			Invoices invoices = context.getBean(Invoices.class);
			assertThatIllegalStateException().isThrownBy(() -> invoices.settle(7))
				.withMessageContaining("pottery.redlock.masters");
			assertThat(invoices.total(7)).isEqualTo(700);
			assertThat(invoices.total(7)).isEqualTo(700);
			assertThat(invoices.computed()).isEqualTo(1);
			assertThat(this.cluster.commands().hget(cacheKey, "[7]")).isEqualTo("700");
		});
	}

	@Test
	void redlockNextIdAndSynchronizedRunOnConfiguredMastersBesideTheCluster() {
		String sequence = "pottery:test:" + java.util.UUID.randomUUID();
		this.runner.withPropertyValues("pottery.redlock.masters[0]=" + this.standalone.url(), "pottery.redlock.master-timeout=5s")
			.withBean(Invoices.class)
			.run((context) -> {
				Pottery pottery = context.getBean(Pottery.class);
				assertThat(pottery.masters().isAvailable()).isTrue();
				assertThat(pottery.masters().urls()).containsExactly(this.standalone.url());
				try (Redlock.Held held = pottery.redlock("pottery:test:printer").acquire()) {
					assertThat(held.lock().remainingLease()).isPositive();
					assertThat(this.standalone.commands().exists("redlock:pottery:test:printer")).isOne();
				}
				NextId ids = pottery.nextId(sequence);
				assertThat(ids.next()).isEqualTo(1);
				assertThat(context.getBean(Invoices.class).settle(7)).isEqualTo("settled 7");
			});
		this.standalone.commands().del("nextid:" + sequence);
	}

	@Test
	void healthWithoutMastersIsUnknownAndSaysWhy() {
		this.runner.run((context) -> {
			Health health = context.getBean("potteryHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UNKNOWN);
			@SuppressWarnings("unchecked")
			Map<String, Object> masters = (Map<String, Object>) health.getDetails().get("masters");
			assertThat(masters).containsEntry("available", false);
			assertThat((String) masters.get("reason")).contains("pottery.redlock.masters");
		});
	}

	@Test
	void healthWithMastersBesideTheClusterIsUp() {
		this.runner.withPropertyValues("pottery.redlock.masters[0]=" + this.standalone.url(), "pottery.redlock.master-timeout=5s").run((context) -> {
			Health health = context.getBean("potteryHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void embeddedRedisIsNotStartedWhenClusterNodesAreSet() {
		StandardEnvironment environment = new StandardEnvironment();
		TestPropertySourceUtils.addInlinedPropertiesToEnvironment(environment, "pottery.embedded.enabled=true",
				"spring.data.redis.cluster.nodes=" + String.join(",", this.cluster.nodes()));
		new EmbeddedRedisEnvironmentPostProcessor((log) -> log.get()).postProcessEnvironment(environment,
				new SpringApplication());
		assertThat(environment.getPropertySources().contains(EmbeddedRedisEnvironmentPostProcessor.PROPERTY_SOURCE_NAME))
			.isFalse();
		assertThat(environment.containsProperty("spring.data.redis.url")).isFalse();
	}

	@SuppressWarnings("unchecked")
	private static <T> T bean(org.springframework.context.ApplicationContext context, String name, Class<?> type) {
		return (T) context.getBean(name, type);
	}

	static class Invoices {

		static final String CACHE_KEY = "pottery:test:cluster-invoice-totals";

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
