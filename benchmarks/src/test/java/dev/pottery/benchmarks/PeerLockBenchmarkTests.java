package dev.pottery.benchmarks;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that {@link PeerLockBenchmark}'s trial set-up, methods and tear-down work against real servers; no
 * timing (JMH measures that).
 */
class PeerLockBenchmarkTests {

	@Test
	void everyPeerLockIsAcquiredAndReleased() {
		PeerLockBenchmark benchmark = new PeerLockBenchmark();
		benchmark.setUp();
		try {
			assertThat(benchmark.redissonLock()).isTrue();
			assertThat(benchmark.redissonLock()).isTrue();
			assertThat(benchmark.redissonMultiLock()).isTrue();
			assertThat(benchmark.redissonMultiLock()).isTrue();
			assertThat(benchmark.redissonRedLock()).isTrue();
			assertThat(benchmark.redissonRedLock()).isTrue();
			assertThat(benchmark.springIntegrationLock()).isTrue();
			assertThat(benchmark.springIntegrationLock()).isTrue();
			assertThat(benchmark.keysLeft()).isZero();
		}
		finally {
			benchmark.tearDown();
		}
	}

}
