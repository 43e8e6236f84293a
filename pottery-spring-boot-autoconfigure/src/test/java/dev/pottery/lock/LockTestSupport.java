package dev.pottery.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

import dev.pottery.test.Concurrently;

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
	 * Let each lock (one per independent client) take turns on {@code sections} critical sections of
	 * {@code sectionMillis} (0: empty), asserting that only one client is ever inside, then that no client was
	 * starved: the least served got at least half the mean.
	 */
	static void assertNoClientStarved(List<Redlock> locks, int sections, long sectionMillis) throws Exception {
		int clients = locks.size();
		AtomicInteger started = new AtomicInteger();
		AtomicInteger inside = new AtomicInteger();
		AtomicLongArray served = new AtomicLongArray(clients);
		List<Concurrently.ThrowingRunnable> tasks = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			int client = i;
			Redlock lock = locks.get(i);
			tasks.add(() -> {
				while (started.incrementAndGet() <= sections) {
					assertThat(lock.tryLock(60, TimeUnit.SECONDS)).isTrue();
					try {
						assertThat(inside.incrementAndGet()).isOne();
						served.incrementAndGet(client);
						if (sectionMillis > 0) {
							Thread.sleep(sectionMillis); // the critical section
						}
						inside.decrementAndGet();
					}
					finally {
						lock.unlock();
					}
				}
			});
		}
		Concurrently.run(tasks);
		long[] counts = new long[clients];
		for (int i = 0; i < clients; i++) {
			counts[i] = served.get(i);
		}
		double mean = (double) sections / clients;
		assertThat(Arrays.stream(counts).sum()).isEqualTo(sections);
		assertThat(Arrays.stream(counts).min().getAsLong()).as("sections per client %s", Arrays.toString(counts))
			.isGreaterThanOrEqualTo((long) Math.ceil(0.5 * mean));
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
