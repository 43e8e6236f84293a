package dev.pottery.collections;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import dev.pottery.Durability;
import dev.pottery.NotReplicatedException;
import dev.pottery.Pottery;
import dev.pottery.embedded.EmbeddedRedisSentinel;
import dev.pottery.embedded.EmbeddedRedisServer;
import dev.pottery.internal.PotteryConnection;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.probabilistic.HyperLogLog;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link Durability}: structures that wait for replicas after each write, on a real Sentinel-managed primary with one
 * replica. A write that returned is on the replica; one the replica does not confirm in time throws
 * {@link NotReplicatedException} and is on the primary; the wait runs on a dedicated connection, so it holds up no
 * other command.
 */
class DurabilityTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private static EmbeddedRedisSentinel redis;

	private static LettuceConnectionFactory application;

	private static PotteryConnection connection;

	private static RedisClient client;

	private static RedisCommands<String, String> primary;

	private static RedisCommands<String, String> replica;

	private final String prefix = "pottery:test:durability:" + UUID.randomUUID() + ":";

	@BeforeAll
	static void start() {
		redis = EmbeddedRedisSentinel.start(1, 1);
		application = new LettuceConnectionFactory(
				new RedisSentinelConfiguration(redis.masterName(), Set.copyOf(redis.sentinelNodes())),
				LettuceClientConfiguration.builder().commandTimeout(TIMEOUT).build());
		application.afterPropertiesSet();
		application.start();
		connection = PotteryConnection.of(application);
		client = RedisClient.create();
		primary = client.connect(RedisURI.create(redis.primary().url())).sync();
		replica = client.connect(RedisURI.create(redis.replicas().get(0).url())).sync();
	}

	@AfterAll
	static void stop() {
		if (client != null) {
			client.shutdown();
		}
		if (connection != null) {
			connection.close();
		}
		if (application != null) {
			application.destroy();
		}
		if (redis != null) {
			redis.close();
		}
	}

	@AfterEach
	void resumeReplica() {
		EmbeddedRedisServer node = redis.replicas().get(0);
		if (node.isPaused()) {
			node.resume();
		}
	}

	private static Pottery pottery(Durability durability) {
		return Pottery.create(connection.connectionFactory()).withDurability(durability);
	}

	@Test
	void everyStructureWriteThatReturnedIsAlreadyOnTheReplica() {
		Pottery pottery = pottery(Durability.replicas(1, TIMEOUT));
		assertThat(pottery.durability().replicas()).isEqualTo(1);

		pottery.map(this.prefix + "map", String.class, Integer.class).put("jack", 4098);
		assertThat(replica.hget(this.prefix + "map", "\"jack\"")).isEqualTo("4098");

		assertThat(pottery.counter(this.prefix + "counter", String.class).increment("hits", 3)).isEqualTo(3);
		assertThat(replica.hget(this.prefix + "counter", "\"hits\"")).isEqualTo("3");

		pottery.queue(this.prefix + "queue", String.class).offer("job");
		assertThat(replica.xlen(this.prefix + "queue")).isEqualTo(1);

		pottery.set(this.prefix + "set", String.class).add("a");
		assertThat(replica.smembers(this.prefix + "set")).containsExactly("\"a\"");

		pottery.list(this.prefix + "list", String.class).add("b");
		assertThat(replica.lrange(this.prefix + "list", 0, -1)).containsExactly("\"b\"");

		pottery.deque(this.prefix + "deque", String.class).addFirst("c");
		assertThat(replica.lrange(this.prefix + "deque", 0, -1)).containsExactly("\"c\"");

		BloomFilter<String> bloom = pottery
			.bloomFilter(this.prefix + "bloom", 100, 0.01, String.class);
		bloom.add("d");
		assertThat(replica.strlen(this.prefix + "bloom")).isPositive();

		HyperLogLog<String> hll = pottery.hyperLogLog(this.prefix + "hll", String.class);
		hll.add("e");
		assertThat(replica.pfcount(this.prefix + "hll")).isEqualTo(1);
	}

	@Test
	void theReadmeExample() {
		Pottery pottery = Pottery.create(connection.connectionFactory());
		RedisMap<String, Integer> balances = pottery.withDurability(Durability.replicas(1, Duration.ofSeconds(1)))
			.map("balances", String.class, Integer.class);
		try {
			balances.put("alice", 100);
			assertThat(replica.hget("balances", "\"alice\"")).isEqualTo("100");
		}
		finally {
			primary.del("balances");
		}
	}

	@Test
	void aWriteNoReplicaConfirmsInTimeThrowsSayingItIsOnThePrimaryOnly() {
		RedisMap<String, Integer> map = pottery(Durability.replicas(1, Duration.ofMillis(300)))
			.map(this.prefix + "map", String.class, Integer.class);
		redis.replicas().get(0).pause();
		assertThatExceptionOfType(NotReplicatedException.class).isThrownBy(() -> map.put("jack", 4098))
			.satisfies((ex) -> {
				assertThat(ex.getKey()).isEqualTo(this.prefix + "map");
				assertThat(ex.getRequired()).isEqualTo(1);
				assertThat(ex.getConfirmed()).isZero();
				assertThat(ex.wasApplied()).isTrue();
				assertThat(ex.getMessage()).contains("RedisMap '" + this.prefix + "map'")
					.contains("written to the primary, not confirmed by 1 replica (0 confirmed within 300 ms)")
					.contains("may be lost on failover");
			});
		assertThat(primary.hget(this.prefix + "map", "\"jack\"")).isEqualTo("4098");
	}

	@Test
	void askingForMoreReplicasThanThereAreFailsEveryWriteWithTheCountThatConfirmed() {
		RedisCounter<String> counter = pottery(Durability.replicas(2, Duration.ofMillis(200)))
			.counter(this.prefix + "counter", String.class);
		assertThatExceptionOfType(NotReplicatedException.class).isThrownBy(() -> counter.increment("hits"))
			.satisfies((ex) -> assertThat(ex.getConfirmed()).isEqualTo(1))
			.withMessageContaining("not confirmed by 2 replicas (1 confirmed within 200 ms)");
		assertThat(primary.hget(this.prefix + "counter", "\"hits\"")).isEqualTo("1");
	}

	@Test
	void aWriteWaitingForItsReplicaHoldsUpNoOtherCommand() throws Exception {
		Pottery durable = pottery(Durability.replicas(1, TIMEOUT));
		RedisMap<String, Integer> map = durable.map(this.prefix + "map", String.class, Integer.class);
		map.put("before", 1);
		redis.replicas().get(0).pause();
		CompletableFuture<Integer> waiting = CompletableFuture.supplyAsync(() -> map.put("jack", 4098));
		awaitBlockedClient();
		// reads, and writes of structures that do not wait, go on while the durable write waits
		assertThat(map.get("before")).isEqualTo(1);
		assertThat(map.get("jack")).isEqualTo(4098);
		durable.withDurability(Durability.NONE).map(this.prefix + "other", String.class, Integer.class).put("x", 1);
		assertThat(waiting).isNotDone();
		redis.replicas().get(0).resume();
		assertThat(waiting.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS)).isNull();
		assertThat(replica.hget(this.prefix + "map", "\"jack\"")).isEqualTo("4098");
	}

	@Test
	void durableWritesReuseTheirDedicatedConnections() {
		RedisList<Integer> list = pottery(Durability.replicas(1, TIMEOUT)).list(this.prefix + "list", Integer.class);
		for (int i = 0; i < 20; i++) {
			list.add(i);
		}
		assertThat(PotteryConnection.durableWrites(connection.connectionFactory()).idleConnections()).isEqualTo(1);
		assertThat(replica.llen(this.prefix + "list")).isEqualTo(20);
	}

	@Test
	void durabilityNeedsPotterysOwnConnectionFactory() {
		Pottery plain = Pottery.create(application);
		assertThatIllegalStateException().isThrownBy(() -> plain.withDurability(Durability.replicas(1, TIMEOUT)))
			.withMessageContaining("PotteryConnection.of(connectionFactory)");
		assertThat(plain.withDurability(Durability.NONE)).isSameAs(plain);
	}

	@Test
	void durabilityValuesAreChecked() {
		assertThat(List.of(Durability.NONE.replicas(), Durability.replicas(1, Duration.ofMillis(1)).replicas()))
			.containsExactly(0, 1);
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> Durability.replicas(-1, TIMEOUT))
			.withMessageContaining("must not be negative");
		org.assertj.core.api.Assertions.assertThatIllegalArgumentException()
			.isThrownBy(() -> Durability.replicas(1, Duration.ZERO))
			.withMessageContaining("would wait forever");
	}

	private static void awaitBlockedClient() throws InterruptedException {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (blockedClients() < 1) {
			assertThat(System.nanoTime()).as("a client blocked in WAIT within " + TIMEOUT).isLessThan(deadline);
			Thread.sleep(5); // polling Redis for a condition, not synchronising threads
		}
	}

	private static long blockedClients() {
		for (String line : primary.info("clients").split("\r?\n")) {
			if (line.startsWith("blocked_clients:")) {
				return Long.parseLong(line.substring("blocked_clients:".length()).trim());
			}
		}
		return 0;
	}

}
