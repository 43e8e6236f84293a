package dev.pottery.autoconfigure.testcontainers;

import dev.pottery.embedded.EmbeddedRedisServer;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Testcontainers {@code GenericContainer} whose Redis is an embedded {@code redis-server} process instead of a
 * Docker container, so that the {@code @ServiceConnection} wiring is tested on machines without a Docker engine:
 * it answers {@code getHost()} and {@code getMappedPort(6379)} with the real server's address. The server starts
 * with the object and stops with {@link #stop()} (or {@link #close()}).
 */
final class EmbeddedRedisContainer extends GenericContainer<EmbeddedRedisContainer> {

	private final EmbeddedRedisServer server;

	EmbeddedRedisContainer() {
		super(DockerImageName.parse("redis:7.0"));
		this.server = EmbeddedRedisServer.start();
	}

	EmbeddedRedisServer server() {
		return this.server;
	}

	@Override
	public void start() {
		// started in the constructor
	}

	@Override
	public void stop() {
		this.server.close();
	}

	@Override
	public boolean isRunning() {
		return this.server.isRunning();
	}

	@Override
	public String getDockerImageName() {
		return "redis:7.0";
	}

	@Override
	public String getHost() {
		return this.server.host();
	}

	@Override
	public Integer getMappedPort(int originalPort) {
		if (originalPort != RedlockMasterContainerConnectionDetailsFactory.REDIS_PORT) {
			throw new IllegalArgumentException("only port 6379 is mapped, not " + originalPort);
		}
		return this.server.port();
	}

}
