package dev.pottery.benchmarks;

import java.net.URI;

import org.redisson.Redisson;
import org.redisson.api.RedissonClient;
import org.redisson.config.Config;
import org.redisson.config.SingleServerConfig;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The clients of the peer libraries the peer benchmarks measure, built the same way for every trial.
 *
 * <p>Redisson runs with few threads, the machine having 2 cores: {@code threads = 1} (its executor, default 16) and
 * {@code nettyThreads = 2} (its Netty event loops, default 32; Lettuce starts 2 I/O threads on 2 cores), and with
 * {@code connectionMinimumIdleSize = 1} instead of 24, so that a client does not open two dozen connections that a
 * single caller thread never uses (the pool, up to 64, still grows on demand). Everything else is Redisson's default.
 */
final class PeerClients {

	static final int REDISSON_THREADS = 1;

	static final int REDISSON_NETTY_THREADS = 2;

	private PeerClients() {
	}

	/**
	 * A Redisson client on one server ({@code useSingleServer}).
	 * @param url a {@code redis://} URL, as {@code EmbeddedRedisServer.url()} or {@code POTTERY_BENCH_REDIS_URL} give
	 * @return the started client; {@code shutdown()} it
	 */
	static RedissonClient redisson(String url) {
		URI uri = URI.create(url);
		Config config = new Config();
		config.setThreads(REDISSON_THREADS);
		config.setNettyThreads(REDISSON_NETTY_THREADS);
		SingleServerConfig server = config.useSingleServer()
			.setAddress(uri.getScheme() + "://" + uri.getHost() + ":" + ((uri.getPort() < 0) ? 6379 : uri.getPort()))
			.setConnectionMinimumIdleSize(1);
		String path = uri.getPath();
		if (path != null && path.length() > 1) {
			server.setDatabase(Integer.parseInt(path.substring(1)));
		}
		// user and password go to the config, never to a log
		String userInfo = uri.getUserInfo();
		if (userInfo != null) {
			int colon = userInfo.indexOf(':');
			if (colon > 0) {
				config.setUsername(userInfo.substring(0, colon));
			}
			config.setPassword((colon >= 0) ? userInfo.substring(colon + 1) : userInfo);
		}
		return Redisson.create(config);
	}

	/**
	 * A Spring Data Redis connection factory as an application would have it: Lettuce, one shared native connection,
	 * default settings (the same as {@code BenchmarkRedis.connectionFactory()}).
	 * @param url a {@code redis://} URL
	 * @return the started factory; {@code destroy()} it
	 */
	static LettuceConnectionFactory lettuceConnectionFactory(String url) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(url));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
