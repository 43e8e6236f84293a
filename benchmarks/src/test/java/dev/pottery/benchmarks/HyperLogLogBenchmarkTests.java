package dev.pottery.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that the benchmark's trial set-up, methods and tear-down work; no timing (JMH measures that).
 */
class HyperLogLogBenchmarkTests {

	@Test
	void benchmarkMethodsAnswerAgainstARealServer() {
		HyperLogLogBenchmark benchmark = new HyperLogLogBenchmark();
		benchmark.setUp();
		try {
			assertThat(benchmark.size()).isBetween(9_800L, 10_200L);
			benchmark.add();
			assertThat(benchmark.contains()).isTrue();
		}
		finally {
			benchmark.tearDown();
		}
	}

}
