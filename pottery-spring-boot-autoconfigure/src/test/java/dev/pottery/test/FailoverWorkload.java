package dev.pottery.test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import dev.pottery.Pottery;
import dev.pottery.collections.RedisCounter;
import dev.pottery.collections.RedisMap;
import dev.pottery.collections.RedisSimpleQueue;

/**
 * A bounded write loop for failover tests: 2 threads write to a map (a new field per put), a counter and a queue
 * (a new item per offer) and record every call's outcome; once 300 calls were acknowledged the failover action runs
 * (kill the primary, await the promotion); the writers go on until each has written {@value #AFTER_FAILOVER} more
 * times after it. Then every acknowledged write is looked for in Redis.
 */
public final class FailoverWorkload {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final int WRITERS = 2;

	/** Iterations each writer performs after the failover, so that the promoted primary serves acknowledged writes. */
	static final int AFTER_FAILOVER = 50;

	private FailoverWorkload() {
	}

	/**
	 * Run the loop on three structures under {@code keyPrefix} and report what survived.
	 * @param pottery where the structures live
	 * @param keyPrefix the keys' prefix (for a Redis Cluster, with a hash tag that places them on the failing master)
	 * @param failover kills the primary and returns once a replica was promoted
	 * @return what was acknowledged, failed, lost and doubled
	 * @throws InterruptedException if interrupted
	 */
	public static Report run(Pottery pottery, String keyPrefix, Concurrently.ThrowingRunnable failover)
			throws InterruptedException {
		RedisMap<String, Integer> map = pottery.map(keyPrefix + ":map", String.class, Integer.class);
		RedisCounter<String> counter = pottery.counter(keyPrefix + ":counter", String.class);
		RedisSimpleQueue<String> queue = pottery.queue(keyPrefix + ":queue", String.class);
		Ledger ledger = new Ledger();
		AtomicBoolean failedOver = new AtomicBoolean();
		AtomicInteger writersDoneAfterFailover = new AtomicInteger();
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		List<Concurrently.ThrowingRunnable> tasks = new ArrayList<>();
		for (int w = 0; w < WRITERS; w++) {
			String writer = "w" + w;
			tasks.add(() -> {
				int afterFailover = 0;
				for (int i = 0; System.nanoTime() < deadline; i++) {
					boolean promoted = failedOver.get();
					String field = writer + ":" + i;
					ledger.record("put", field, promoted, () -> map.put(field, 1));
					ledger.record("increment", writer, promoted, () -> counter.increment(writer, 1));
					ledger.record("offer", field, promoted, () -> queue.offer(field));
					if (promoted && ++afterFailover == AFTER_FAILOVER) {
						writersDoneAfterFailover.incrementAndGet();
						return;
					}
				}
			});
		}
		tasks.add(() -> {
			awaitCondition(() -> ledger.acknowledged.get() >= 300, "300 acknowledged writes before the failover");
			failover.run();
			failedOver.set(true);
		});
		Concurrently.run(tasks);
		if (writersDoneAfterFailover.get() != WRITERS) {
			throw new AssertionError("Only " + writersDoneAfterFailover + " of " + WRITERS
					+ " writers wrote " + AFTER_FAILOVER + " times after the failover within " + TIMEOUT);
		}
		// Pottery's connections do not re-send a command after reconnecting: the first reads after the failover may
		// fail, so each read is retried until it answers (a failed drain would leave claims behind: probe first)
		awaitAnswer(queue::size);
		Set<String> fields = awaitAnswer(() -> new HashSet<>(map.keySet()));
		Map<String, Long> counts = new HashMap<>();
		for (int w = 0; w < WRITERS; w++) {
			String writer = "w" + w;
			counts.put(writer, awaitAnswer(() -> counter.count(writer)));
		}
		List<String> queued = new ArrayList<>();
		queue.drainTo(queued);
		Report report = ledger.report(fields, counts, queued);
		map.clear();
		counter.clear();
		return report;
	}

