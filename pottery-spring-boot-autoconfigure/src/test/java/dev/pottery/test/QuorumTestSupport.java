package dev.pottery.test;

import java.util.UUID;

import dev.pottery.lock.Masters;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

/**
 * The set-up of tests on several masters, such as Redlock's and NextId's: the class's {@link RedisServers}, one
 * {@link Masters} on them opened before the class's tests and closed after, and a fresh {@code pottery:test:<uuid>}
 * name before each test. Subclasses are {@link RealRedis} classes and delete what they write under the name.
 */
public abstract class QuorumTestSupport {

	/** The masters of the class's servers. */
	protected static Masters masters;

	/** The class's servers. */
	protected final RedisServers servers;

	/** The test's structure name, {@code pottery:test:<uuid>}. */
	protected String name;

	/**
	 * Keep the class's servers.
	 * @param servers the servers, from {@link RealRedis}
	 */
	protected QuorumTestSupport(RedisServers servers) {
		this.servers = servers;
	}

	/**
	 * Open the masters of the class's servers.
	 * @param servers the servers, from {@link RealRedis}
	 */
	@BeforeAll
	protected static void openMasters(RedisServers servers) {
		masters = Masters.of(servers.urls());
	}

	/** Close the masters. */
	@AfterAll
	protected static void closeMasters() {
		masters.close();
	}

	/** Pick the test's name. */
	@BeforeEach
	protected void newName() {
		this.name = "pottery:test:" + UUID.randomUUID();
	}

}
