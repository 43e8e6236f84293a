package dev.pottery.benchmarks;

import dev.pottery.embedded.EmbeddedRedisServer;
import org.jspecify.annotations.Nullable;

/**
 * The Redis server a benchmark trial runs against: {@code POTTERY_BENCH_REDIS_URL} if set, otherwise an embedded
 * {@code redis-server} started for the trial.
 */
final class BenchmarkRedis implements AutoCloseable {

	static final String URL_VARIABLE = "POTTERY_BENCH_REDIS_URL";

	private final @Nullable EmbeddedRedisServer embedded;

	private final String url;

	private BenchmarkRedis(@Nullable EmbeddedRedisServer embedded, String url) {
		this.embedded = embedded;
		this.url = url;
	}

	static BenchmarkRedis start() {
		String url = System.getProperty(URL_VARIABLE, System.getenv(URL_VARIABLE));
		if (url != null && !url.isBlank()) {
			return new BenchmarkRedis(null, url);
		}
		EmbeddedRedisServer server = EmbeddedRedisServer.start();
		return new BenchmarkRedis(server, server.url());
	}

	String url() {
		return this.url;
	}

	@Override
	public void close() {
		if (this.embedded != null) {
			this.embedded.close();
		}
	}

}
