package dev.pottery.id;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.pottery.lock.Masters;

/**
 * Issues ids from its own threads, each thread with its own {@link NextId}, in this or a separate JVM, and writes
 * each thread's ids, in the order received, to {@code <prefix>-<thread>.txt}.
 *
 * <p>Arguments: generator key, threads, ids per thread, output file prefix, comma-separated master URLs.
 */
public final class IdGenerator {

	private IdGenerator() {
	}

	public static void main(String[] args) throws Exception {
		try (Masters masters = Masters.of(Arrays.asList(args[4].split(",")))) {
			run(masters, args[0], Integer.parseInt(args[1]), Integer.parseInt(args[2]), args[3]);
		}
		System.out.println("done");
	}

	static void run(Masters masters, String key, int threads, int ids, String prefix) throws Exception {
		List<Thread> workers = new ArrayList<>();
		List<Throwable> failures = new ArrayList<>();
		for (int t = 0; t < threads; t++) {
			Path file = Path.of(prefix + "-" + t + ".txt");
			Thread worker = new Thread(() -> {
				NextId nextId = NextId.of(masters, key, NextIdOptions.builder().numTries(3).masterTimeout(Duration.ofSeconds(1)).raiseOnRedisErrors(false).build());
				StringBuilder out = new StringBuilder();
				try {
					for (int i = 0; i < ids; i++) {
						out.append(nextId.getAsLong()).append('\n');
					}
					Files.writeString(file, out);
				}
				catch (RuntimeException | IOException ex) {
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
			throw new IllegalStateException("Generator failed", failures.get(0));
		}
	}

}
