package dev.pottery.autoconfigure.health;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

import dev.pottery.lock.Masters;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.RedisSentinelConnection;
import org.springframework.data.redis.connection.RedisServer;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The {@code sentinel} detail of the {@code pottery} health contributor, for an application whose Redis is managed by
 * Redis Sentinel: which primary the Sentinels name, how many replicas it has, and how many of them are in sync (online
 * and acknowledged within the last second). One {@code SENTINEL MASTERS} to a Sentinel and one
 * {@code INFO replication} on the application's connection per check; an error is reported in the detail, masked.
 */
final class SentinelTopology {

	private final LettuceConnectionFactory connectionFactory;

	private SentinelTopology(LettuceConnectionFactory connectionFactory) {
		this.connectionFactory = connectionFactory;
	}

	/**
	 * The topology check for a Sentinel-aware Lettuce connection factory, or {@code null} for any other.
	 */
	static @Nullable SentinelTopology of(RedisConnectionFactory connectionFactory) {
		if (connectionFactory instanceof LettuceConnectionFactory lettuce && lettuce.isRedisSentinelAware()) {
			return new SentinelTopology(lettuce);
		}
		return null;
	}

	Map<String, Object> details() {
		Map<String, Object> details = new LinkedHashMap<>();
		String name = String.valueOf(this.connectionFactory.getSentinelConfiguration().getMaster().getName());
		details.put("master", name);
		try (RedisSentinelConnection sentinel = this.connectionFactory.getSentinelConnection()) {
			for (RedisServer server : sentinel.masters()) {
				if (name.equals(server.getName())) {
					details.put("primary", server.getHost() + ":" + server.getPort());
				}
			}
		}
		catch (Exception ex) {
			details.put("error", describe(ex));
			return details;
		}
		try (RedisConnection connection = this.connectionFactory.getConnection()) {
			Properties replication = connection.serverCommands().info("replication");
			int replicas = Integer.parseInt(replication.getProperty("connected_slaves", "0"));
			int inSync = 0;
			for (int i = 0; i < replicas; i++) {
				if (inSync(replication.getProperty("slave" + i, ""))) {
					inSync++;
				}
			}
			details.put("replicas", replicas);
			details.put("replicasInSync", inSync);
		}
		catch (RuntimeException ex) {
			details.put("error", describe(ex));
		}
		return details;
	}

	/** {@code ip=...,port=...,state=online,offset=...,lag=0}: online and acknowledged within the last second. */
	static boolean inSync(String replica) {
		boolean online = false;
		long lag = Long.MAX_VALUE;
		for (String field : replica.split(",")) {
			if (field.equals("state=online")) {
				online = true;
			}
			else if (field.startsWith("lag=")) {
				try {
					lag = Long.parseLong(field.substring(4));
				}
				catch (NumberFormatException ex) {
					// not a number: not in sync
				}
			}
		}
		return online && lag <= 1;
	}

	private static String describe(Exception ex) {
		String message = ex.getMessage();
		return Masters.mask(ex.getClass().getSimpleName() + ((message != null) ? ": " + message : ""));
	}

}
