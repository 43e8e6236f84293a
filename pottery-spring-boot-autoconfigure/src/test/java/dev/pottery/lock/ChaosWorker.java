package dev.pottery.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.pottery.id.NextId;
import dev.pottery.id.NextIdOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;

/**
 * A child JVM of {@link RedlockChaosTests}: its threads take one fenced Redlock and one NextId over and over while
 * masters are killed, paused and restarted, and log what they did on a separate server that is never faulted:
 * {@code enter <token>} and {@code exit <token>} around each critical section, each id issued, each lost lease.
 *
 * <p>Arguments: lock and id name, log server URL, threads, seconds to run, comma-separated master URLs.
 */
public final class ChaosWorker {

	static final RedlockOptions OPTIONS = RedlockOptions.builder()
		.autoReleaseTime(Duration.ofSeconds(5))
		.fencing(true)
		.retryDelay(Duration.ofMillis(10))
		.masterTimeout(Duration.ofMillis(500))
		.build();

	static final NextIdOptions ID_OPTIONS = NextIdOptions.builder().numTries(3).masterTimeout(Duration.ofMillis(500)).raiseOnRedisErrors(false).build();

	private ChaosWorker() {
	}

	public static void main(String[] args) throws Exception {
		String name = args[0];
		RedisClient client = RedisClient.create(args[1]);
		int threads = Integer.parseInt(args[2]);
		long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(Long.parseLong(args[3]));
		List<String> urls = Arrays.asList(args[4].split(","));
		List<Throwable> failures = new ArrayList<>();
		try (Masters masters = Masters.of(urls); StatefulRedisConnection<String, String> connection = client.connect()) {
			RedisCommands<String, String> log = connection.sync();
			NextId ids = NextId.of(masters, name, ID_OPTIONS);
			List<Thread> workers = new ArrayList<>();
			for (int t = 0; t < threads; t++) {
				Thread worker = new Thread(() -> {
					Redlock lock = Redlock.of(masters, name, OPTIONS);
					while (System.nanoTime() - until < 0) {
						try {
							if (lock.tryLock(1, TimeUnit.SECONDS)) {
								long token = lock.fencingToken();
								log.rpush(name + ":log", "enter " + token);
								// a non-atomic increment: an overlap would lose an update
								String value = log.get(name + ":counter");
								log.set(name + ":counter", Long.toString((value != null) ? Long.parseLong(value) + 1 : 1));
								log.rpush(name + ":log", "exit " + token);
								try {
									lock.unlock();
								}
								catch (ReleaseUnlockedLockException ex) {
									log.rpush(name + ":lost", Long.toString(token));
								}
							}
							Long id = tryId(ids);
							if (id != null) {
								log.rpush(name + ":ids", Long.toString(id));
							}
						}
						catch (InterruptedException ex) {
							return;
						}
						catch (RuntimeException ex) {
							if (!(ex instanceof dev.pottery.lock.PrimitiveException)) {
								synchronized (failures) {
									failures.add(ex);
								}
								return;
							}
						}
					}
				});
				workers.add(worker);
				worker.start();
			}
			for (Thread worker : workers) {
				worker.join();
			}
		}
		finally {
			client.shutdown(Duration.ZERO, Duration.ofSeconds(1));
		}
		if (!failures.isEmpty()) {
			failures.get(0).printStackTrace();
			System.exit(1);
		}
		System.out.println("done");
	}

	private static Long tryId(NextId ids) {
		try {
			return ids.getAsLong();
		}
		catch (dev.pottery.lock.QuorumNotAchievedException ex) {
			return null;
		}
	}

}
