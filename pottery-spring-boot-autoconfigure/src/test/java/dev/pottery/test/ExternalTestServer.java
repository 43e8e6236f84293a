package dev.pottery.test;

/**
 * A test server named by {@code POTTERY_TEST_REDIS_URL}: shared, never flushed, never controlled.
 */
final class ExternalTestServer extends AbstractRedisServer {

	private final String url;

	ExternalTestServer(String url) {
		this.url = url;
	}

	@Override
	public String url() {
		return this.url;
	}

	@Override
	public boolean isControllable() {
		return false;
	}

	@Override
	public void pause() {
		throw uncontrollable();
	}

	@Override
	public void resume() {
		throw uncontrollable();
	}

	@Override
	public void kill() {
		throw uncontrollable();
	}

	@Override
	public void restart() {
		throw uncontrollable();
	}

	private UnsupportedOperationException uncontrollable() {
		return new UnsupportedOperationException("An external server (POTTERY_TEST_REDIS_URL) cannot be paused, "
				+ "killed or restarted; annotate the test class @RealRedis(controllable = true) to skip it there");
	}

	@Override
	boolean isAnswering() {
		return true;
	}

	@Override
	void stop() {
	}

}
