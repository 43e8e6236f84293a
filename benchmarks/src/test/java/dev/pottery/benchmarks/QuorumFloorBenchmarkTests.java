package dev.pottery.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that the floor benchmark's trial set-up, methods and tear-down work; no timing (JMH measures that).
 */
class QuorumFloorBenchmarkTests {

	@Test
	void parallelCommandsReachAMajorityOfFiveMasters() throws Exception {
		QuorumFloorBenchmark benchmark = new QuorumFloorBenchmark();
		benchmark.masters = 5;
		benchmark.setUp();
		try {
			assertThat(benchmark.parallelGet()).isGreaterThanOrEqualTo(3);
			assertThat(benchmark.parallelScript()).isGreaterThanOrEqualTo(3);
			assertThat(benchmark.parallelScriptHearingAll()).isEqualTo(5);
			assertThat(benchmark.parallelNextIdScriptHearingAll()).isEqualTo(5);
			// at least a majority acquired, and at least a majority of those deleted their key
			assertThat(benchmark.parallelLockPair()).isGreaterThanOrEqualTo(6);
			assertThat(benchmark.parallelLockPair()).isGreaterThanOrEqualTo(6);
			assertThat(benchmark.parallelLockPairChained()).isGreaterThanOrEqualTo(6);
			assertThat(benchmark.parallelLockPairChained()).isGreaterThanOrEqualTo(6);
			// SET NX PX answered OK and the compare-and-delete deleted: 1 + 1
			assertThat(benchmark.lockPair()).isEqualTo(2);
			assertThat(benchmark.lockPair()).isEqualTo(2);
		}
		finally {
			benchmark.tearDown();
		}
	}

}
