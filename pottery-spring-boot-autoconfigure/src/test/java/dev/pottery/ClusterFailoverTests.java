package dev.pottery;

import java.time.Duration;
import java.util.UUID;

import dev.pottery.internal.PotteryConnection;
import dev.pottery.collections.RedisMap;
import dev.pottery.embedded.EmbeddedRedisCluster;
import dev.pottery.embedded.EmbeddedRedisServer;
import dev.pottery.test.FailoverWorkload;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.ClusterTopologyRefreshOptions;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * What a Redis Cluster failover does to Pottery's writes ({@link FailoverWorkload}): a real cluster of 3 masters with
 * one replica each; the structures' keys share a hash tag served by master 0; master 0 is killed mid-loop and its
 * replica takes over its slots (after the 2 s node timeout); the client follows the new topology (Lettuce's adaptive
 * and periodic topology refresh, as {@code spring.data.redis.lettuce.cluster.refresh.*} sets them). Losses before the
 * promotion are counted and printed; nothing acknowledged after it may be lost.
 */
class ClusterFailoverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	/**
	 * With durability 1, each master has 2 replicas: after the failover the promoted replica still has one, so durable
	 * writes succeed again (with one replica per master, every durable write after the failover would fail).
	 */
	@ParameterizedTest(name = "durability {0}")
	@ValueSource(ints = { 0, 1 })
	void acknowledgedWritesAfterTheFailoverAllSurviveAndWithDurabilityNoneIsLost(int replicas) throws Exception {
		try (EmbeddedRedisCluster cluster = EmbeddedRedisCluster.start(3, replicas + 1)) {
			assertThat(cluster.replicasOf(0)).hasSize(replicas + 1);
			ClusterClientOptions options = ClusterClientOptions.builder()
				.topologyRefreshOptions(ClusterTopologyRefreshOptions.builder()
					.enableAllAdaptiveRefreshTriggers()
					.enablePeriodicRefresh(Duration.ofSeconds(1))
					.build())
				.build();
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisClusterConfiguration(cluster.nodes()), LettuceClientConfiguration.builder()
						.commandTimeout(Duration.ofSeconds(2))
						.clientOptions(options)
						.build());
			factory.afterPropertiesSet();
			factory.start();
			PotteryConnection connection = PotteryConnection.of(factory);
			try {
				if (replicas == 0) {
					// on the same cluster, before its failover: one cluster start fewer in the suite
					aDurableWriteWaitsForTheReplicaOfTheMasterThatServesItsKey(cluster, connection);
				}
				Pottery pottery = Pottery.create(connection.connectionFactory())
					.withDurability(Durability.replicas(replicas, Duration.ofSeconds(2)));
				FailoverWorkload.Report report = FailoverWorkload.run(pottery, keyPrefixOnMaster0(),
						() -> {
							EmbeddedRedisServer former = cluster.get(0);
							former.kill();
							cluster.awaitFailover(former, TIMEOUT);
						});
				System.out.println("Redis Cluster failover, durability " + replicas + ": " + report);
				assertThat(report.lostAfterFailover()).as(report.toString()).isZero();
				assertThat(report.acknowledgedAfterFailover()).as(report.toString()).isPositive();
				if (replicas > 0) {
					assertThat(report.lostPutsAndOffers()).as(report.toString()).isZero();
					assertThat(report.incrementsLost()).as(report.toString()).isZero();
					assertThat(report.failures().keySet()).as(report.toString())
						.allMatch(SentinelFailoverTests.SAID_SO::contains);
				}
			}
			finally {
				connection.close();
				factory.destroy();
			}
		}
	}

	/**
	 * A durable write waits for the replica of the master that serves its key: with master 0's replica paused, a write
	 * on master 0 is not confirmed, one on another master is (if WAIT went anywhere else it would confirm at once).
	 */
	private static void aDurableWriteWaitsForTheReplicaOfTheMasterThatServesItsKey(EmbeddedRedisCluster cluster,
			PotteryConnection connection) {
		Pottery pottery = Pottery.create(connection.connectionFactory())
			.withDurability(Durability.replicas(1, Duration.ofMillis(300)));
		RedisMap<String, Integer> onMaster0 = pottery.map(keyPrefixOnMaster0() + ":map", String.class, Integer.class);
		RedisMap<String, Integer> elsewhere = pottery.map(keyPrefixOnOtherMasters() + ":map", String.class,
				Integer.class);
		onMaster0.put("jack", 1);
		elsewhere.put("jack", 1);
		EmbeddedRedisServer replica = cluster.replicasOf(0).get(0);
		replica.pause();
		try {
			assertThatExceptionOfType(NotReplicatedException.class).isThrownBy(() -> onMaster0.put("jack", 2))
				.satisfies((ex) -> assertThat(ex.getConfirmed()).isZero());
			elsewhere.put("jack", 2);
		}
		finally {
			replica.resume();
		}
		assertThat(onMaster0.get("jack")).isEqualTo(2);
		onMaster0.clear();
		elsewhere.clear();
	}

	/** A {@code pottery:test:{tag}} prefix whose slot masters 1 or 2 serve. */
	private static String keyPrefixOnOtherMasters() {
		while (true) {
			String tag = UUID.randomUUID().toString();
			if (SlotHash.getSlot(tag) >= EmbeddedRedisCluster.SLOTS / 3 + 1) {
				return "pottery:test:{" + tag + "}";
			}
		}
	}

	/** A {@code pottery:test:{tag}} prefix whose slot master 0 serves (slots 0 to 5460 of 3 masters). */
	private static String keyPrefixOnMaster0() {
		while (true) {
			String tag = UUID.randomUUID().toString();
			if (SlotHash.getSlot(tag) < EmbeddedRedisCluster.SLOTS / 3) {
				return "pottery:test:{" + tag + "}";
			}
		}
	}

}
