package dev.pottery.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Lock;
import java.util.function.Function;

import dev.pottery.embedded.EmbeddedRedisServer;
import dev.pottery.lock.Redlock;
import dev.pottery.lock.RedlockOptions;
import dev.pottery.lock.Masters;
import org.redisson.RedissonRedLock;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.integration.redis.util.RedisLockRegistry;

/**
 * Contended locks: N independent clients (each its own connections and client objects, like N application
 * instances) take turns on one lock, each in a loop of lock, critical section (a busy spin of 0.2, 1 or 5 ms),
 * unlock, for a fixed time per cell. Before the first cell every lock contends, unmeasured, for a JIT warm-up
 * ({@value #JIT_WARM_UP_SECONDS} s each by default), so that no cell measures the JIT compiling a library's code: on
 * 2 cores, after 1 s of contention, the C2 compiler threads still took about 40 % of the process's CPU during the
 * first cells (async-profiler), and the library with the most code to compile looked slowest. Every client is
 * opened before the warm-up and stays open until the end of the run; each cell takes a lock of its own name on them.
 * (Opening fresh clients per cell and closing the previous ones deoptimised much of the compiled Netty, Lettuce and
 * Reactor code: {@code -XX:+PrintCompilation} logged about 750 compilations, 330 of them replacing deoptimised code,
 * in the first 5 s of each cell, and each cell measured that recompilation.) Each cell starts with an unmeasured
 * third of a cell (at most 1 s) of the same contention (the lazily made Pub/Sub subscriptions). Reports, per lock and section: sections per second, the wait for the lock (p50, p99, max), the
 * hand-over (from one client's {@code unlock()} call to another client's entry: how fast a waiter is woken), how
 * often the releasing client took the lock straight back (barging) and the sections per client (min..max: how fair
 * the hand-over is).
 *
 * <p>Locks: Pottery's {@code Redlock} on 1 and 5 masters, Redisson's {@code RLock} (1 master) and deprecated
 * {@code RedissonRedLock} (5 masters, each master its own Redisson client per contender), and Spring Integration's
 * {@code RedisLockRegistry} in its {@code SPIN_LOCK} and {@code PUB_SUB_LOCK} modes (1 master). Each is used with its
 * library's defaults (Pottery's with a 1 s per-master timeout, as in the other Redlock benchmarks) and its blocking
 * {@code lock()}. This is not a JMH benchmark: the figures are distributions
 * over one run, not a steady-state mean; run it on a quiet machine.
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -cp benchmarks/target/benchmarks.jar dev.pottery.benchmarks.LockContentionBenchmark [clients] [seconds per cell] [locks] [JIT warm-up seconds]
 * </pre>
 * (defaults: 4 clients, 5 s per cell; 6 locks × 3 sections; the third argument, a regular expression such as
 * {@code POTTERY_.*}, selects locks by their {@link Kind} name; the fourth sets the JIT warm-up per lock).
 */
public final class LockContentionBenchmark {

	static final double[] SECTIONS_MILLIS = { 0.2, 1, 5 };

	static final String NAME = "pottery-bench:contention";

	static final int JIT_WARM_UP_SECONDS = 10;

	private LockContentionBenchmark() {
	}

	public static void main(String[] args) throws Exception {
		int clients = (args.length > 0) ? Integer.parseInt(args[0]) : 4;
		Duration cell = Duration.ofMillis((long) (((args.length > 1) ? Double.parseDouble(args[1]) : 5) * 1000));
		List<EmbeddedRedisServer> servers = new ArrayList<>();
		Map<Kind, List<Contender>> contenders = new EnumMap<>(Kind.class);
		try {
			for (int i = 0; i < 5; i++) {
				servers.add(EmbeddedRedisServer.start());
			}
			List<String> urls = servers.stream().map(EmbeddedRedisServer::url).toList();
			List<Kind> kinds = Arrays.stream(Kind.values())
				.filter((kind) -> args.length <= 2 || kind.name().matches(args[2]))
				.toList();
			// every client of the run is opened first and stays open to the end: opening and closing connections
			// between cells made the JIT throw away much of its compiled Netty, Lettuce and Reactor code (a burst of
			// about 750 compilations, 330 of them replacing deoptimised code, in the first seconds of each cell), so
			// every cell measured that recompilation rather than the lock
			for (Kind kind : kinds) {
				contenders.put(kind, open(kind, urls, clients));
			}
			Duration warmUp = Duration.ofSeconds((args.length > 3) ? Long.parseLong(args[3]) : JIT_WARM_UP_SECONDS);
			if (!warmUp.isZero()) {
				for (Kind kind : kinds) {
					run(kind, contenders.get(kind), (long) (SECTIONS_MILLIS[0] * 1_000_000), warmUp);
				}
			}
			System.out.println(header(clients));
			for (double section : SECTIONS_MILLIS) {
				for (Kind kind : kinds) {
					Result result = run(kind, contenders.get(kind), (long) (section * 1_000_000), cell);
					System.out.println(result.row(section));
				}
			}
		}
		finally {
			contenders.values().forEach(LockContentionBenchmark::close);
			servers.forEach(EmbeddedRedisServer::close);
		}
	}

