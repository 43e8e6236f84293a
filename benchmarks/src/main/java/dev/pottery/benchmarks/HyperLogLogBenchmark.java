package dev.pottery.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.pottery.probabilistic.HyperLogLog;
import dev.pottery.Pottery;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Pottery's {@link HyperLogLog} holding 10,000 distinct values (dense encoding), single caller thread: {@code add}
 * of one value ({@code PFADD}), {@code size} ({@code PFCOUNT}, answered from Redis' cached cardinality unless a
 * register changed) and {@code contains} of one value (one Lua script copying the 12 KB HyperLogLog to a scratch
 * key). Divide by {@link RoundTripBenchmark#get} of the same run for the round-trip ratio.
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'HyperLogLog|RoundTrip' -f 1 -wi 3 -i 5 -t 1
 * </pre>
 * Set {@code POTTERY_BENCH_REDIS_URL} to measure against an existing server instead of an embedded one.
 */
public class HyperLogLogBenchmark extends BenchmarkSettings {

	static final String KEY = "pottery:bench:hll";

	private BenchmarkRedis redis;

	private HyperLogLog<String> hll;

	private long counter;

	@Setup(Level.Trial)
	public void setUp() {
		this.redis = BenchmarkRedis.start();
		this.redis.connectionFactory().getConnection().keyCommands().del(KEY.getBytes());
		this.hll = Pottery.create(this.redis.connectionFactory()).hyperLogLog(KEY, String.class);
		List<String> values = new ArrayList<>(10_000);
		for (int i = 0; i < 10_000; i++) {
			values.add("search-" + i);
		}
		this.hll.addAll(values);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.redis.connectionFactory().getConnection().keyCommands().del(KEY.getBytes());
		this.redis.close();
	}

	@Benchmark
	public boolean add() {
		return this.hll.add("search-" + (this.counter++ % 20_000));
	}

	@Benchmark
	public long size() {
		return this.hll.size();
	}

	@Benchmark
	public boolean contains() {
		return this.hll.contains("search-" + (this.counter++ % 20_000));
	}

}
