package dev.pottery.embedded;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Starts five real masters and pauses, kills and restarts them.
 */
class EmbeddedRedisServersTests {

	private static EmbeddedRedisServers masters;

	private static RedisClient client;

	@BeforeAll
	static void start() {
		masters = EmbeddedRedisServers.start(5);
		client = RedisClient.create();
	}

	@AfterAll
	static void stop() {
		client.shutdown();
		masters.close();
	}

	private static StatefulRedisConnection<String, String> connect(EmbeddedRedisServer server) {
		return connect(server, Duration.ofSeconds(5));
	}

	/** A short command timeout only where a test waits for one to expire (a paused server). */
	private static StatefulRedisConnection<String, String> connect(EmbeddedRedisServer server, Duration timeout) {
		RedisURI uri = RedisURI.create(server.url());
		uri.setTimeout(timeout);
		return client.connect(uri);
	}

	@Test
	void startsFiveIndependentMastersOnDistinctPorts() {
		assertThat(masters.size()).isEqualTo(5);
		Set<Integer> ports = new HashSet<>();
		for (EmbeddedRedisServer server : masters) {
			ports.add(server.port());
			assertThat(server.isRunning()).isTrue();
			assertThat(server.url()).isEqualTo("redis://127.0.0.1:" + server.port());
		}
		assertThat(ports).hasSize(5);
		assertThat(masters.urls()).hasSize(5).doesNotHaveDuplicates();
		// independent: a write to one is not seen by another
		try (StatefulRedisConnection<String, String> first = connect(masters.get(0));
				StatefulRedisConnection<String, String> second = connect(masters.get(1))) {
			first.sync().set("pottery:test:independent", "1");
			assertThat(second.sync().exists("pottery:test:independent")).isZero();
			first.sync().del("pottery:test:independent");
		}
	}

	@Test
	void runsWithoutPersistence() {
		try (StatefulRedisConnection<String, String> connection = connect(masters.get(0))) {
			RedisCommands<String, String> commands = connection.sync();
			assertThat(commands.configGet("save")).containsEntry("save", "");
			assertThat(commands.configGet("appendonly")).containsEntry("appendonly", "no");
			assertThat(commands.configGet("bind")).containsEntry("bind", "127.0.0.1");
			assertThat(commands.info("server")).contains("redis_version:7.");
		}
	}

	@Test
	void pausedServerAnswersNothingUntilResumed() {
		EmbeddedRedisServer server = masters.get(2);
		try (StatefulRedisConnection<String, String> connection = connect(server, Duration.ofMillis(300))) {
			connection.sync().set("pottery:test:paused", "kept");
			server.pause();
			assertThat(server.isPaused()).isTrue();
			assertThatExceptionOfType(RedisCommandTimeoutException.class).isThrownBy(() -> connection.sync().ping());
			// the other masters are unaffected
			try (StatefulRedisConnection<String, String> other = connect(masters.get(3))) {
				assertThat(other.sync().ping()).isEqualTo("PONG");
			}
			server.resume();
			assertThat(server.isPaused()).isFalse();
			assertThat(connection.sync().get("pottery:test:paused")).isEqualTo("kept");
			connection.sync().del("pottery:test:paused");
		}
	}

	@Test
	void killedServerRefusesConnectionsAndRestartsEmptyOnTheSamePort() {
		EmbeddedRedisServer server = masters.get(4);
		int port = server.port();
		try (StatefulRedisConnection<String, String> connection = connect(server)) {
			connection.sync().set("pottery:test:lost", "gone after kill");
		}
		server.kill();
		assertThat(server.isRunning()).isFalse();
		assertThatExceptionOfType(RedisConnectionException.class).isThrownBy(() -> connect(server));

		server.restart();
		assertThat(server.isRunning()).isTrue();
		assertThat(server.port()).isEqualTo(port);
		try (StatefulRedisConnection<String, String> connection = connect(server)) {
			assertThat(connection.sync().exists("pottery:test:lost")).isZero();
		}
	}

	@Test
	void pausedServerCanBeKilledAndRestarted() {
		EmbeddedRedisServer server = masters.get(1);
		server.pause();
		server.kill();
		assertThat(server.isPaused()).isFalse();
		server.restart();
		try (StatefulRedisConnection<String, String> connection = connect(server)) {
			assertThat(connection.sync().ping()).isEqualTo("PONG");
		}
	}

	@Test
	void pauseOfAStoppedServerFailsClearly() {
		EmbeddedRedisServer server = EmbeddedRedisServer.start();
		server.close();
		assertThat(server.isRunning()).isFalse();
		assertThatThrownBy(server::pause).isInstanceOf(EmbeddedRedisException.class)
			.hasMessageContaining("not running");
		server.close(); // idempotent
	}

	@Test
	void settingsArePassedToTheServer() {
		try (EmbeddedRedisServer server = EmbeddedRedisServer.builder().setting("requirepass", "s3cret").start()) {
			assertThat(server.url()).startsWith("redis://:s3cret@127.0.0.1:");
			try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(server.url()))) {
				assertThat(connection.sync().ping()).isEqualTo("PONG");
			}
			// without the password (a raw RESP call: Lettuce's handshake can end in a race of its own instead of the
			// server's NOAUTH when the server refuses it)
			assertThat(Resp.call(server, "GET", "x")).startsWith("-NOAUTH");
		}
	}

	@Test
	void aTakenFixedPortFailsWithTheServersOwnReason() {
		int taken = masters.get(0).port();
		assertThatThrownBy(() -> EmbeddedRedisServer.builder().port(taken).start())
			.isInstanceOf(EmbeddedRedisException.class)
			.hasMessageContaining("port " + taken)
			.hasMessageContaining("in use");
	}

	@Test
	void platformIsNamedLikeTheShippedBinaries() {
		assertThat(RedisServerBinary.platform()).isIn(List.of("linux-amd64", "linux-arm64", "linux-386",
				"darwin-amd64", "darwin-arm64"));
		assertThat(RedisServerBinary.resourceName("linux-amd64")).isEqualTo("redis-server-7.0.15-linux-amd64");
		assertThat(RedisServerBinary.class.getClassLoader()
			.getResource(RedisServerBinary.resourceName(RedisServerBinary.platform()))).isNotNull();
	}

}
