package dev.pottery.benchmarks;

import java.util.Map;

import io.lettuce.core.api.sync.RedisCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.redisson.api.RMap;
import org.redisson.api.RedissonClient;
import org.redisson.client.codec.StringCodec;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.support.collections.DefaultRedisMap;

/**
 * The peer libraries' Redis-backed maps on the single-key work {@link RedisMapBenchmark} measures, single caller
 * thread, same server: a small hash of two entries ({@code jack} and {@code sape}), strings throughout, each value 20
 * characters; every call reads or writes {@code jack}.
 * <ul>
 * <li>{@code springGet} / {@code springPut}: Spring Data Redis {@link DefaultRedisMap}{@code <String, String>} on a
 * {@link StringRedisTemplate} over a Lettuce connection factory (default settings); its {@code put} returns the
 * previous value;</li>
 * <li>{@code redissonGet} / {@code redissonPut} (returns the previous value) / {@code redissonFastPut} (returns
 * whether the field is new): Redisson {@link RMap} from {@code getMap(name, StringCodec.INSTANCE)}, with the threads
 * {@link PeerClients} sets.</li>
 * </ul>
 * Each library has its own hash with the same contents. The puts alternate between two 20-character values, so that
 * every call changes the entry. Compare with {@code RedisMapBenchmark.get}, {@code put} and {@code set}, and divide
 * by {@code RoundTripBenchmark.get}, from the same run.
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'RoundTripBenchmark.get|RedisMapBenchmark|PeerMapBenchmark' -f 1 -wi 3 -i 5 -t 1
 * </pre>
 * Set {@code POTTERY_BENCH_REDIS_URL} to measure against an existing server instead of an embedded one.
 */
public class PeerMapBenchmark extends BenchmarkSettings {

	static final String SPRING_KEY = "pottery:bench:peer-map:spring";

	static final String REDISSON_KEY = "pottery:bench:peer-map:redisson";

	static final String VALUE = "Redis for Humans....";

	static final String OTHER_VALUE = "Humans for Redis....";

	private static final String[] VALUES = { OTHER_VALUE, VALUE };

	private BenchmarkRedis redis;

	private RedisCommands<String, String> commands;

	private StringRedisTemplate template;

	private DefaultRedisMap<String, String> springMap;

	private RedissonClient redisson;

	private RMap<String, String> redissonMap;

	private int counter;

	@Setup(Level.Trial)
	public void setUp() {
		this.redis = BenchmarkRedis.start();
		this.commands = this.redis.commands();
		this.commands.del(SPRING_KEY, REDISSON_KEY);
		Map<String, String> entries = Map.of("jack", VALUE, "sape", VALUE);
		this.commands.hset(SPRING_KEY, entries);
		this.commands.hset(REDISSON_KEY, entries);
		this.template = new StringRedisTemplate(this.redis.connectionFactory());
		this.springMap = new DefaultRedisMap<>(SPRING_KEY, this.template);
		this.redisson = PeerClients.redisson(this.redis.url());
		this.redissonMap = this.redisson.getMap(REDISSON_KEY, StringCodec.INSTANCE);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.commands.del(SPRING_KEY, REDISSON_KEY);
		if (this.redisson != null) {
			this.redisson.shutdown();
		}
		this.redis.close();
	}

	// ---- Spring Data Redis ----

	@Benchmark
	public String springGet() {
		return this.springMap.get("jack");
	}

	@Benchmark
	public String springPut() {
		return this.springMap.put("jack", nextValue());
	}

	// ---- Redisson ----

	@Benchmark
	public String redissonGet() {
		return this.redissonMap.get("jack");
	}

	@Benchmark
	public String redissonPut() {
		return this.redissonMap.put("jack", nextValue());
	}

	@Benchmark
	public boolean redissonFastPut() {
		return this.redissonMap.fastPut("jack", nextValue());
	}

	private String nextValue() {
		return VALUES[this.counter++ & 1];
	}

}
