package dev.pottery.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * One Redis server for the whole test JVM, for tests that JUnit Jupiter extensions cannot reach, such as Guava
 * testlib suites run through the Vintage engine. Chosen like {@link RealRedis} (external URL, container or
 * embedded), started on first use, stopped at JVM exit.
 */
public final class SharedRedisServer {

	private static @Nullable RedisServer server;

	private SharedRedisServer() {
	}

	/**
	 * The shared server, started on first call.
	 * @return the server
	 */
	public static synchronized RedisServer get() {
		if (server == null) {
			List<String> urls = RealRedisExtension.externalUrls();
			RedisServer started = urls.isEmpty() ? RealRedisExtension.startFresh(1).get(0)
					: new ExternalTestServer(urls.get(0));
			Runtime.getRuntime().addShutdownHook(new Thread(((AbstractRedisServer) started)::close,
					"pottery-shared-redis-shutdown"));
			server = started;
		}
		return server;
	}

}
