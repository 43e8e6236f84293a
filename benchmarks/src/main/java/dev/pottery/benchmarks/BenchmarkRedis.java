package dev.pottery.benchmarks;

import dev.pottery.embedded.EmbeddedRedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Redis server a benchmark trial runs against ({@code POTTERY_BENCH_REDIS_URL} if set, otherwise an embedded
 * {@code redis-server} started for the trial) and the connections to it, opened on first use, closed with it.
 */
final class BenchmarkRedis implements AutoCloseable {

	static final String URL_VARIABLE = "POTTERY_BENCH_REDIS_URL";

	private final @Nullable EmbeddedRedisServer embedded;

	private final String url;

	private @Nullable RedisClient client;

	private @Nullable StatefulRedisConnection<String, String> connection;

	private @Nullable LettuceConnectionFactory connectionFactory;

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

	/** Raw Lettuce commands on one connection, the baseline's way; connects on the first call. */
	RedisCommands<String, String> commands() {
		StatefulRedisConnection<String, String> connection = this.connection;
		if (connection == null) {
			RedisClient client = RedisClient.create();
			this.client = client;
			connection = client.connect(RedisURI.create(this.url));
			this.connection = connection;
		}
		return connection.sync();
	}

	/**
	 * The Spring Data Redis connection factory Pottery's structures run on, as an application would have it:
	 * Lettuce, one shared native connection, default settings; started on the first call.
	 */
	LettuceConnectionFactory connectionFactory() {
		LettuceConnectionFactory factory = this.connectionFactory;
		if (factory == null) {
			factory = new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(this.url));
			factory.afterPropertiesSet();
			factory.start();
			this.connectionFactory = factory;
		}
		return factory;
	}

	/** Close the connections, then stop the embedded server if there is one. */
	@Override
	public void close() {
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
		if (this.connection != null) {
			this.connection.close();
		}
		if (this.client != null) {
			this.client.shutdown();
		}
		if (this.embedded != null) {
			this.embedded.close();
		}
	}

}
