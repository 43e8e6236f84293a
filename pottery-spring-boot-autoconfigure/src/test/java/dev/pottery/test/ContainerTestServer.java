package dev.pottery.test;

import java.util.concurrent.locks.LockSupport;

import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.FixedHostPortGenericContainer;
import org.testcontainers.containers.wait.strategy.Wait;

/**
 * A test server in a Testcontainers {@code redis:7.0} container, bound to a fixed host port so that a restart keeps
 * its address. Only loaded when a Docker engine is reachable.
 */
final class ContainerTestServer extends AbstractRedisServer {

	static final String IMAGE = "redis:7.0";

	private final FixedHostPortGenericContainer<?> container;

	private final int port;

	private volatile boolean paused;

	private volatile boolean running;

	@SuppressWarnings({ "deprecation", "resource" })
	ContainerTestServer() {
		this.port = freePort();
		this.container = new FixedHostPortGenericContainer<>(IMAGE).withFixedExposedPort(this.port, 6379)
			.withCommand("redis-server", "--save", "", "--appendonly", "no")
			.waitingFor(Wait.forLogMessage(".*Ready to accept connections.*", 1));
		this.container.start();
		this.running = true;
	}

	static boolean isDockerAvailable() {
		try {
			return DockerClientFactory.instance().isDockerAvailable();
		}
		catch (RuntimeException | LinkageError ex) {
			return false;
		}
	}

	private static int freePort() {
		try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
			return socket.getLocalPort();
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException("No free port", ex);
		}
	}

	@Override
	public String url() {
		return "redis://" + this.container.getHost() + ":" + this.port;
	}

	@Override
	public boolean isControllable() {
		return true;
	}

	@Override
	public void pause() {
		DockerClientFactory.instance().client().pauseContainerCmd(this.container.getContainerId()).exec();
		this.paused = true;
	}

	@Override
	public void resume() {
		DockerClientFactory.instance().client().unpauseContainerCmd(this.container.getContainerId()).exec();
		this.paused = false;
	}

	@Override
	public void kill() {
		if (this.paused) {
			resume();
		}
		DockerClientFactory.instance().client().killContainerCmd(this.container.getContainerId()).exec();
		this.running = false;
	}

	@Override
	public void restart() {
		if (this.running) {
			kill();
		}
		DockerClientFactory.instance().client().startContainerCmd(this.container.getContainerId()).exec();
		this.running = true;
		awaitPong();
	}

	private void awaitPong() {
		long deadline = System.nanoTime() + 15_000_000_000L;
		while (System.nanoTime() < deadline) {
			try {
				if ("PONG".equals(commands().ping())) {
					return;
				}
			}
			catch (RuntimeException ex) {
				// not up yet
			}
			LockSupport.parkNanos(20_000_000L);
		}
		throw new IllegalStateException("Container " + this.container.getContainerId() + " did not answer PING");
	}

	@Override
	boolean isAnswering() {
		return this.running && !this.paused;
	}

	@Override
	void stop() {
		this.container.stop();
	}

}
