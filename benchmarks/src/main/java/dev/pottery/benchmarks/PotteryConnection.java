package dev.pottery.benchmarks;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The Spring Data Redis connection factory Pottery's structures run on in a benchmark, as an application would have
 * it: Lettuce, one shared native connection, default settings.
 */
final class PotteryConnection {

	private PotteryConnection() {
	}

	static LettuceConnectionFactory start(BenchmarkRedis redis) {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(redis.url()));
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

}
