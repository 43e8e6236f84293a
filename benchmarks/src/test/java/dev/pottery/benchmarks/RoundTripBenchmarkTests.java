package dev.pottery.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that the benchmark's trial set-up, methods and tear-down work; no timing (JMH measures that).
 */
class RoundTripBenchmarkTests {

	@Test
	void benchmarkMethodsAnswerAgainstARealServer() {
		RoundTripBenchmark benchmark = new RoundTripBenchmark();
		benchmark.setUp();
		try {
			assertThat(benchmark.get()).isEqualTo("Redis for Humans....");
			assertThat(benchmark.ping()).isEqualTo("PONG");
		}
		finally {
			benchmark.tearDown();
		}
	}

}
