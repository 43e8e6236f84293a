package dev.pottery.test;

import java.util.UUID;

import io.lettuce.core.api.sync.RedisCommands;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * One real Redis server given to a test class by {@link RealRedis}.
 */
public interface RedisServer {

	/**
	 * The URL, with credentials, in the form {@code spring.data.redis.url} takes.
	 * @return for example {@code redis://127.0.0.1:6380}
	 */
	String url();

	/**
	 * A started Lettuce connection factory for this server, shared by the test class and destroyed after it.
	 * @return the factory
	 */
	LettuceConnectionFactory connectionFactory();

	/**
	 * Raw Lettuce commands on a dedicated connection, for asserting what is stored byte for byte.
	 * @return synchronous commands with String keys and values (UTF-8)
	 */
	RedisCommands<String, String> commands();

	/**
	 * Whether {@link #pause()}, {@link #resume()}, {@link #kill()} and {@link #restart()} work.
	 * @return {@code false} for external servers
	 */
	boolean isControllable();

	/** Freeze the server (SIGSTOP or {@code docker pause}): it keeps connections but answers nothing. */
	void pause();

	/** Let a paused server go on. */
	void resume();

	/** Kill the server; its data is lost. */
	void kill();

	/** Start a killed server again on the same port, empty. */
	void restart();

	/**
	 * A fresh key for one test, {@code pottery:test:<uuid>}.
	 * @return a key no other test uses
	 */
	default String newKey() {
		return "pottery:test:" + UUID.randomUUID();
	}

}
