package dev.pottery.benchmarks;

import java.time.Duration;
import java.util.List;

import dev.pottery.cache.RedisCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;


/**
 * A {@link RedisCache} hit, single caller thread: one Lua script doing {@code HGET} and the sliding {@code PEXPIRE}
 * (10 min timeout), then decoding a 20-character string. Divide by {@link RoundTripBenchmark#get} of the same run
 * for the round-trip ratio (target: 1.25x).
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'RedisCache|RoundTrip' -f 1 -wi 3 -i 5 -t 1
 * </pre>
 * Set {@code POTTERY_BENCH_REDIS_URL} to measure against an existing server instead of an embedded one.
 */
public class RedisCacheBenchmark extends BenchmarkSettings {

	static final String KEY = "pottery:bench:cache";

	private static final List<Object> ARGUMENTS = List.of("EUR", 2);

	private BenchmarkRedis redis;

	private RedisCache<String> cache;

	@Setup(Level.Trial)
	public void setUp() {
		this.redis = BenchmarkRedis.start();
		this.cache = RedisCache.builder(this.redis.connectionFactory()).key(KEY).timeout(Duration.ofMinutes(10))
			.build(String.class);
		this.cache.clear();
		this.cache.bypass(ARGUMENTS, () -> "Redis for Humans....");
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.cache.clear();
		this.redis.close();
	}

	@Benchmark
	public String hit() {
		return this.cache.get(ARGUMENTS, () -> "computed");
	}

}
