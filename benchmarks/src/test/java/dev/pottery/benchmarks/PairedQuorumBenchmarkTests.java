package dev.pottery.benchmarks;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A smoke check that the paired benchmark runs every pair and reports a ratio for each; no timing. */
class PairedQuorumBenchmarkTests {

	@Test
	void everyPairGetsARatio() {
		List<PairedQuorumBenchmark.Result> results = PairedQuorumBenchmark.run(3, 2, 20, 0);
		assertThat(results).hasSize(5);
		assertThat(results).allSatisfy((result) -> {
			assertThat(result.median()).isPositive().isFinite();
			assertThat(result.potteryMicros()).isPositive();
			assertThat(result.floorMicros()).isPositive();
		});
	}

}
