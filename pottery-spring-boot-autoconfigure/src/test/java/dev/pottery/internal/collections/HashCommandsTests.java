package dev.pottery.internal.collections;

import java.nio.charset.StandardCharsets;
import java.time.Duration;

import dev.pottery.codec.PotteryJson;
import dev.pottery.collections.RedisMap;
import dev.pottery.internal.StructureSupport;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RealRedisCluster;
import dev.pottery.test.RedisCluster;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link HashCommands}: the HSCAN and HSET it sends to Lettuce directly wait as long as the connection
 * factory's command timeout says, on a standalone server and on a Redis Cluster alike.
 */
@RealRedis
@RealRedisCluster
class HashCommandsTests {

	private static final Duration TIMEOUT = Duration.ofMillis(2345);

	@Test
	void timeoutIsTheFactorysCommandTimeoutOnAStandaloneServer(RedisServer redis) {
		assertThat(timeoutOn(LettuceConnectionFactory.createRedisConfiguration(redis.url()))).isEqualTo(TIMEOUT);
	}

	@Test
	void timeoutIsTheFactorysCommandTimeoutOnACluster(RedisCluster cluster) {
		assertThat(timeoutOn(new RedisClusterConfiguration(cluster.nodes()))).isEqualTo(TIMEOUT);
	}

	private static Duration timeoutOn(RedisConfiguration configuration) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration,
				LettuceClientConfiguration.builder().commandTimeout(TIMEOUT).build());
		factory.afterPropertiesSet();
		factory.start();
		try {
			StructureSupport support = StructureSupport.attach(new StringRedisTemplate(factory), PotteryJson.create(),
					"pottery:test:timeout", "hash", "RedisMap");
			// a real round trip through HashCommands on this factory, then the timeout it waits for
			assertThat(HashCommands.scan(support, "pottery:test:timeout".getBytes(StandardCharsets.UTF_8), "0", 10)
				.isLast()).isTrue();
			return StructureSupport.commandTimeout(factory);
		}
		finally {
			factory.destroy();
		}
	}

}
