package dev.pottery.benchmarks;

import java.time.Duration;
import java.util.Set;

import dev.pottery.Pottery;
import dev.pottery.Durability;
import dev.pottery.internal.PotteryConnection;
import dev.pottery.collections.RedisCounter;
import dev.pottery.collections.RedisMap;
import dev.pottery.embedded.EmbeddedRedisSentinel;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

import org.springframework.data.redis.connection.RedisSentinelConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * What durable writes cost ({@code pottery.durability.replicas}), on a Sentinel-managed primary with one replica
 * (embedded), single caller thread: {@code RedisMap.put} and {@code RedisCounter.increment} with durability 0 and 1,
 * against raw Lettuce doing the same command ({@code rawHset}, {@code rawHincrby}) and the same command followed by
 * {@code WAIT 1} on its connection ({@code rawHsetWait}: the floor of a durable write). Read each as a ratio to
 * {@code rawHset} from the same run.
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar DurabilityBenchmark -f 1 -wi 5 -i 10
 * </pre>
 */
public class DurabilityBenchmark extends BenchmarkSettings {

	static final String KEY = "pottery:bench:durability";

	private EmbeddedRedisSentinel redis;

	private LettuceConnectionFactory application;

	private PotteryConnection connection;

	private RedisClient client;

	private StatefulRedisConnection<String, String> raw;

	private RedisCommands<String, String> commands;

	private RedisMap<String, Integer> map;

	private RedisMap<String, Integer> durableMap;

	private RedisCounter<String> counter;

	private RedisCounter<String> durableCounter;

	private int value;

	@Setup(Level.Trial)
	public void setUp() {
		this.redis = EmbeddedRedisSentinel.start(1, 1);
		this.application = new LettuceConnectionFactory(
				new RedisSentinelConfiguration(this.redis.masterName(), Set.copyOf(this.redis.sentinelNodes())),
				LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(10)).build());
		this.application.afterPropertiesSet();
		this.application.start();
		this.connection = PotteryConnection.of(this.application);
		Pottery pottery = Pottery.create(this.connection.connectionFactory());
		Pottery durable = pottery.withDurability(Durability.replicas(1, Duration.ofSeconds(5)));
		this.map = pottery.map(KEY + ":map", String.class, Integer.class);
		this.durableMap = durable.map(KEY + ":map", String.class, Integer.class);
		this.counter = pottery.counter(KEY + ":counter", String.class);
		this.durableCounter = durable.counter(KEY + ":counter", String.class);
		this.client = RedisClient.create();
		this.raw = this.client.connect(RedisURI.create(this.redis.primary().url()));
		this.commands = this.raw.sync();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.commands.del(KEY + ":map", KEY + ":counter", KEY + ":raw");
		this.raw.close();
		this.client.shutdown();
		this.connection.close();
		this.application.destroy();
		this.redis.close();
	}

	@Benchmark
	public Integer put() {
		return this.map.put("jack", this.value++);
	}

	@Benchmark
	public Integer putDurable() {
		return this.durableMap.put("jack", this.value++);
	}

	@Benchmark
	public long increment() {
		return this.counter.increment("hits");
	}

	@Benchmark
	public long incrementDurable() {
		return this.durableCounter.increment("hits");
	}

	@Benchmark
	public Boolean rawHset() {
		return this.commands.hset(KEY + ":raw", "\"jack\"", Integer.toString(this.value++));
	}

	@Benchmark
	public Long rawHincrby() {
		return this.commands.hincrby(KEY + ":raw", "\"hits\"", 1);
	}

	@Benchmark
	public Long rawHsetWait() {
		this.commands.hset(KEY + ":raw", "\"jack\"", Integer.toString(this.value++));
		return this.commands.waitForReplication(1, 5000);
	}

}
