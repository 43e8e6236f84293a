package dev.pottery.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that the benchmark's trial set-up, methods and tear-down work; no timing (JMH measures that).
 */
class BloomFilterBenchmarkTests {

	@Test
	void benchmarkMethodsAnswerAgainstARealServer() {
		BloomFilterBenchmark benchmark = new BloomFilterBenchmark();
		benchmark.setUp();
		try {
			assertThat(benchmark.mightContain()).isTrue();
			benchmark.add();
			assertThat(benchmark.addAll1000()).isFalse();
			assertThat(benchmark.containsMany1000()).hasSize(1000).containsOnly(true);
		}
		finally {
			benchmark.tearDown();
		}
	}

}
