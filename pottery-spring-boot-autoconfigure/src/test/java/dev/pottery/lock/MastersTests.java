package dev.pottery.lock;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import dev.pottery.id.ReactiveNextId;
import dev.pottery.internal.Quorum;
import dev.pottery.internal.QuorumOutcome;
import dev.pottery.lock.Redlock;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Tests for {@link Masters}.
 */
@RealRedis(servers = 3)
@ExtendWith(OutputCaptureExtension.class)
class MastersTests {

	@Test
	void quorumIsAStrictMajority() {
		assertThat(quorumOf(1)).isEqualTo(1);
		assertThat(quorumOf(2)).isEqualTo(2);
		assertThat(quorumOf(3)).isEqualTo(2);
		assertThat(quorumOf(4)).isEqualTo(3);
		assertThat(quorumOf(5)).isEqualTo(3);
	}

	private static int quorumOf(int n) {
		try (Masters masters = Masters.of(java.util.stream.IntStream.rangeClosed(1, n)
			.mapToObj((port) -> "redis://127.0.0.1:" + port)
			.toList())) {
			return masters.quorum();
		}
	}

	@Test
	void urlsAndToStringMaskPasswords() {
		try (Masters masters = Masters.of("redis://user:secret@127.0.0.1:1/2", "redis://:secret@127.0.0.1:2",
				"rediss://127.0.0.1:3")) {
			assertThat(masters.urls()).containsExactly("redis://user:****@127.0.0.1:1/2", "redis://:****@127.0.0.1:2",
					"rediss://127.0.0.1:3");
			assertThat(masters.toString()).doesNotContain("secret");
			assertThat(masters.list().get(0).toString()).isEqualTo("redis://user:****@127.0.0.1:1/2");
		}
	}

