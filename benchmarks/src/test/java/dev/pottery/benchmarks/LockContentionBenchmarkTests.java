package dev.pottery.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.pottery.embedded.EmbeddedRedisServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A smoke check that every lock of {@link LockContentionBenchmark} runs a short contended cell and reports a row; no
 * timing.
 */
class LockContentionBenchmarkTests {

	@Test
	void everyLockHandsOverBetweenTwoClients() throws Exception {
		List<EmbeddedRedisServer> servers = new ArrayList<>();
		try {
			for (int i = 0; i < 5; i++) {
				servers.add(EmbeddedRedisServer.start());
			}
			List<String> urls = servers.stream().map(EmbeddedRedisServer::url).toList();
			for (LockContentionBenchmark.Kind kind : LockContentionBenchmark.Kind.values()) {
				LockContentionBenchmark.Result result = LockContentionBenchmark.run(kind, urls, 2, 200_000,
						Duration.ofMillis(300));
				assertThat(result.total()).as(kind.label).isPositive();
				assertThat(result.row(0.2)).startsWith("| " + kind.label + " | 0.2 ms |");
			}
		}
		finally {
			servers.forEach(EmbeddedRedisServer::close);
		}
	}

}
