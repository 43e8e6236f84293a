package dev.pottery.autoconfigure.health;

import java.util.Map;

import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import dev.pottery.embedded.EmbeddedRedisServer;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PotteryHealthIndicator} and {@link PotteryHealthContributorAutoConfiguration}, against three real
 * Redis masters that are paused to take them away.
 */
@RealRedis(servers = 3, controllable = true)
class PotteryHealthIndicatorTests {

	private final RedisServers servers;

	private final ApplicationContextRunner runner;

	PotteryHealthIndicatorTests(RedisServers servers) {
		this.servers = servers;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class,
					PotteryHealthContributorAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + servers.get(0).url(), "pottery.redlock.master-timeout=1s",
					"pottery.redlock.masters[0]=" + servers.get(0).url(),
					"pottery.redlock.masters[1]=" + servers.get(1).url(),
					"pottery.redlock.masters[2]=" + servers.get(2).url());
	}

	// ---- status

	@Test
	void healthWhenEveryMasterAnswersIsUp() {
		this.runner.run((context) -> {
			Health health = context.getBean("potteryHealthIndicator", HealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(masters(health)).containsOnlyKeys(this.servers.urls())
				.allSatisfy((url, detail) -> assertThat(detail).containsEntry("status", "UP").containsKey("latencyMillis"));
			assertThat(group(health)).containsEntry("quorum", 2).containsEntry("answered", 3);
		});
	}

	@Test
	void healthWhenOnlyAMajorityAnswersIsDegraded() {
		this.runner.run((context) -> {
			this.servers.get(2).pause();
			try {
				Health health = context.getBean("potteryHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(PotteryHealthIndicator.DEGRADED);
				assertThat(group(health)).containsEntry("answered", 2);
				assertThat(masters(health).get(this.servers.get(2).url())).containsEntry("status", "DOWN")
					.containsEntry("error", "no answer in time");
			}
			finally {
				this.servers.get(2).resume();
			}
		});
	}

	@Test
	void healthWithoutAMajorityIsDown() {
		this.runner.run((context) -> {
			this.servers.get(1).pause();
			this.servers.get(2).pause();
			try {
				Health health = context.getBean("potteryHealthIndicator", HealthIndicator.class).health();
				assertThat(health.getStatus()).isEqualTo(Status.DOWN);
				assertThat(group(health)).containsEntry("answered", 1);
			}
			finally {
				this.servers.get(1).resume();
				this.servers.get(2).resume();
			}
		});
	}

	@Test
	void degradedCountsAsHealthyForHttpAndIsIgnoredByTheDefaultAggregate() {
		assertThat(new SimpleHttpCodeStatusMapper().getStatusCode(PotteryHealthIndicator.DEGRADED)).isEqualTo(200);
		assertThat(new SimpleStatusAggregator().getAggregateStatus(Status.UP, PotteryHealthIndicator.DEGRADED))
			.isEqualTo(Status.UP);
		assertThat(new SimpleStatusAggregator("down", "out-of-service", "degraded", "up", "unknown")
			.getAggregateStatus(Status.UP, PotteryHealthIndicator.DEGRADED)).isEqualTo(PotteryHealthIndicator.DEGRADED);
	}

	// ---- details

	@Test
	void detailsNeverShowPasswordsAndListNamedGroups() {
		try (EmbeddedRedisServer secured = EmbeddedRedisServer.builder().setting("requirepass", "s3cret").start()) {
			String url = "redis://:s3cret@" + secured.host() + ":" + secured.port();
			this.runner
				.withPropertyValues("pottery.redlock.masters=" + url + ",redis://:s3cret@127.0.0.1:1",
						"pottery.redlock.groups.billing=" + url)
				.run((context) -> {
					Health health = context.getBean("potteryHealthIndicator", HealthIndicator.class).health();
					assertThat(health.getStatus()).isEqualTo(Status.DOWN);
					assertThat(health.toString()).doesNotContain("s3cret");
					assertThat(masters(health)).containsOnlyKeys("redis://:****@" + secured.host() + ":" + secured.port(),
							"redis://:****@127.0.0.1:1");
					assertThat(masters(health).get("redis://:****@127.0.0.1:1")).containsEntry("status", "DOWN")
						.containsKey("error");
					assertThat(health.getDetails()).containsKey("groups");
					assertThat(health.getDetails().get("groups").toString()).contains("billing").contains("UP");
				});
		}
	}

	// ---- conditions

	@Test
	void runWhenDisabledShouldNotCreateIndicator() {
		this.runner.withPropertyValues("management.health.pottery.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(PotteryHealthIndicator.class));
	}

	@Test
	void runWithoutHealthClassesShouldNotCreateIndicator() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean("potteryHealthIndicator"));
	}

	@Test
	void userIndicatorWins() {
		this.runner.withBean("potteryHealthIndicator", HealthIndicator.class, () -> () -> Health.up().build())
			.run((context) -> assertThat(context).doesNotHaveBean(PotteryHealthIndicator.class));
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> group(Health health) {
		return (Map<String, Object>) health.getDetails().get("masters");
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Map<String, Object>> masters(Health health) {
		return (Map<String, Map<String, Object>>) group(health).get("masters");
	}

}
