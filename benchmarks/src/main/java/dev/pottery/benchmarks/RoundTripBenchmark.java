package dev.pottery.benchmarks;


import io.lettuce.core.api.sync.RedisCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The baseline every other benchmark is divided by: one raw Lettuce round trip on one connection, single caller
 * thread. {@code get} is a GET of a 20-byte string value; {@code ping} is a PING.
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar RoundTripBenchmark -f 1 -wi 3 -i 5 -t 1
 * </pre>
 * Set {@code POTTERY_BENCH_REDIS_URL} to measure against an existing server instead of an embedded one.
 */
public class RoundTripBenchmark extends BenchmarkSettings {

	static final String KEY = "pottery:bench:round-trip";

	private BenchmarkRedis redis;

	private RedisCommands<String, String> commands;

	@Setup(Level.Trial)
	public void setUp() {
		this.redis = BenchmarkRedis.start();
		this.commands = this.redis.commands();
		this.commands.set(KEY, "Redis for Humans....");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.commands.del(KEY);
		this.redis.close();
	}

	@Benchmark
	public String get() {
		return this.commands.get(KEY);
	}

	@Benchmark
	public String ping() {
		return this.commands.ping();
	}

}
