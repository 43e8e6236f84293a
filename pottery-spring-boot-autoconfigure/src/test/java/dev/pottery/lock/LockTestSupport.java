package dev.pottery.lock;

import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Clean-up and assertions on the keys of one lock name.
 */
final class LockTestSupport {

	private LockTestSupport() {
	}

	static void deleteKeys(RedisServers servers, String name) {
		for (RedisServer server : servers) {
			try {
				server.commands().del("redlock:" + name, ReactiveRedlock.fenceKey(name));
			}
			catch (RuntimeException ex) {
				// a server a test killed or paused
			}
		}
	}

	static void assertNoLockKey(RedisServers servers, String name) {
		for (RedisServer server : servers) {
			assertThat(server.commands().exists("redlock:" + name)).as("redlock:%s on %s", name, server.url()).isZero();
		}
	}

}
