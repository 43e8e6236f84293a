package dev.pottery.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that the benchmark's trial set-up, method and tear-down work; no timing (JMH measures that).
 */
class NextIdBenchmarkTests {

	@Test
	void nextWorksOnFiveMasters() {
		NextIdBenchmark benchmark = new NextIdBenchmark();
		benchmark.masters = 5;
		benchmark.setUp();
		try {
			assertThat(benchmark.next()).isEqualTo(1);
			assertThat(benchmark.next()).isEqualTo(2);
			assertThat(benchmark.nextReservingBlocksOf1000()).isEqualTo(1);
			assertThat(benchmark.nextReservingBlocksOf1000()).isEqualTo(2);
		}
		finally {
			benchmark.tearDown();
		}
	}

}
