package dev.pottery.lock;

import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;

/**
 * Replays Python pottery's Redlock wire protocol (wire-format.md §3.1) with raw commands, standing in for a Python
 * client: {@code SET redlock:<key> <uuid4> PX <ttl> NX} on every master, and a compare-and-delete script to release.
 */
final class PythonRedlock {

	private static final String RELEASE = """
			if redis.call('get', KEYS[1]) == ARGV[1] then
				return redis.call('del', KEYS[1])
			else
				return 0
			end""";

	private final RedisServers servers;

	private final String key;

	PythonRedlock(RedisServers servers, String name) {
		this.servers = servers;
		this.key = "redlock:" + name;
	}

	boolean acquire(String uuid, long ttlMillis) {
		int ok = 0;
		for (RedisServer server : this.servers) {
			if ("OK".equals(server.commands().set(this.key, uuid, SetArgs.Builder.px(ttlMillis).nx()))) {
				ok++;
			}
		}
		if (ok > this.servers.size() / 2) {
			return true;
		}
		release(uuid);
		return false;
	}

	boolean release(String uuid) {
		int released = 0;
		for (RedisServer server : this.servers) {
			Long deleted = server.commands().eval(RELEASE, ScriptOutputType.INTEGER, new String[] { this.key }, uuid);
			if (deleted != null && deleted == 1) {
				released++;
			}
		}
		return released > this.servers.size() / 2;
	}

}