	static String header(int clients) {
		return "| lock (" + clients + " clients) | section | sections/s | wait p50 | wait p99 | wait max "
				+ "| hand-over p50 | re-taken | sections per client, min..max | errors |\n"
				+ "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |";
	}

	/** The locks measured. */
	enum Kind {

		POTTERY_1("Pottery Redlock, 1 master"), POTTERY_5("Pottery Redlock, 5 masters"),
		REDISSON_RLOCK("Redisson RLock, 1 master"), REDISSON_REDLOCK("Redisson RedLock, 5 masters"),
		SPRING_SPIN("Spring Integration SPIN_LOCK"), SPRING_PUB_SUB("Spring Integration PUB_SUB_LOCK");

		final String label;

		Kind(String label) {
			this.label = label;
		}

	}

	/**
	 * One contender's client (like one application instance): its own connections, open for the whole run, and the
	 * lock of a given name on them.
	 */
	interface Contender extends AutoCloseable {

		Lock lock(String name);

	}

	static Contender contender(Kind kind, List<String> urls) {
		switch (kind) {
			case POTTERY_1, POTTERY_5 -> {
				Masters masters = Masters.of((kind == Kind.POTTERY_1) ? urls.subList(0, 1) : urls);
				// pottery's options, with the 1 s per-master timeout of the other Redlock benchmarks (a loaded machine
				// would otherwise turn slow replies into failed attempts)
				RedlockOptions options = RedlockOptions.builder().masterTimeout(Duration.ofSeconds(1)).build();
				return contender((name) -> Redlock.of(masters, name, options), masters);
			}
			case REDISSON_RLOCK -> {
				RedissonClient redisson = PeerClients.redisson(urls.get(0));
				return contender(redisson::getLock, redisson::shutdown);
			}
			case REDISSON_REDLOCK -> {
				List<RedissonClient> redissons = urls.stream().map(PeerClients::redisson).toList();
				@SuppressWarnings("deprecation") // measured on purpose: the algorithm Pottery implements
				Function<String, Lock> lock = (name) -> new RedissonRedLock(
						redissons.stream().map((r) -> r.getLock(name)).toArray(RLock[]::new));
				return contender(lock, () -> redissons.forEach(RedissonClient::shutdown));
			}
			default -> {
				LettuceConnectionFactory factory = PeerClients.lettuceConnectionFactory(urls.get(0));
				RedisLockRegistry registry = new RedisLockRegistry(factory, NAME);
				registry.setRedisLockType((kind == Kind.SPRING_PUB_SUB) ? RedisLockRegistry.RedisLockType.PUB_SUB_LOCK
						: RedisLockRegistry.RedisLockType.SPIN_LOCK);
				return contender(registry::obtain, () -> {
					registry.destroy();
					factory.destroy();
				});
			}
		}
	}

	private static Contender contender(Function<String, Lock> locks, AutoCloseable resources) {
		return new Contender() {

			@Override
			public Lock lock(String name) {
				return locks.apply(name);
			}

			@Override
			public void close() throws Exception {
				resources.close();
			}

		};
	}

	static List<Contender> open(Kind kind, List<String> urls, int clients) {
		List<Contender> contenders = new ArrayList<>();
		for (int i = 0; i < clients; i++) {
			contenders.add(contender(kind, urls));
		}
		return contenders;
	}

	static void close(List<Contender> contenders) {
		for (Contender contender : contenders) {
			try {
				contender.close();
			}
			catch (Exception ex) {
				// best effort
			}
		}
	}

	/**
	 * Run one cell with its own clients, opened for it and closed after it.
	 * @return the result
	 */
	static Result run(Kind kind, List<String> urls, int clients, long sectionNanos, Duration duration)
			throws Exception {
		List<Contender> contenders = open(kind, urls, clients);
		try {
			return run(kind, contenders, sectionNanos, duration);
		}
		finally {
			close(contenders);
		}
	}

	/**
	 * Run one cell: {@code contenders} take turns on one lock for {@code duration}.
	 * @return the result
	 */
	static Result run(Kind kind, List<Contender> contenders, long sectionNanos, Duration duration)
			throws Exception {
		String name = NAME + ":" + kind.name().toLowerCase(Locale.ROOT) + ":" + sectionNanos;
		List<Lock> locks = contenders.stream().map((contender) -> contender.lock(name)).toList();
		// warm up each client's lock (scripts) outside the measurement
		AtomicInteger errors = new AtomicInteger();
		for (Lock lock : locks) {
			lock.lock();
			unlock(lock, errors);
		}
		// then contend, unmeasured, for a third of the cell (at most 1 s): the lazily opened Pub/Sub subscriptions
		contend(kind, locks, sectionNanos, Duration.ofNanos(Math.min(duration.toNanos() / 3, 1_000_000_000L)), errors);
		errors.set(0);
		return contend(kind, locks, sectionNanos, duration, errors);
	}

