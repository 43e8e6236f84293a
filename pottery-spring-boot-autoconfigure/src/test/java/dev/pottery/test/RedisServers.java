package dev.pottery.test;

import java.util.Iterator;
import java.util.List;

/**
 * The independent Redis servers given to a test class by {@link RealRedis}.
 *
 * @param servers the servers, in order
 */
public record RedisServers(List<RedisServer> servers) implements Iterable<RedisServer> {

	/**
	 * The server at the given position.
	 * @param index from 0
	 * @return the server
	 */
	public RedisServer get(int index) {
		return this.servers.get(index);
	}

	/**
	 * How many servers there are.
	 * @return the count asked for in {@link RealRedis#servers()}
	 */
	public int size() {
		return this.servers.size();
	}

	/**
	 * The URLs of all servers, in order.
	 * @return one URL per server
	 */
	public List<String> urls() {
		return this.servers.stream().map(RedisServer::url).toList();
	}

	@Override
	public Iterator<RedisServer> iterator() {
		return this.servers.iterator();
	}

}
