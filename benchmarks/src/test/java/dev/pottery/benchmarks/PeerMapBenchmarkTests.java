package dev.pottery.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that {@link PeerMapBenchmark}'s trial set-up, methods and tear-down work against a real server; no
 * timing.
 */
class PeerMapBenchmarkTests {

	@Test
	void springDataRedisMapAnswers() {
		PeerMapBenchmark benchmark = new PeerMapBenchmark();
		benchmark.setUp();
		try {
			assertThat(benchmark.springGet()).isEqualTo(PeerMapBenchmark.VALUE);
			assertThat(benchmark.springPut()).isEqualTo(PeerMapBenchmark.VALUE);
			assertThat(benchmark.springGet()).isEqualTo(PeerMapBenchmark.OTHER_VALUE);
			assertThat(benchmark.springPut()).isEqualTo(PeerMapBenchmark.OTHER_VALUE);
		}
		finally {
			benchmark.tearDown();
		}
	}

	@Test
	void redissonMapAnswers() {
		PeerMapBenchmark benchmark = new PeerMapBenchmark();
		benchmark.setUp();
		try {
			assertThat(benchmark.redissonGet()).isEqualTo(PeerMapBenchmark.VALUE);
			assertThat(benchmark.redissonPut()).isEqualTo(PeerMapBenchmark.VALUE);
			assertThat(benchmark.redissonGet()).isEqualTo(PeerMapBenchmark.OTHER_VALUE);
			assertThat(benchmark.redissonFastPut()).isFalse();
			assertThat(benchmark.redissonGet()).isEqualTo(PeerMapBenchmark.VALUE);
		}
		finally {
			benchmark.tearDown();
		}
	}

}
