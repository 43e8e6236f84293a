package dev.pottery.test;

import java.util.ArrayList;
import java.util.List;

import dev.pottery.embedded.EmbeddedRedisCluster;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisClusterConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A {@link RedisCluster} on an {@link EmbeddedRedisCluster}, with lazily created clients, all closed with it.
 */
final class EmbeddedTestCluster implements RedisCluster, AutoCloseable {

	private final EmbeddedRedisCluster cluster;

	private @Nullable LettuceConnectionFactory connectionFactory;

	private @Nullable RedisClusterClient clusterClient;

	private @Nullable StatefulRedisClusterConnection<String, String> clusterConnection;

	private @Nullable RedisClient client;

	private final List<@Nullable StatefulRedisConnection<String, String>> masterConnections = new ArrayList<>();

	private EmbeddedTestCluster(EmbeddedRedisCluster cluster) {
		this.cluster = cluster;
		for (int i = 0; i < cluster.size(); i++) {
			this.masterConnections.add(null);
		}
	}

	static EmbeddedTestCluster start(int masters) {
		return new EmbeddedTestCluster(EmbeddedRedisCluster.start(masters));
	}

	@Override
	public List<String> nodes() {
		return this.cluster.nodes();
	}

	@Override
	public synchronized LettuceConnectionFactory connectionFactory() {
		if (this.connectionFactory == null) {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisClusterConfiguration(nodes()));
			factory.afterPropertiesSet();
			factory.start();
			this.connectionFactory = factory;
		}
		return this.connectionFactory;
	}

	@Override
	public synchronized RedisAdvancedClusterCommands<String, String> commands() {
		if (this.clusterConnection == null) {
			this.clusterClient = RedisClusterClient
				.create(this.cluster.urls().stream().map(RedisURI::create).toList());
			this.clusterConnection = this.clusterClient.connect();
		}
		return this.clusterConnection.sync();
	}

	@Override
	public synchronized RedisCommands<String, String> masterOf(String key) {
		int index = masterIndex(key);
		StatefulRedisConnection<String, String> connection = this.masterConnections.get(index);
		if (connection == null) {
			if (this.client == null) {
				this.client = RedisClient.create();
			}
			connection = this.client.connect(RedisURI.create(this.cluster.urls().get(index)));
			this.masterConnections.set(index, connection);
		}
		return connection.sync();
	}

	/** The master serving the key's slot: master i of N holds slots [i * 16384 / N, (i + 1) * 16384 / N). */
	private int masterIndex(String key) {
		int slot = SlotHash.getSlot(key);
		int masters = this.cluster.size();
		int index = 0;
		while ((index + 1) * EmbeddedRedisCluster.SLOTS / masters <= slot) {
			index++;
		}
		return index;
	}

	@Override
	public String newKeyOnAnotherMaster(String key) {
		int master = masterIndex(key);
		while (true) {
			String candidate = newKey();
			if (masterIndex(candidate) != master) {
				return candidate;
			}
		}
	}

	@Override
	public synchronized void close() {
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
		if (this.clusterConnection != null) {
			this.clusterConnection.close();
		}
		if (this.clusterClient != null) {
			this.clusterClient.shutdown();
		}
		for (StatefulRedisConnection<String, String> connection : this.masterConnections) {
			if (connection != null) {
				connection.close();
			}
		}
		if (this.client != null) {
			this.client.shutdown();
		}
		this.cluster.close();
	}

	@Override
	public String toString() {
		return "EmbeddedTestCluster" + nodes();
	}

}
