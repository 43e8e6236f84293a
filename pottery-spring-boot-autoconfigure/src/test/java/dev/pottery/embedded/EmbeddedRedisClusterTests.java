package dev.pottery.embedded;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Starts a real 3-master Redis Cluster from the embedded binary and checks how it is set up.
 */
class EmbeddedRedisClusterTests {

	private static EmbeddedRedisCluster cluster;

	private static RedisClient client;

	@BeforeAll
	static void start() {
		cluster = EmbeddedRedisCluster.start(3);
		client = RedisClient.create();
	}

	@AfterAll
	static void stop() {
		client.shutdown();
		cluster.close();
	}

	@Test
	void everyNodeIsAClusterNodeWithoutPersistenceAndWithItsOwnNodesConf() {
		assertThat(cluster.size()).isEqualTo(3);
		List<String> directories = new ArrayList<>();
		for (EmbeddedRedisServer node : cluster) {
			assertThat(node.isClusterNode()).isTrue();
			assertThat(node.clusterBusPort()).isPositive().isNotEqualTo(node.port());
			try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(node.url()))) {
				RedisCommands<String, String> commands = connection.sync();
				assertThat(commands.configGet("cluster-enabled")).containsEntry("cluster-enabled", "yes");
				assertThat(commands.configGet("cluster-node-timeout")).containsEntry("cluster-node-timeout", "2000");
				assertThat(commands.configGet("save")).containsEntry("save", "");
				assertThat(commands.configGet("appendonly")).containsEntry("appendonly", "no");
				assertThat(commands.configGet("bind")).containsEntry("bind", "127.0.0.1");
				String directory = commands.configGet("dir").get("dir");
				Path nodesConf = Path.of(commands.configGet("cluster-config-file").get("cluster-config-file"));
				assertThat(nodesConf).isEqualTo(Path.of(directory, "nodes.conf"));
				assertThat(Files.exists(nodesConf)).isTrue();
				directories.add(directory);
				assertThat(commands.clusterInfo()).contains("cluster_state:ok", "cluster_slots_ok:16384",
						"cluster_known_nodes:3", "cluster_size:3");
			}
		}
		assertThat(directories).doesNotHaveDuplicates();
		assertThat(cluster.nodes()).containsExactlyElementsOf(
				cluster.urls().stream().map((url) -> url.substring("redis://".length())).toList());
	}

	@Test
	void slotsAreSplitEvenlyInNodeOrder() {
		Map<Integer, Integer> firstSlots = Map.of(0, 0, 1, 5461, 2, 10922);
		firstSlots.forEach((index, slot) -> {
			try (StatefulRedisConnection<String, String> connection = client
				.connect(RedisURI.create(cluster.get(index).url()))) {
				String myself = connection.sync().clusterNodes().lines()
					.filter((line) -> line.contains("myself"))
					.findFirst()
					.orElseThrow();
				int last = (index + 1) * 16384 / 3 - 1;
				assertThat(myself).endsWith(" " + slot + "-" + last);
			}
		});
	}

	@Test
	void aClusterClientRoutesKeysToTheirMasters() {
		RedisClusterClient clusterClient = RedisClusterClient
			.create(cluster.urls().stream().map(RedisURI::create).toList());
		try (StatefulRedisClusterConnection<String, String> connection = clusterClient.connect()) {
			List<String> keys = List.of("pottery:test:cluster:a", "pottery:test:cluster:b", "pottery:test:cluster:c");
			for (String key : keys) {
				connection.sync().set(key, key);
			}
			for (String key : keys) {
				try (StatefulRedisConnection<String, String> direct = client
					.connect(RedisURI.create(cluster.get(owner(key)).url()))) {
					assertThat(direct.sync().get(key)).isEqualTo(key);
				}
			}
			connection.sync().del(keys.toArray(String[]::new));
		}
		finally {
			clusterClient.shutdown();
		}
	}

	/** The index of the master holding the key's slot: master i of 3 holds [i * 16384 / 3, (i + 1) * 16384 / 3). */
	private static int owner(String key) {
		int slot = SlotHash.getSlot(key);
		int index = 0;
		while ((index + 1) * 16384 / 3 <= slot) {
			index++;
		}
		return index;
	}

	@Test
	void startRejectsAnEmptyCluster() {
		assertThatIllegalArgumentException().isThrownBy(() -> EmbeddedRedisCluster.start(0))
			.withMessage("'masters' must be at least 1");
	}

	@Test
	void closeStopsEveryNode() {
		try (EmbeddedRedisCluster single = EmbeddedRedisCluster.start(1)) {
			assertThat(single.get(0).isRunning()).isTrue();
			single.close();
			assertThat(single.get(0).isRunning()).isFalse();
		}
	}

}
