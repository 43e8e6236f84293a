package dev.pottery.test;

import java.util.List;
import java.util.UUID;

import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * A real Redis Cluster given to a test class by {@link RealRedisCluster}: N masters, no replicas, the slots split
 * evenly in node order.
 */
public interface RedisCluster {

	/**
	 * The masters' addresses, in the form {@code spring.data.redis.cluster.nodes} takes.
	 * @return one {@code host:port} per master
	 */
	List<String> nodes();

	/**
	 * A started Lettuce connection factory on a {@code RedisClusterConfiguration} of all nodes, shared by the tests
	 * and destroyed at the end of the run.
	 * @return the factory
	 */
	LettuceConnectionFactory connectionFactory();

	/**
	 * Raw Lettuce cluster commands (routed by slot; multi-key commands split by slot, {@code SCAN} over all
	 * masters), for asserting what is stored byte for byte.
	 * @return synchronous cluster commands with String keys and values (UTF-8)
	 */
	RedisAdvancedClusterCommands<String, String> commands();

	/**
	 * Raw commands on the one master that serves {@code key}'s slot, for example to count its commands with
	 * {@link CommandStats}.
	 * @param key any key
	 * @return synchronous commands on that master
	 */
	RedisCommands<String, String> masterOf(String key);

	/**
	 * A fresh key for one test, {@code pottery:test:<uuid>}, in a random slot.
	 * @return a key no other test uses
	 */
	default String newKey() {
		return "pottery:test:" + UUID.randomUUID();
	}

	/**
	 * Fresh keys sharing one hash slot through a common hash tag: {@code pottery:test:{<uuid>}:0},
	 * {@code pottery:test:{<uuid>}:1}, ...
	 * @param count how many keys
	 * @return the keys
	 */
	default List<String> newKeysInOneSlot(int count) {
		String tag = UUID.randomUUID().toString();
		return java.util.stream.IntStream.range(0, count).mapToObj((i) -> "pottery:test:{" + tag + "}:" + i).toList();
	}

	/**
	 * A fresh key served by another master than {@code key} (so certainly in another slot).
	 * @param key a key
	 * @return a key no other test uses, on another master
	 */
	String newKeyOnAnotherMaster(String key);

}