	private static <T> T awaitAnswer(java.util.function.Supplier<T> call) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (true) {
			try {
				return call.get();
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() > deadline) {
					throw ex;
				}
			}
		}
	}

	private static void awaitCondition(BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out waiting for " + what);
			}
			Thread.onSpinWait();
		}
	}

	/** Every call's outcome: acknowledged (returned normally) or failed, and whether after the failover. */
	private static final class Ledger {

		final AtomicInteger acknowledged = new AtomicInteger();

		final Map<String, List<Outcome>> outcomes = new ConcurrentHashMap<>();

		/** The failed calls by exception class. */
		final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();

		void record(String operation, String item, boolean afterFailover, Runnable call) {
			boolean ok;
			try {
				call.run();
				ok = true;
				this.acknowledged.incrementAndGet();
			}
			catch (RuntimeException ex) {
				ok = false;
				this.failures.computeIfAbsent(ex.getClass().getSimpleName(), (name) -> new AtomicInteger())
					.incrementAndGet();
			}
			this.outcomes.computeIfAbsent(operation, (name) -> Collections.synchronizedList(new ArrayList<>()))
				.add(new Outcome(item, ok, afterFailover));
		}

		Report report(Set<String> fields, Map<String, Long> counts, List<String> queued) {
			int lost = 0;
			int lostAfter = 0;
			int ackedAfter = (int) this.outcomes.values().stream().flatMap(List::stream)
				.filter((outcome) -> outcome.ok() && outcome.afterFailover()).count();
			int failed = 0;
			int acked = 0;
			for (Outcome put : this.outcomes.getOrDefault("put", List.of())) {
				if (!put.ok()) {
					failed++;
					continue;
				}
				acked++;
				if (!fields.contains(put.item())) {
					lost++;
					lostAfter += put.afterFailover() ? 1 : 0;
				}
			}
			Set<String> inQueue = new HashSet<>(queued);
			int duplicated = queued.size() - inQueue.size();
			for (Outcome offer : this.outcomes.getOrDefault("offer", List.of())) {
				if (!offer.ok()) {
					failed++;
					continue;
				}
				acked++;
				if (!inQueue.contains(offer.item())) {
					lost++;
					lostAfter += offer.afterFailover() ? 1 : 0;
				}
			}
			long incrementsLost = 0;
			long incrementsOver = 0;
			Map<String, int[]> perWriter = new HashMap<>();
			for (Outcome increment : this.outcomes.getOrDefault("increment", List.of())) {
				int[] tally = perWriter.computeIfAbsent(increment.item(), (writer) -> new int[2]);
				tally[increment.ok() ? 0 : 1]++;
			}
			for (Map.Entry<String, int[]> writer : perWriter.entrySet()) {
				long value = counts.getOrDefault(writer.getKey(), 0L);
				int ok = writer.getValue()[0];
				int notOk = writer.getValue()[1];
				acked += ok;
				failed += notOk;
				incrementsLost += Math.max(0, ok - value);
				incrementsOver += Math.max(0, value - ok - notOk);
			}
			Map<String, Integer> byType = new java.util.TreeMap<>();
			this.failures.forEach((type, count) -> byType.put(type, count.get()));
			return new Report(acked, ackedAfter, failed, lost, lostAfter, incrementsLost, incrementsOver, duplicated,
					byType);
		}

	}

	record Outcome(String item, boolean ok, boolean afterFailover) {
	}

	/**
	 * What a failover did to the writes.
	 * @param acknowledged calls that returned normally
	 * @param acknowledgedAfterFailover of those, the ones made after the promotion
	 * @param failed calls that threw
	 * @param lostPutsAndOffers acknowledged puts and offers whose field or item is not in Redis afterwards
	 * @param lostAfterFailover of those, the ones made after the promotion
	 * @param incrementsLost acknowledged increments missing from the counters
	 * @param incrementsOverApplied counts above acknowledged plus failed increments (a call applied twice)
	 * @param queueDuplicates items found more than once in the queue
	 * @param failures the failed calls by exception class
	 */
	public record Report(int acknowledged, int acknowledgedAfterFailover, int failed, int lostPutsAndOffers, int lostAfterFailover,
			long incrementsLost, long incrementsOverApplied, int queueDuplicates, Map<String, Integer> failures) {
	}

}
