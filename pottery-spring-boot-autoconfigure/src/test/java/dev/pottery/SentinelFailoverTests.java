package dev.pottery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.pottery.collections.RedisCounter;
import dev.pottery.collections.RedisMap;
import dev.pottery.collections.RedisSimpleQueue;
import dev.pottery.embedded.EmbeddedRedisSentinel;
import dev.pottery.embedded.EmbeddedRedisServer;
import dev.pottery.test.Concurrently;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a Sentinel failover does to Pottery's writes, measured rather than assumed: 2 threads write to a map, a
 * counter and a queue on a Sentinel-managed primary with 2 replicas; the primary is killed mid-loop; the Sentinels
 * promote a replica; the threads go on until each has written after the failover. Then every write the application
 * saw acknowledged is looked for on the promoted primary.
 *
 * <p>Redis replication is asynchronous: a write the killed primary acknowledged but had not yet sent to the replica
 * that was promoted is gone. Without a durability level that loss is possible, and this test reports it (it prints the
 * counts) instead of asserting it away. What it asserts: the application recovers on its own, and nothing
 * acknowledged by the promoted primary is lost.
 */
class SentinelFailoverTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(90);

	private static final int WRITERS = 2;

	/** Iterations each writer performs after the failover, so that the promoted primary serves acknowledged writes. */
	private static final int AFTER_FAILOVER = 50;

	@Test
	void acknowledgedWritesAfterTheFailoverAllSurviveAndLossesBeforeItAreCounted() throws Exception {
		try (EmbeddedRedisSentinel redis = EmbeddedRedisSentinel.start(2, 3)) {
			LettuceConnectionFactory factory = new LettuceConnectionFactory(
					new RedisSentinelConfiguration(redis.masterName(), Set.copyOf(redis.sentinelNodes())),
					LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
			factory.afterPropertiesSet();
			factory.start();
			try {
				run(redis, Pottery.create(factory));
			}
			finally {
				factory.destroy();
			}
		}
	}

	private void run(EmbeddedRedisSentinel redis, Pottery pottery) throws Exception {
		String prefix = "pottery:test:" + UUID.randomUUID();
		RedisMap<String, Integer> map = pottery.map(prefix + ":map", String.class, Integer.class);
		RedisCounter<String> counter = pottery.counter(prefix + ":counter", String.class);
		RedisSimpleQueue<String> queue = pottery.queue(prefix + ":queue", String.class);
		Ledger ledger = new Ledger();
		AtomicBoolean failedOver = new AtomicBoolean();
		AtomicInteger writersDoneAfterFailover = new AtomicInteger();
		AtomicLong deadline = new AtomicLong(System.nanoTime() + TIMEOUT.toNanos());
		List<Concurrently.ThrowingRunnable> writers = new ArrayList<>();
		for (int w = 0; w < WRITERS; w++) {
			String writer = "w" + w;
			writers.add(() -> {
				int afterFailover = 0;
				for (int i = 0; System.nanoTime() < deadline.get(); i++) {
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
		writers.add(() -> {
			awaitCondition(() -> ledger.acknowledged.get() >= 300, "300 acknowledged writes before the kill");
			EmbeddedRedisServer former = redis.primary();
			former.kill();
			redis.awaitFailover(former, TIMEOUT);
			failedOver.set(true);
		});
		Concurrently.run(writers);
		assertThat(writersDoneAfterFailover).as("every writer wrote after the failover").hasValue(WRITERS);

		Set<String> fields = new HashSet<>(map.keySet());
		Map<String, Long> counts = new HashMap<>();
		for (int w = 0; w < WRITERS; w++) {
			counts.put("w" + w, counter.count("w" + w));
		}
		List<String> queued = new ArrayList<>();
		queue.drainTo(queued);
		Report report = ledger.report(fields, counts, queued);
		System.out.println("Sentinel failover, durability 0: " + report);
		// nothing that the promoted primary acknowledged is lost
		assertThat(report.lostAfterFailover()).as(report.toString()).isZero();
		map.clear();
		counter.clear();
	}

	private static void awaitCondition(java.util.function.BooleanSupplier condition, String what) {
		long deadline = System.nanoTime() + TIMEOUT.toNanos();
		while (!condition.getAsBoolean()) {
			if (System.nanoTime() > deadline) {
				throw new AssertionError("Timed out waiting for " + what);
			}
			Thread.onSpinWait();
		}
	}

	/** Every call's outcome: acknowledged (returned normally) or failed, and whether after the failover. */
	static final class Ledger {

		final AtomicInteger acknowledged = new AtomicInteger();

		final Map<String, List<Outcome>> outcomes = new ConcurrentHashMap<>();

		void record(String operation, String item, boolean afterFailover, Runnable call) {
			boolean ok;
			try {
				call.run();
				ok = true;
				this.acknowledged.incrementAndGet();
			}
			catch (RuntimeException ex) {
				ok = false;
			}
			this.outcomes.computeIfAbsent(operation, (name) -> java.util.Collections.synchronizedList(new ArrayList<>()))
				.add(new Outcome(item, ok, afterFailover));
		}

		Report report(Set<String> fields, Map<String, Long> counts, List<String> queued) {
			int lost = 0;
			int lostAfter = 0;
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
			return new Report(acked, failed, lost, lostAfter, incrementsLost, incrementsOver, duplicated);
		}

	}

	record Outcome(String item, boolean ok, boolean afterFailover) {
	}

	record Report(int acknowledged, int failed, int lostPutsAndOffers, int lostAfterFailover, long incrementsLost,
			long incrementsOverApplied, int queueDuplicates) {
	}

}
