package dev.pottery.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that the benchmark's trial set-up, method and tear-down work; no timing (JMH measures that).
 */
class RedlockBenchmarkTests {

	@Test
	void acquireReleaseWorksOnFiveMasters() {
		RedlockBenchmark benchmark = new RedlockBenchmark();
		benchmark.masters = 5;
		benchmark.setUp();
		try {
			assertThat(benchmark.acquireRelease()).isTrue();
			assertThat(benchmark.acquireRelease()).isTrue();
			assertThat(benchmark.anyLockKeyLeft()).isFalse();
		}
		finally {
			benchmark.tearDown();
		}
	}

}
