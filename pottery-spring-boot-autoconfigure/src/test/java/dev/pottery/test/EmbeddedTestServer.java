package dev.pottery.test;

import dev.pottery.embedded.EmbeddedRedisServer;

/**
 * A test server that is an embedded {@code redis-server} process.
 */
final class EmbeddedTestServer extends AbstractRedisServer {

	private final EmbeddedRedisServer server;

	EmbeddedTestServer(EmbeddedRedisServer server) {
		this.server = server;
	}

	@Override
	public String url() {
		return this.server.url();
	}

	@Override
	public boolean isControllable() {
		return true;
	}

	@Override
	public void pause() {
		this.server.pause();
	}

	@Override
	public void resume() {
		this.server.resume();
	}

	@Override
	public void kill() {
		this.server.kill();
	}

	@Override
	public void restart() {
		this.server.restart();
	}

	@Override
	boolean isAnswering() {
		return this.server.isRunning() && !this.server.isPaused();
	}

	@Override
	void stop() {
		this.server.close();
	}

}
