package dev.pottery.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that {@link RedisMapBenchmark}'s trial set-up, methods and tear-down work; no timing.
 */
class RedisMapBenchmarkTests {

	@Test
	void benchmarkMethodsAnswerAgainstARealServer() {
		RedisMapBenchmark benchmark = new RedisMapBenchmark();
		benchmark.setUp();
		try {
			assertThat(benchmark.get()).isEqualTo(4098);
			assertThat(benchmark.rawHget()).isEqualTo("4098");
			assertThat(benchmark.put()).isEqualTo(4098);
			benchmark.set();
			benchmark.rawHset();
			benchmark.putAll();
			assertThat(benchmark.rawHsetTenThousand()).isEqualTo(RedisMapBenchmark.BULK_SIZE);
			long expectedSum = (long) RedisMapBenchmark.LARGE_SIZE * (RedisMapBenchmark.LARGE_SIZE - 1) / 2;
			assertThat(benchmark.iterate()).isEqualTo(expectedSum);
			assertThat(benchmark.rawHscan()).isEqualTo(RedisMapBenchmark.LARGE_SIZE);
		}
		finally {
			benchmark.tearDown();
		}
	}

}
