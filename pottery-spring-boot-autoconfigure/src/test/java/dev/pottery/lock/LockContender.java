package dev.pottery.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * Contends for one Redlock from its own threads, in this or a separate JVM: each critical section appends
 * {@code enter <fencing token>} to a log list, increments a counter with a non-atomic GET and SET, and appends
 * {@code exit <fencing token>}, all on the first master.
 *
 * <p>Arguments: lock name, counter key, log key, threads, sections per thread, comma-separated master URLs.
 */
public final class LockContender {

	private LockContender() {
	}

	public static void main(String[] args) throws Exception {
		List<String> urls = Arrays.asList(args[5].split(","));
		RedisClient client = RedisClient.create(urls.get(0));
		try (Masters masters = Masters.of(urls); StatefulRedisConnection<String, String> connection = client.connect()) {
			run(masters, connection.sync(), args[0], args[1], args[2], Integer.parseInt(args[3]), Integer.parseInt(args[4]));
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
		System.out.println("done");
	}

	static RedlockOptions options() {
		// a 30 s lease: a lock key left behind would outlive the test's final check instead of expiring unnoticed
		return RedlockOptions.builder()
			.autoReleaseTime(Duration.ofSeconds(30))
			.fencing(true)
			.retryDelay(Duration.ofMillis(5))
			.masterTimeout(Duration.ofSeconds(1))
			.build();
	}

	static void run(Masters masters, RedisCommands<String, String> commands, String name, String counter, String log,
			int threads, int sections) throws InterruptedException {
		List<Thread> workers = new ArrayList<>();
		List<Throwable> failures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Thread worker = new Thread(() -> {
				Redlock lock = Redlock.of(masters, name, options());
				try {
					for (int i = 0; i < sections; i++) {
						lock.lock();
						try {
							long token = lock.fencingToken();
							commands.rpush(log, "enter " + token);
							String value = commands.get(counter);
							commands.set(counter, Long.toString((value != null) ? Long.parseLong(value) + 1 : 1));
							commands.rpush(log, "exit " + token);
						}
						finally {
							lock.unlock();
						}
					}
				}
				catch (Throwable ex) {
					synchronized (failures) {
						failures.add(ex);
					}
				}
			});
			workers.add(worker);
			worker.start();
		}
		for (Thread worker : workers) {
			worker.join();
		}
		if (!failures.isEmpty()) {
			throw new IllegalStateException("Contender failed", failures.get(0));
		}
	}

}
