package dev.pottery.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that the benchmark's trial set-up, methods and tear-down work; no timing (JMH measures that).
 */
class RedisCacheBenchmarkTests {

	@Test
	void benchmarkMethodsAnswerAgainstARealServer() {
		RedisCacheBenchmark benchmark = new RedisCacheBenchmark();
		benchmark.setUp();
		try {
			assertThat(benchmark.hit()).isEqualTo("Redis for Humans....");
		}
		finally {
			benchmark.tearDown();
		}
	}

}
