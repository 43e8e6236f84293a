package dev.pottery.benchmarks;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Redlock and NextId against their raw-Lettuce floors, measured <em>in alternation</em> in one JVM: short blocks of
 * each operation, one after the other, round after round, so that a slow phase of a shared machine (a neighbour on
 * the host, a burst of steal time, lasting seconds) slows both sides of a pair alike. Each round gives one ratio
 * per pair; the report is the median ratio over the rounds, with the quartiles, and the ratio of the mean times.
 *
 * <p>Why beside JMH: on a 2-core VM that runs five {@code redis-server} processes, JMH's consecutive runs of the
 * floor and of Pottery see different phases of the machine, and their scores move by 10–40 % from one run to the
 * next, more than the 5 and 10 % margins being checked. The operations are the JMH benchmarks' own methods
 * ({@link RedlockBenchmark#acquireRelease}, {@link NextIdBenchmark#next}, {@link QuorumFloorBenchmark}), single
 * caller thread, the same 1 s per-master timeout.
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}); arguments: masters, rounds, block
 * milliseconds, warm-up seconds:
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.pottery.benchmarks.PairedQuorumBenchmark 5 60 300 40
 * </pre>
 */
public final class PairedQuorumBenchmark {

	private PairedQuorumBenchmark() {
	}

	/** One operation, timed in blocks. */
	record Operation(String name, Runnable body) {

		/** Run for about {@code millis}; return the mean time per operation in microseconds. */
		double block(long millis) {
			long start = System.nanoTime();
			long end = start + TimeUnit.MILLISECONDS.toNanos(millis);
			long count = 0;
			long now;
			do {
				this.body.run();
				count++;
				now = System.nanoTime();
			}
			while (now - end < 0);
			return (now - start) / 1_000.0 / count;
		}

	}

	/** A Pottery operation and the floor it is read against. */
	record Pair(Operation pottery, Operation floor) {

	}

	/** What one run measured: per pair, the ratio's median and quartiles over the rounds, and the mean times. */
	record Result(Pair pair, double median, double lowerQuartile, double upperQuartile, double potteryMicros,
			double floorMicros) {

		@Override
		public String toString() {
			return String.format(Locale.ROOT, "%-28s / %-32s median %.3fx (quartiles %.3f-%.3f), means %.1f / %.1f us = %.3fx",
					this.pair.pottery().name(), this.pair.floor().name(), this.median, this.lowerQuartile,
					this.upperQuartile, this.potteryMicros, this.floorMicros, this.potteryMicros / this.floorMicros);
		}

	}

	public static void main(String[] args) {
		int masters = (args.length > 0) ? Integer.parseInt(args[0]) : 5;
		int rounds = (args.length > 1) ? Integer.parseInt(args[1]) : 60;
		long blockMillis = (args.length > 2) ? Long.parseLong(args[2]) : 300;
		long warmupSeconds = (args.length > 3) ? Long.parseLong(args[3]) : 40;
		for (Result result : run(masters, rounds, blockMillis, warmupSeconds)) {
			System.out.println(result);
		}
	}

	static List<Result> run(int masters, int rounds, long blockMillis, long warmupSeconds) {
		QuorumFloorBenchmark floor = new QuorumFloorBenchmark();
		floor.masters = masters;
		RedlockBenchmark redlock = new RedlockBenchmark();
		redlock.masters = masters;
		NextIdBenchmark nextId = new NextIdBenchmark();
		nextId.masters = masters;
		floor.setUp();
		redlock.setUp();
		nextId.setUp();
		try {
			Operation lock = new Operation("Redlock acquire+release", redlock::acquireRelease);
			Operation id = new Operation("NextId.next()", nextId::next);
			List<Pair> pairs = List.of(new Pair(lock, new Operation("parallelLockPair", floor::parallelLockPair)),
					new Pair(lock, new Operation("parallelLockPairChained", floor::parallelLockPairChained)),
					new Pair(lock, new Operation("parallelGet + parallelScript", () -> {
						floor.parallelGet();
						floor.parallelScript();
					})), new Pair(id, new Operation("parallelNextIdScriptHearingAll", floor::parallelNextIdScriptHearingAll)),
					new Pair(id, new Operation("parallelScriptHearingAll", floor::parallelScriptHearingAll)));
			List<Operation> operations = new ArrayList<>();
			for (Pair pair : pairs) {
				for (Operation operation : List.of(pair.pottery(), pair.floor())) {
					if (!operations.contains(operation)) {
						operations.add(operation);
					}
				}
			}
			long warmupEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(warmupSeconds);
			while (System.nanoTime() - warmupEnd < 0) {
				for (Operation operation : operations) {
					operation.block(blockMillis);
				}
			}
			double[][] micros = new double[operations.size()][rounds];
			for (int round = 0; round < rounds; round++) {
				// every other round in reverse order, so that no operation always follows the same one
				for (int k = 0; k < operations.size(); k++) {
					int index = (round % 2 == 0) ? k : operations.size() - 1 - k;
					micros[index][round] = operations.get(index).block(blockMillis);
				}
			}
			List<Result> results = new ArrayList<>();
			for (Pair pair : pairs) {
				double[] ours = micros[operations.indexOf(pair.pottery())];
				double[] theirs = micros[operations.indexOf(pair.floor())];
				double[] ratios = new double[rounds];
				for (int round = 0; round < rounds; round++) {
					ratios[round] = ours[round] / theirs[round];
				}
				Arrays.sort(ratios);
				results.add(new Result(pair, quantile(ratios, 0.5), quantile(ratios, 0.25), quantile(ratios, 0.75),
						mean(ours), mean(theirs)));
			}
			return results;
		}
		finally {
			nextId.tearDown();
			redlock.tearDown();
			floor.tearDown();
		}
	}

	private static double quantile(double[] sorted, double q) {
		double position = q * (sorted.length - 1);
		int below = (int) Math.floor(position);
		int above = Math.min(below + 1, sorted.length - 1);
		return sorted[below] + (sorted[above] - sorted[below]) * (position - below);
	}

	private static double mean(double[] values) {
		return Arrays.stream(values).average().orElse(Double.NaN);
	}

}
