package dev.pottery.benchmarks;

import java.util.List;
import java.util.stream.IntStream;

import dev.pottery.codec.PotteryJson;
import dev.pottery.Pottery;
import dev.pottery.collections.RedisDeque;
import dev.pottery.collections.RedisSet;
import io.lettuce.core.api.sync.RedisCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code RedisSet.containsMany} of 1,000 integers (half of them members of a 1,000-member set) against one raw
 * Lettuce {@code SMISMEMBER} carrying the same 1,000 pre-encoded members; and a {@code RedisDeque} offer + poll pair
 * (bounded to 1,000 elements, so the offer is the push-and-trim script) against raw {@code RPUSH} + {@code LPOP}.
 * Single caller thread. Divide by {@code RoundTripBenchmark.get} from the same run:
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'RoundTripBenchmark.get|RedisSetBenchmark' -f 1 -wi 3 -i 5 -t 1
 * </pre>
 */
public class RedisSetBenchmark extends BenchmarkSettings {

	static final String SET_KEY = "bench:set";

	static final String DEQUE_KEY = "bench:deque";

	static final String RAW_DEQUE_KEY = "bench:deque:raw";

	private BenchmarkRedis redis;

	private RedisCommands<String, String> commands;

	private RedisSet<Integer> set;

	private RedisDeque<Integer> deque;

	private List<Integer> probes;

	private String[] encodedProbes;

	@Setup(Level.Trial)
	public void setUp() {
		this.redis = BenchmarkRedis.start();
		this.commands = this.redis.commands();
		this.commands.del(SET_KEY, DEQUE_KEY, RAW_DEQUE_KEY);
		Pottery collections = Pottery.create(this.redis.connectionFactory());
		this.set = collections.set(SET_KEY, Integer.class).create(IntStream.range(0, 1000).boxed().toList());
		this.deque = collections.deque(DEQUE_KEY, 1000, Integer.class);
		this.probes = IntStream.range(500, 1500).boxed().toList();
		PotteryJson json = PotteryJson.create();
		this.encodedProbes = this.probes.stream().map(json::encode).toArray(String[]::new);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.commands.del(SET_KEY, DEQUE_KEY, RAW_DEQUE_KEY);
		this.redis.close();
	}

	@Benchmark
	public List<Boolean> containsManyPottery() {
		return this.set.containsMany(this.probes);
	}

	@Benchmark
	public List<Boolean> containsManyRawSmismember() {
		return this.commands.smismember(SET_KEY, this.encodedProbes);
	}

	@Benchmark
	public Integer dequeOfferPollPottery() {
		this.deque.offer(42);
		return this.deque.poll();
	}

	@Benchmark
	public String dequeOfferPollRaw() {
		this.commands.rpush(RAW_DEQUE_KEY, "42");
		return this.commands.lpop(RAW_DEQUE_KEY);
	}

}
