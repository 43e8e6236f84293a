package dev.pottery.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that the benchmark's trial set-up, methods and tear-down work; no timing (JMH measures that).
 */
class RedisSetBenchmarkTests {

	@Test
	void benchmarkMethodsAnswerAgainstARealServer() {
		RedisSetBenchmark benchmark = new RedisSetBenchmark();
		benchmark.setUp();
		try {
			assertThat(benchmark.containsManyPottery()).hasSize(1000).filteredOn(Boolean::booleanValue).hasSize(500);
			assertThat(benchmark.containsManyRawSmismember()).isEqualTo(benchmark.containsManyPottery());
			assertThat(benchmark.dequeOfferPollPottery()).isEqualTo(42);
			assertThat(benchmark.dequeOfferPollRaw()).isEqualTo("42");
		}
		finally {
			benchmark.tearDown();
		}
	}

}
