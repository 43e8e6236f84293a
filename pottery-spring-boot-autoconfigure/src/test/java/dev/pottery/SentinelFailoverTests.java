package dev.pottery;

import java.time.Duration;
import java.util.Set;
import java.util.UUID;

import dev.pottery.internal.PotteryConnection;
import dev.pottery.embedded.EmbeddedRedisSentinel;
import dev.pottery.embedded.EmbeddedRedisServer;
import dev.pottery.test.FailoverWorkload;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Sentinel failover does to Pottery's writes, measured rather than assumed ({@link FailoverWorkload}): 2
 * threads write to a map, a counter and a queue on a Sentinel-managed primary with 2 replicas; the primary is killed
 * mid-loop; the Sentinels promote a replica; the threads go on until each has written after the failover. Then every
 * write the application saw acknowledged is looked for on the promoted primary.
 *
 * <p>Redis replication is asynchronous: a write the killed primary acknowledged but had not yet sent to the replica
 * that was promoted is gone. Without a durability level that loss is possible, and this test reports it (it prints the
 * counts) instead of asserting it away. What it asserts: the application recovers on its own, and nothing
 * acknowledged by the promoted primary is lost.
 */
class SentinelFailoverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	/**
	 * The failures a durable write may end with: each says what happened to the write (applied on the primary but
	 * not confirmed; may have been applied; or, for a refused or failed connection, Redis never got it).
	 */
	static final Set<String> SAID_SO = Set.of("NotReplicatedException", "ConnectionLostException",
			"RedisConnectionFailureException");

	@ParameterizedTest(name = "durability {0}")
	@ValueSource(ints = { 0, 1 })
	void acknowledgedWritesAfterTheFailoverAllSurviveAndWithDurabilityNoneIsLost(int replicas) throws Exception {
		try (EmbeddedRedisSentinel redis = EmbeddedRedisSentinel.start(2, 3)) {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisSentinelConfiguration(redis.masterName(), Set.copyOf(redis.sentinelNodes())),
					LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
			factory.afterPropertiesSet();
			factory.start();
			PotteryConnection connection = PotteryConnection.of(factory);
			try {
				Pottery pottery = Pottery.create(connection.connectionFactory())
					.withDurability(Durability.replicas(replicas, Duration.ofSeconds(2)));
				FailoverWorkload.Report report = FailoverWorkload.run(pottery,
						"pottery:test:" + UUID.randomUUID(), () -> {
							EmbeddedRedisServer former = redis.primary();
							former.kill();
							redis.awaitFailover(former, TIMEOUT);
						});
				System.out.println("Sentinel failover, durability " + replicas + ": " + report);
				assertThat(report.lostAfterFailover()).as(report.toString()).isZero();
				assertThat(report.acknowledgedAfterFailover()).as(report.toString()).isPositive();
				if (replicas > 0) {
					assertThat(report.lostPutsAndOffers()).as(report.toString()).isZero();
					assertThat(report.incrementsLost()).as(report.toString()).isZero();
					assertThat(report.failures().keySet()).as(report.toString()).allMatch(SAID_SO::contains);
				}
			}
			finally {
				connection.close();
				factory.destroy();
			}
		}
	}

}
