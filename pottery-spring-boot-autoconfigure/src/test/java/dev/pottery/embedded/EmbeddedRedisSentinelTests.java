package dev.pottery.embedded;

import java.time.Duration;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Starts a real Sentinel-managed Redis (a primary, 2 replicas, 3 Sentinels) from the embedded binary, reaches it
 * through the Sentinels as an application does, and fails the primary over.
 */
class EmbeddedRedisSentinelTests {

	private static final Duration FAILOVER_TIMEOUT = Duration.ofSeconds(60);

	@Test
	void startsAPrimaryWithReplicasInSyncAndSentinelsThatKnowThemAll() {
		try (EmbeddedRedisSentinel redis = EmbeddedRedisSentinel.start(2, 3)) {
			assertThat(redis.masterName()).isEqualTo("pottery");
			assertThat(redis.sentinels()).hasSize(3).allSatisfy((sentinel) -> assertThat(sentinel.isSentinel()).isTrue());
			assertThat(redis.dataNodes()).hasSize(3).noneSatisfy((node) -> assertThat(node.isSentinel()).isTrue());
			assertThat(redis.primary()).isSameAs(redis.dataNodes().get(0));
			assertThat(redis.replicas()).containsExactlyElementsOf(redis.dataNodes().subList(1, 3));
			assertThat(redis.sentinelNodes()).hasSize(3).allSatisfy((node) -> assertThat(node).startsWith("127.0.0.1:"));
			RedisClient client = RedisClient.create();
			try (StatefulRedisConnection<String, String> replica = client
				.connect(RedisURI.create(redis.dataNodes().get(1).url()))) {
				assertThat(replica.sync().info("replication")).contains("role:slave")
					.contains("master_port:" + redis.primary().port());
			}
			finally {
				client.shutdown();
			}
		}
	}

	@Test
	void anApplicationConnectionThroughTheSentinelsFollowsAFailover() {
		try (EmbeddedRedisSentinel redis = EmbeddedRedisSentinel.start(2, 3)) {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisSentinelConfiguration(redis.masterName(), java.util.Set.copyOf(redis.sentinelNodes())));
			factory.afterPropertiesSet();
			factory.start();
			try {
				StringRedisTemplate template = new StringRedisTemplate(factory);
				template.opsForValue().set("pottery:test:before", "1");
				redis.awaitReplicasInSync(2, FAILOVER_TIMEOUT);
				EmbeddedRedisServer former = redis.primary();
				former.kill();
				EmbeddedRedisServer promoted = redis.awaitFailover(former, FAILOVER_TIMEOUT);
				assertThat(promoted).isNotSameAs(former).isIn(redis.dataNodes());
				assertThat(redis.primary()).isSameAs(promoted);
				// the write acknowledged by both replicas before the kill survives; the connection finds the new primary
				assertThat(awaitValue(template, "pottery:test:before")).isEqualTo("1");
				template.opsForValue().set("pottery:test:after", "2");
				assertThat(template.opsForValue().get("pottery:test:after")).isEqualTo("2");
			}
			finally {
				factory.destroy();
			}
		}
	}

	@Test
	void rejectsImpossibleTopologies() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedRedisSentinel.start(-1, 3))
			.withMessageContaining("'replicas'");
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedRedisSentinel.start(1, 0))
			.withMessageContaining("'sentinels'");
	}

	/** The connection reconnects to the promoted primary on its own; commands sent meanwhile may fail. */
	static String awaitValue(StringRedisTemplate template, String key) {
		long deadline = System.nanoTime() + FAILOVER_TIMEOUT.toNanos();
		RuntimeException last = null;
		while (System.nanoTime() < deadline) {
			try {
				return template.opsForValue().get(key);
			}
			catch (RuntimeException ex) {
				last = ex;
				Thread.onSpinWait();
			}
		}
		throw new AssertionError("No answer from the promoted primary within " + FAILOVER_TIMEOUT, last);
	}


}
