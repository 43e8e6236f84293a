package dev.pottery.autoconfigure.testcontainers;

import dev.pottery.embedded.EmbeddedRedisServer;
import org.jspecify.annotations.Nullable;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * A Testcontainers {@code GenericContainer} whose Redis is an embedded {@code redis-server} process instead of a
 * Docker container, so that the {@code @ServiceConnection} wiring is tested on machines without a Docker engine:
 * {@link #start()} starts the server, and {@code getHost()} and {@code getMappedPort(6379)} answer with its address
 * (and, as a real container's, fail before it has started).
 */
final class EmbeddedRedisContainer extends GenericContainer<EmbeddedRedisContainer> {

	private @Nullable EmbeddedRedisServer server;

	EmbeddedRedisContainer() {
		super(DockerImageName.parse("redis:7.0"));
	}

	synchronized EmbeddedRedisServer server() {
		if (this.server == null) {
			throw new IllegalStateException("the container has not been started");
		}
		return this.server;
	}

	@Override
	public synchronized void start() {
		if (this.server == null) {
			this.server = EmbeddedRedisServer.start();
		}
	}

	@Override
	public synchronized void stop() {
		if (this.server != null) {
			this.server.close();
			this.server = null;
		}
	}

	@Override
	public synchronized boolean isRunning() {
		return this.server != null && this.server.isRunning();
	}

	@Override
	public String getDockerImageName() {
		return "redis:7.0";
	}

	@Override
	public String getHost() {
		return server().host();
	}

	@Override
	public Integer getMappedPort(int originalPort) {
		if (originalPort != RedlockMasterContainerConnectionDetailsFactory.REDIS_PORT) {
			throw new IllegalArgumentException("only port 6379 is mapped, not " + originalPort);
		}
		return server().port();
	}

}
