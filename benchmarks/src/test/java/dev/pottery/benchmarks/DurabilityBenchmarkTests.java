package dev.pottery.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that {@link DurabilityBenchmark}'s trial set-up, methods and tear-down work against a real primary
 * with a replica; no timing.
 */
class DurabilityBenchmarkTests {

	@Test
	void everyMethodRuns() {
		DurabilityBenchmark benchmark = new DurabilityBenchmark();
		benchmark.setUp();
		try {
			benchmark.put();
			assertThat(benchmark.putDurable()).isZero();
			assertThat(benchmark.increment()).isOne();
			assertThat(benchmark.incrementDurable()).isEqualTo(2);
			assertThat(benchmark.rawHset()).isTrue();
			assertThat(benchmark.rawHincrby()).isOne();
			assertThat(benchmark.rawHsetWait()).isOne();
		}
		finally {
			benchmark.tearDown();
		}
	}

}