	@Test
	void ofWithInvalidUrlThrowsWithMaskedPassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> Masters.of("http://user:secret@host"))
			.withMessageNotContaining("secret")
			.withMessageContaining("redis://");
	}

	@Test // issue 10: Lettuce silently fell back to 6379
	void ofWithANonNumericPortThrowsNamingTheMaskedUrl() {
		assertThatIllegalArgumentException().isThrownBy(() -> Masters.of("redis://user:secret@host:notaport/1"))
			.withMessageContaining("Invalid port 'notaport'")
			.withMessageContaining("redis://user:****@host:notaport/1")
			.withMessageNotContaining("secret");
		assertThatIllegalArgumentException().isThrownBy(() -> Masters.of("redis://host:70000"))
			.withMessageContaining("1 to 65535");
	}

	@Test // issue 10: one server listed twice counted twice towards every majority
	void ofTheSameServerTwiceThrows() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Masters.of("redis://127.0.0.1:7001", "redis://:pw@LOCALHOST:7002",
					"redis://:secret@127.0.0.1:7001/0"))
			.withMessageContaining("name the same server (127.0.0.1:7001/0)")
			.withMessageContaining("redis://127.0.0.1:7001")
			.withMessageNotContaining("secret");
		try (Masters distinct = Masters.of("redis://127.0.0.1:7001", "redis://127.0.0.1:7001/1")) {
			assertThat(distinct.size()).isEqualTo(2);
		}
	}

	@Test
	void maskReplacesPasswordsInAnyText() {
		assertThat(Masters.mask("failed on redis://u:p4ss@h:1 and rediss://:x@h:2"))
			.isEqualTo("failed on redis://u:****@h:1 and rediss://:****@h:2");
	}

	@Test
	void commandsReachTheSelectedDatabase(RedisServer server) {
		try (Masters masters = Masters.of(server.url() + "/3")) {
			String key = server.newKey();
			masters.list().get(0).execute((RedisAsyncCommands<String, String> commands) -> commands.set(key, "x")).join();
			assertThat(server.commands().exists(key)).isZero();
			assertThat(masters.list().get(0).execute((RedisAsyncCommands<String, String> commands) -> commands.get(key)).join())
				.isEqualTo("x");
			masters.list().get(0).execute((RedisAsyncCommands<String, String> commands) -> commands.del(key)).join();
		}
	}

	@Test
	void ofConnectionFactoriesReadsTheirStandaloneConfiguration(RedisServers servers) {
		List<LettuceConnectionFactory> factories = servers.servers().stream().map(RedisServer::connectionFactory).toList();
		try (Masters masters = Masters.ofConnectionFactories(factories)) {
			assertThat(masters.size()).isEqualTo(3);
			assertThat(masters.urls()).containsExactlyElementsOf(servers.urls());
			QuorumOutcome<String> pong = Quorum.run(masters, Quorum.DEFAULT_TIMEOUT, "PONG"::equals,
					(master) -> master.execute(RedisAsyncCommands::ping)).join();
			assertThat(pong.isAchieved()).isTrue();
		}
		// the factories were given, not created: they still work
		assertThat(factories.get(0).getConnection().ping()).isEqualTo("PONG");
	}

	@Test
	void releaseNotificationConnectionsClosedWithTheFactoryAreNotClosedAgain(RedisServer server,
			CapturedOutput output) throws Exception {
		// the Pub/Sub connection for release notifications comes from the factory's client; at shutdown the factory
		// may close it before the masters do (the sample logged Lettuce's "Connection is already closed")
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(server.url()));
		factory.afterPropertiesSet();
		factory.start();
		try {
			Masters masters = Masters.ofConnectionFactories(List.of(factory));
			try (ReleaseNotifications.Waiter waiter = masters.releaseNotifications()
				.register("pottery:test:notified", java.time.Duration.ofSeconds(30))) {
				assertThat(waiter.ready().get(30, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
			}
			factory.destroy();
			masters.close();
			assertThat(output).doesNotContain("Connection is already closed");
		}
		finally {
			factory.destroy();
		}
	}

	@Test
	void ofConnectionFactoryReconnectsAfterTheFactoryStoppedAndStartedAgain(RedisServer server, CapturedOutput output) {
		// as a Spring context's stop() and start() do (Spring Data Redis' factory is a SmartLifecycle): stopping it
		// shuts its Lettuce client down, and with it the connection the master opened from that client
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(server.url()));
		factory.afterPropertiesSet();
		factory.start();
		try {
			Masters masters = Masters.ofConnectionFactories(List.of(factory));
			assertThat(ping(masters)).isEqualTo("PONG");
			factory.stop();
			factory.start();
			assertThat(ping(masters)).isEqualTo("PONG");
			factory.stop();
			// the connection is already closed by its client: closing the masters must not close it again
			masters.close();
			assertThat(output).doesNotContain("already closed");
		}
		finally {
			factory.destroy();
		}
	}

	private static String ping(Masters masters) {
		return masters.list().get(0).execute(RedisAsyncCommands::ping).join();
	}

	@Test
	void ofConnectionFactoriesRejectsOtherClients(RedisServer server) {
		RedisURI uri = RedisURI.create(server.url());
		JedisConnectionFactory jedis = new JedisConnectionFactory(
				new RedisStandaloneConfiguration(uri.getHost(), uri.getPort()));
		jedis.afterPropertiesSet();
		jedis.start();
		try {
			assertThat(jedis.getConnection().ping()).isEqualTo("PONG");
			assertThatIllegalArgumentException().isThrownBy(() -> Masters.ofConnectionFactories(List.of(jedis)))
				.withMessageContaining("LettuceConnectionFactory");
		}
		finally {
			jedis.destroy();
		}
	}

	@Test
	void unavailableMastersHaveNoMasterAndFailWithTheirReasonWhenUsed() {
		Masters masters = Masters.unavailable("No masters here; configure some");
		assertThat(masters.isAvailable()).isFalse();
		assertThat(masters.list()).isEmpty();
		assertThat(masters.urls()).isEmpty();
		assertThat(masters).hasToString("Masters[unavailable]");
		assertThatIllegalStateException().isThrownBy(masters::requireAvailable)
			.withMessage("No masters here; configure some");
		assertThatIllegalStateException()
			.isThrownBy(() -> Quorum.run(masters, Duration.ofSeconds(1), (reply) -> true,
					(master) -> master.execute(RedisAsyncCommands::ping)))
			.withMessage("No masters here; configure some");
		assertThatIllegalStateException().isThrownBy(() -> Redlock.of(masters, "printer"))
			.withMessage("No masters here; configure some");
		assertThatIllegalStateException().isThrownBy(() -> ReactiveNextId.of(masters, "orders"))
			.withMessage("No masters here; configure some");
		masters.close();
	}

	@Test
	void ofApplicationRedisOnAStandaloneServerIsItsOnlyMaster(RedisServer server) {
		try (Masters masters = Masters.ofApplicationRedis(server.connectionFactory(), "unused advice")) {
			assertThat(masters.isAvailable()).isTrue();
			assertThat(masters.requireAvailable()).isSameAs(masters);
			assertThat(masters.size()).isOne();
			assertThat(ping(masters)).isEqualTo("PONG");
		}
	}

	@Test
	void ofApplicationRedisOnASentinelConfigurationIsUnavailableWithTheAdvice() {
		LettuceConnectionFactory sentinel = new LettuceConnectionFactory(
				new RedisSentinelConfiguration("mymaster", Set.of("127.0.0.1:26379")));
		Masters masters = Masters.ofApplicationRedis(sentinel, "Set the masters.");
		assertThat(masters.isAvailable()).isFalse();
		assertThatIllegalStateException().isThrownBy(masters::requireAvailable)
			.withMessageContaining("managed by Redis Sentinel")
			.withMessageEndingWith("Set the masters.");
	}

	@Test
	void ofConnectionsLeavesThemOpenOnClose(RedisServer server) {
		RedisClient client = RedisClient.create();
		try {
			StatefulRedisConnection<String, String> connection = client.connect(StringCodec.UTF8, RedisURI.create(server.url()));
			Masters masters = Masters.ofConnections(List.of(connection), List.of(server.url()));
			assertThat(masters.list().get(0).isConnected()).isTrue();
			masters.close();
			assertThat(connection.isOpen()).isTrue();
			connection.close();
		}
		finally {
			client.shutdown();
		}
	}

}
