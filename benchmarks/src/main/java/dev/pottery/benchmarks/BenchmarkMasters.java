package dev.pottery.benchmarks;

import java.util.ArrayList;
import java.util.List;

import dev.pottery.embedded.EmbeddedRedisServer;
import dev.pottery.lock.Masters;

/** Independent embedded Redis masters for a quorum benchmark's trial, and the {@link Masters} over them. */
final class BenchmarkMasters implements AutoCloseable {

	private final List<EmbeddedRedisServer> servers;

	private final Masters masters;

	private BenchmarkMasters(List<EmbeddedRedisServer> servers) {
		this.servers = servers;
		this.masters = Masters.of(servers.stream().map(EmbeddedRedisServer::url).toList());
	}

	static BenchmarkMasters start(int count) {
		List<EmbeddedRedisServer> servers = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			servers.add(EmbeddedRedisServer.start());
		}
		return new BenchmarkMasters(servers);
	}

	Masters masters() {
		return this.masters;
	}

	List<EmbeddedRedisServer> servers() {
		return this.servers;
	}

	/** Close the masters, then stop the servers. */
	@Override
	public void close() {
		this.masters.close();
		this.servers.forEach(EmbeddedRedisServer::close);
	}

}
