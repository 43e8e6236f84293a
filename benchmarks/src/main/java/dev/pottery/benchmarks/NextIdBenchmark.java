package dev.pottery.benchmarks;

import java.time.Duration;

import dev.pottery.id.NextId;
import dev.pottery.id.NextIdOptions;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@link NextId#getAsLong()} in its uncontended fast path (one generator, single thread), on 1 and on 5 embedded
 * masters; divide by {@link RoundTripBenchmark#get} from the same run for the RTT ratio (DESIGN §6: one parallel
 * round trip per id); {@code nextReservingBlocksOf1000} is the opt-in block reservation (one round trip per 1,000
 * ids).
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'RoundTripBenchmark.get|QuorumFloorBenchmark|RedlockBenchmark|NextIdBenchmark' -tu us
 * </pre>
 */
// the quorum paths (Reactor, Lettuce, the quorum engine) take about 15 s to reach their steady state on 2 cores
@Warmup(iterations = 5, time = 3)
public class NextIdBenchmark extends BenchmarkSettings {

	/** How many independent masters. */
	@Param({ "1", "5" })
	public int masters;

	private BenchmarkMasters servers;

	private NextId nextId;

	private NextId reserving;

	@Setup(Level.Trial)
	public void setUp() {
		this.servers = BenchmarkMasters.start(this.masters);
		// latency, not failure handling, is measured: a generous per-master timeout keeps an overloaded machine's
		// slow replies from turning into failed tries
		NextIdOptions options = NextIdOptions.builder().numTries(3).masterTimeout(Duration.ofSeconds(1)).raiseOnRedisErrors(false).build();
		this.nextId = NextId.of(this.servers.masters(), "pottery-bench", options);
		this.reserving = NextId.of(this.servers.masters(), "pottery-bench-blocks", options.toBuilder().blockSize(1000).build());
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.servers.close();
	}

	@Benchmark
	public long next() {
		return this.nextId.getAsLong();
	}

	/** Block reservation: one round trip per 1,000 ids, handed out locally. */
	@Benchmark
	public long nextReservingBlocksOf1000() {
		return this.reserving.getAsLong();
	}

}
