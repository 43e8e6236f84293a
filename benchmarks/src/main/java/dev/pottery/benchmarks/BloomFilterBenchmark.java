package dev.pottery.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.Pottery;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Pottery's {@link BloomFilter} sized for n = 100,000 at p = 0.01 (m = 958,506 bits, k = 7), single caller thread:
 * {@code add} and {@code mightContain} of one value (one {@code BITFIELD} with 7 operations each), {@code addAll} and
 * {@code containsMany} of 1,000 values (one {@code BITFIELD} with 7,000 operations). Divide by
 * {@link RoundTripBenchmark#get} of the same run for the round-trip ratio; Redisson's {@code RBloomFilter} measured
 * 1.54x (add) and 1.60x (contains), Python pottery 3.8x.
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'BloomFilter|RoundTrip' -f 1 -wi 3 -i 5 -t 1
 * </pre>
 * Set {@code POTTERY_BENCH_REDIS_URL} to measure against an existing server instead of an embedded one.
 */
public class BloomFilterBenchmark extends BenchmarkSettings {

	static final String KEY = "pottery:bench:bloom";

	private BenchmarkRedis redis;

	private BloomFilter<String> filter;

	private List<String> thousand;

	private long counter;

	@Setup(Level.Trial)
	public void setUp() {
		this.redis = BenchmarkRedis.start();
		this.redis.connectionFactory().getConnection().keyCommands().del(KEY.getBytes(),
				(KEY + ":bloom-params").getBytes());
		this.filter = Pottery.create(this.redis.connectionFactory()).bloomFilter(KEY, 100_000, 0.01,
				String.class);
		this.thousand = new ArrayList<>(1000);
		for (int i = 0; i < 1000; i++) {
			this.thousand.add("user-" + i);
		}
		this.filter.addAll(this.thousand);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.redis.connectionFactory().getConnection().keyCommands().del(KEY.getBytes(),
				(KEY + ":bloom-params").getBytes());
		this.redis.close();
	}

	@Benchmark
	public boolean add() {
		return this.filter.add("user-" + (this.counter++ % 100_000));
	}

	@Benchmark
	public boolean mightContain() {
		return this.filter.mightContain("user-" + (this.counter++ % 2000));
	}

	@Benchmark
	public boolean addAll1000() {
		return this.filter.addAll(this.thousand);
	}

	@Benchmark
	public List<Boolean> containsMany1000() {
		return this.filter.containsMany(this.thousand);
	}

}
