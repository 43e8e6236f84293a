package dev.pottery.benchmarks;

import dev.pottery.embedded.EmbeddedRedisServer;
import org.junit.jupiter.api.Test;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PeerClients} reaches a server that requires a password when the URL carries one (as
 * {@code POTTERY_BENCH_REDIS_URL} may).
 */
class PeerClientsTests {

	@Test
	void redissonAuthenticatesWithThePasswordOfTheUrl() {
		try (EmbeddedRedisServer server = EmbeddedRedisServer.builder().setting("requirepass", "peer-secret").start()) {
			RedissonClient client = PeerClients.redisson(server.url());
			try {
				client.getBucket("pottery:bench:peer-clients", StringCodec.INSTANCE).set("Redis for Humans....");
				assertThat(client.getBucket("pottery:bench:peer-clients", StringCodec.INSTANCE).get())
					.isEqualTo("Redis for Humans....");
			}
			finally {
				client.shutdown();
			}
		}
	}

}
