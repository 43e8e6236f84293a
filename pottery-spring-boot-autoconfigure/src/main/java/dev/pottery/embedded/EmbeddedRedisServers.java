package dev.pottery.embedded;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

import org.springframework.util.Assert;

/**
 * N independent embedded Redis masters (no replication between them), as Redlock and NextId expect; closing the
 * group stops them all.
 *
 * <pre>{@code
 * try (EmbeddedRedisServers masters = EmbeddedRedisServers.start(5)) {
 *     List<String> urls = masters.urls();
 *     masters.get(0).pause();              // one master stops answering
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EmbeddedRedisServers implements AutoCloseable, Iterable<EmbeddedRedisServer> {

	private final List<EmbeddedRedisServer> servers;

	private EmbeddedRedisServers(List<EmbeddedRedisServer> servers) {
		this.servers = List.copyOf(servers);
	}

	/**
	 * Start {@code count} servers, each on its own free port. If one fails to start, those already started are
	 * stopped.
	 * @param count how many servers, at least 1
	 * @return the running servers
	 * @throws EmbeddedRedisException if a server cannot be started
	 */
	public static EmbeddedRedisServers start(int count) {
		Assert.isTrue(count >= 1, "'count' must be at least 1");
		List<EmbeddedRedisServer> started = new ArrayList<>(count);
		try {
			for (int i = 0; i < count; i++) {
				started.add(EmbeddedRedisServer.start());
			}
		}
		catch (RuntimeException ex) {
			started.forEach(EmbeddedRedisServer::close);
			throw ex;
		}
		return new EmbeddedRedisServers(started);
	}

	/**
	 * The server at the given position.
	 * @param index from 0 to {@code size() - 1}
	 * @return the server
	 */
	public EmbeddedRedisServer get(int index) {
		return this.servers.get(index);
	}

	/**
	 * How many servers the group has.
	 * @return the count given to {@link #start(int)}
	 */
	public int size() {
		return this.servers.size();
	}

	/**
	 * The servers' URLs, in order.
	 * @return one {@code redis://127.0.0.1:<port>} per server
	 */
	public List<String> urls() {
		return this.servers.stream().map(EmbeddedRedisServer::url).toList();
	}

	@Override
	public Iterator<EmbeddedRedisServer> iterator() {
		return this.servers.iterator();
	}

	/**
	 * Stop every server. Idempotent.
	 */
	@Override
	public void close() {
		this.servers.forEach(EmbeddedRedisServer::close);
	}

}
