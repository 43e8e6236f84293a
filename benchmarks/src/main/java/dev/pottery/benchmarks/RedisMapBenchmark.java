package dev.pottery.benchmarks;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.pottery.Pottery;
import dev.pottery.collections.RedisMap;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * {@code RedisMap} against raw Lettuce doing the same work on the same server, single caller thread:
 * <ul>
 * <li>{@code get} / {@code rawHget}: one key of a small hash;</li>
 * <li>{@code put} (returns the previous value: one script) / {@code set} (one HSET) / {@code rawHset};</li>
 * <li>{@code putAll} of 10,000 entries (encoded on every call) / {@code rawHsetTenThousand}: one HSET of the same
 * 10,000 pre-encoded pairs;</li>
 * <li>{@code iterate} all 100,000 entries of a hash (decoding each key and value) / {@code rawHscan}: an
 * {@code HSCAN COUNT 1000} loop over the same hash.</li>
 * </ul>
 * Divide each figure by {@code RoundTripBenchmark.get} from the same run.
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'RoundTripBenchmark.get|RedisMapBenchmark' -f 1 -wi 3 -i 5 -t 1
 * </pre>
 * Set {@code POTTERY_BENCH_REDIS_URL} to measure against an existing server instead of an embedded one.
 */
public class RedisMapBenchmark extends BenchmarkSettings {

	static final String SMALL_KEY = "pottery:bench:map:small";

	static final String BULK_KEY = "pottery:bench:map:bulk";

	static final String RAW_BULK_KEY = "pottery:bench:map:raw-bulk";

	static final String LARGE_KEY = "pottery:bench:map:large";

	static final int BULK_SIZE = 10_000;

	static final int LARGE_SIZE = 100_000;

	private BenchmarkRedis redis;

	private RedisCommands<String, String> commands;

	private RedisMap<String, Integer> small;

	private RedisMap<String, Integer> bulk;

	private RedisMap<String, Integer> large;

	private Map<String, Integer> entries;

	private Map<String, String> encodedEntries;

	private int counter;

	@Setup(Level.Trial)
	public void setUp() {
		this.redis = BenchmarkRedis.start();
		this.commands = this.redis.commands();
		Pottery collections = Pottery.create(this.redis.connectionFactory());
		this.small = collections.map(SMALL_KEY, String.class, Integer.class);
		this.bulk = collections.map(BULK_KEY, String.class, Integer.class);
		this.large = collections.map(LARGE_KEY, String.class, Integer.class);
		this.commands.del(SMALL_KEY, BULK_KEY, RAW_BULK_KEY, LARGE_KEY);
		this.small.put("jack", 4098);
		this.small.put("sape", 4139);
		this.entries = new LinkedHashMap<>();
		this.encodedEntries = new LinkedHashMap<>();
		for (int i = 0; i < BULK_SIZE; i++) {
			this.entries.put("key-" + i, i);
			this.encodedEntries.put("\"key-" + i + "\"", Integer.toString(i));
		}
		Map<String, String> chunk = new LinkedHashMap<>();
		for (int i = 0; i < LARGE_SIZE; i++) {
			chunk.put("\"entry-" + i + "\"", Integer.toString(i));
			if (chunk.size() == BULK_SIZE) {
				this.commands.hset(LARGE_KEY, chunk);
				chunk.clear();
			}
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.commands.del(SMALL_KEY, BULK_KEY, RAW_BULK_KEY, LARGE_KEY);
		this.redis.close();
	}

	// ---- single keys ----

	@Benchmark
	public Integer get() {
		return this.small.get("jack");
	}

	@Benchmark
	public String rawHget() {
		return this.commands.hget(SMALL_KEY, "\"jack\"");
	}

	@Benchmark
	public Integer put() {
		return this.small.put("jack", this.counter++);
	}

	@Benchmark
	public void set() {
		this.small.set("jack", this.counter++);
	}

	@Benchmark
	public Boolean rawHset() {
		return this.commands.hset(SMALL_KEY, "\"jack\"", Integer.toString(this.counter++));
	}

	// ---- bulk ----

	@Benchmark
	public void putAll() {
		this.bulk.putAll(this.entries);
	}

	@Benchmark
	public Long rawHsetTenThousand() {
		return this.commands.hset(RAW_BULK_KEY, this.encodedEntries);
	}

	// ---- iteration ----

	@Benchmark
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public long iterate() {
		long sum = 0;
		for (Map.Entry<String, Integer> entry : this.large.entrySet()) {
			sum += entry.getValue();
		}
		return sum;
	}

	@Benchmark
	@OutputTimeUnit(TimeUnit.MILLISECONDS)
	public long rawHscan() {
		long count = 0;
		ScanCursor cursor = ScanCursor.INITIAL;
		ScanArgs args = ScanArgs.Builder.limit(1000);
		do {
			MapScanCursor<String, String> step = this.commands.hscan(LARGE_KEY, cursor, args);
			count += step.getMap().size();
			cursor = step;
		}
		while (!cursor.isFinished());
		return count;
	}

}
