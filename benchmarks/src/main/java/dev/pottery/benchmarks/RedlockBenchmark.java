package dev.pottery.benchmarks;

import java.time.Duration;

import dev.pottery.embedded.EmbeddedRedisServer;
import dev.pottery.lock.ReactiveRedlock;
import dev.pottery.lock.Redlock;
import dev.pottery.lock.RedlockOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Uncontended {@link Redlock} acquire + release ({@code tryLock()} then {@code unlock()}), single caller thread, on 1
 * and on 5 embedded masters; divide by {@link RoundTripBenchmark#get} from the same run for the RTT ratio (DESIGN §6:
 * one parallel round trip each, so about 2 RTT).
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'RoundTripBenchmark.get|QuorumFloorBenchmark|RedlockBenchmark|NextIdBenchmark' -tu us
 * </pre>
 */
// the quorum paths (Reactor, Lettuce, the quorum engine) take about 15 s to reach their steady state on 2 cores
@Warmup(iterations = 5, time = 3)
public class RedlockBenchmark extends BenchmarkSettings {

	static final String NAME = "pottery-bench";

	/** How many independent masters. */
	@Param({ "1", "5" })
	public int masters;

	private BenchmarkMasters servers;

	private Redlock lock;

	@Setup(Level.Trial)
	public void setUp() {
		this.servers = BenchmarkMasters.start(this.masters);
		// latency, not failure handling, is measured: a generous per-master timeout keeps an overloaded machine's
		// slow replies from turning into failed attempts (which would return early and look fast)
		RedlockOptions options = RedlockOptions.builder().masterTimeout(Duration.ofSeconds(1)).build();
		this.lock = Redlock.of(this.servers.masters(), NAME, options);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.servers.close();
	}

	@Benchmark
	public boolean acquireRelease() {
		boolean acquired = this.lock.tryLock();
		if (acquired) {
			this.lock.unlock();
		}
		return acquired;
	}

	/** Whether any master still has the lock key (for the smoke test). */
	boolean anyLockKeyLeft() {
		for (EmbeddedRedisServer server : this.servers.servers()) {
			RedisClient client = RedisClient.create(server.url());
			try (StatefulRedisConnection<String, String> connection = client.connect()) {
				if (connection.sync().exists(ReactiveRedlock.KEY_PREFIX + NAME) > 0) {
					return true;
				}
			}
			finally {
				client.shutdown();
			}
		}
		return false;
	}

}
