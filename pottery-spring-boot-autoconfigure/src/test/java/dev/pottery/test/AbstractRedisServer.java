package dev.pottery.test;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Lazily created clients shared by one test class, closed with the server handle.
 */
abstract class AbstractRedisServer implements RedisServer, AutoCloseable {

	private @Nullable LettuceConnectionFactory connectionFactory;

	private @Nullable RedisClient client;

	private @Nullable StatefulRedisConnection<String, String> connection;

	@Override
	public synchronized LettuceConnectionFactory connectionFactory() {
		if (this.connectionFactory == null) {
			RedisConfiguration configuration = LettuceConnectionFactory.createRedisConfiguration(url());
			LettuceConnectionFactory factory = new LettuceConnectionFactory(configuration);
			factory.afterPropertiesSet();
			factory.start();
			this.connectionFactory = factory;
		}
		return this.connectionFactory;
	}

	@Override
	public synchronized RedisCommands<String, String> commands() {
		if (this.connection == null || !this.connection.isOpen()) {
			if (this.client == null) {
				this.client = RedisClient.create();
			}
			this.connection = this.client.connect(RedisURI.create(url()));
		}
		return this.connection.sync();
	}

	/** Whether the server can be asked for stray keys now (running and not paused). */
	abstract boolean isAnswering();

	@Override
	public synchronized void close() {
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
			this.connectionFactory = null;
		}
		if (this.connection != null) {
			this.connection.close();
			this.connection = null;
		}
		if (this.client != null) {
			this.client.shutdown();
			this.client = null;
		}
		stop();
	}

	/** Stop the server itself, when this handle owns it. */
	abstract void stop();

	@Override
	public String toString() {
		return getClass().getSimpleName() + "{" + url() + "}";
	}

}