	/** {@code contenders} take turns on their lock for {@code duration}, each in its own thread. */
	private static Result contend(Kind kind, List<Lock> locks, long sectionNanos, Duration duration, AtomicInteger errors)
			throws InterruptedException {
		int clients = locks.size();
		long[][] waits = new long[clients][];
		int[] sections = new int[clients];
		List<Thread> threads = new ArrayList<>();
		long[][] handOvers = new long[clients][];
		int[] retaken = new int[clients];
		// the latest unlock() call: who made it, and when it started
		AtomicReference<long[]> lastRelease = new AtomicReference<>(new long[] { -1, 0 });
		long deadline = System.nanoTime() + duration.toNanos();
		for (int i = 0; i < clients; i++) {
			int index = i;
			Lock lock = locks.get(i);
			Thread thread = new Thread(() -> {
				LongList waited = new LongList();
				LongList handedOver = new LongList();
				try {
					while (System.nanoTime() - deadline < 0) {
						long start = System.nanoTime();
						lock.lock();
						long entered = System.nanoTime();
						waited.add(entered - start);
						long[] released = lastRelease.get();
						if (released[0] >= 0 && released[0] != index) {
							handedOver.add(entered - released[1]);
						}
						else if (released[0] == index) {
							retaken[index]++;
						}
						try {
							while (System.nanoTime() - entered < sectionNanos) {
								Thread.onSpinWait();
							}
						}
						finally {
							lastRelease.set(new long[] { index, System.nanoTime() });
							unlock(lock, errors);
						}
						sections[index]++;
					}
				}
				catch (RuntimeException ex) {
					errors.incrementAndGet();
				}
				finally {
					waits[index] = waited.toArray();
					handOvers[index] = handedOver.toArray();
				}
			}, "contender-" + i);
			threads.add(thread);
		}
		long start = System.nanoTime();
		threads.forEach(Thread::start);
		for (Thread thread : threads) {
			thread.join();
		}
		long elapsed = System.nanoTime() - start;
		return new Result(kind, sections, Arrays.stream(waits).flatMapToLong(Arrays::stream).sorted().toArray(),
				Arrays.stream(handOvers).flatMapToLong(Arrays::stream).sorted().toArray(), Arrays.stream(retaken).sum(),
				elapsed, errors.get());
	}

	/** An unlock that failed (for example a lease lost on an overloaded machine) counts as an error. */
	private static void unlock(Lock lock, AtomicInteger errors) {
		try {
			lock.unlock();
		}
		catch (RuntimeException ex) {
			errors.incrementAndGet();
		}
	}

	/** One cell's figures. */
	record Result(Kind kind, int[] sections, long[] sortedWaits, long[] sortedHandOvers, int retaken,
			long elapsedNanos, int errors) {

		int total() {
			return Arrays.stream(this.sections).sum();
		}

		double perSecond() {
			return total() / (this.elapsedNanos / 1e9);
		}

		double waitMillis(double quantile) {
			return millis(this.sortedWaits, quantile);
		}

		double handOverMillis(double quantile) {
			return millis(this.sortedHandOvers, quantile);
		}

		private static double millis(long[] sorted, double quantile) {
			if (sorted.length == 0) {
				return 0;
			}
			int index = (int) Math.min(sorted.length - 1, Math.ceil(quantile * sorted.length) - 1);
			return sorted[Math.max(0, index)] / 1e6;
		}

		int min() {
			return Arrays.stream(this.sections).min().orElse(0);
		}

		int max() {
			return Arrays.stream(this.sections).max().orElse(0);
		}

		String row(double sectionMillis) {
			return String.format(Locale.ROOT,
					"| %s | %s ms | %.0f | %.1f ms | %.1f ms | %.1f ms | %.2f ms | %.0f %% | %d..%d | %d |", this.kind.label,
					(sectionMillis == (long) sectionMillis) ? Long.toString((long) sectionMillis)
							: Double.toString(sectionMillis),
					perSecond(), waitMillis(0.5), waitMillis(0.99), waitMillis(1.0), handOverMillis(0.5),
					(total() > 0) ? 100.0 * this.retaken / total() : 0.0, min(), max(), this.errors);
		}

	}

	/** A growable list of longs. */
	private static final class LongList {

		private long[] values = new long[1024];

		private int size;

		void add(long value) {
			if (this.size == this.values.length) {
				this.values = Arrays.copyOf(this.values, this.size * 2);
			}
			this.values[this.size++] = value;
		}

		long[] toArray() {
			return Arrays.copyOf(this.values, this.size);
		}

	}

}
