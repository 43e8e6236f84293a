package dev.pottery.lock;

import java.time.Duration;

import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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

	/**
	 * Assert that no master has the lock key, allowing a few seconds for releases that are still on their way (a
	 * release is chained after a slow master's acquisition, which the majority did not wait for). The tests' leases
	 * are at least 10 s, so a key really left behind cannot expire within this wait and pass unnoticed.
	 */
	static void assertNoLockKey(RedisServers servers, String name) {
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
			for (RedisServer server : servers) {
				assertThat(server.commands().exists("redlock:" + name)).as("redlock:%s on %s", name, server.url())
					.isZero();
			}
		});
	}

}
