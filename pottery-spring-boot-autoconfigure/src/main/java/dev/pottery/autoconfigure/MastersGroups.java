package dev.pottery.autoconfigure;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pottery.lock.Masters;
import io.lettuce.core.RedisURI;

import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * The Redlock masters of {@code pottery.redlock.groups}, by name; closes them with the context.
 */
final class MastersGroups implements AutoCloseable {

	private final Map<String, Masters> groups;

	private MastersGroups(Map<String, Masters> groups) {
		this.groups = groups;
	}

	static MastersGroups of(Map<String, List<String>> configured) {
		Map<String, Masters> groups = new LinkedHashMap<>();
		try {
			configured.forEach((name, urls) -> groups.put(name, masters("pottery.redlock.groups." + name, urls)));
		}
		catch (RuntimeException ex) {
			groups.values().forEach(Masters::close);
			throw ex;
		}
		return new MastersGroups(Map.copyOf(groups));
	}

	Map<String, Masters> groups() {
		return this.groups;
	}

	/**
	 * The masters at the given URLs, or the application's own Redis when there are none; a bad URL or an
	 * unsupported connection factory is reported against the property.
	 */
	static Masters masters(String property, List<String> urls) {
		try {
			return Masters.of(urls);
		}
		catch (IllegalArgumentException ex) {
			int bad = 0;
			while (bad < urls.size() - 1 && parses(urls.get(bad))) {
				bad++;
			}
			throw new InvalidPotteryPropertyException(property + "[" + bad + "]",
					urls.isEmpty() ? null : urls.get(bad), ex.getMessage(),
					"use redis://[[user]:password@]host[:port][/db], or rediss://... for TLS", ex);
		}
	}

	private static boolean parses(String url) {
		try {
			RedisURI.create(url);
			return url.startsWith("redis://") || url.startsWith("rediss://");
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	/**
	 * The application's own Redis as the single master when no masters are configured; on a Redis Cluster (or
	 * Sentinel) unavailable masters, so that the application starts and only Redlock and NextId fail, naming the
	 * property to set.
	 */
	static Masters applicationRedis(RedisConnectionFactory connectionFactory) {
		try {
			return Masters.ofApplicationRedis(connectionFactory, "Set pottery.redlock.masters to the URLs of "
					+ "independent standalone Redis servers (redis://host:port, rediss://... for TLS); "
					+ "@Synchronized(masters = \"<group>\") uses pottery.redlock.groups.<group> instead.");
		}
		catch (IllegalArgumentException | IllegalStateException ex) {
			throw new InvalidPotteryPropertyException("pottery.redlock.masters", null,
					"no masters are configured and the application's Redis connection cannot serve as one: "
							+ ex.getMessage(),
					"list the masters' URLs (redis://host:port, rediss://... for TLS), or use Lettuce on a "
							+ "standalone Redis",
					ex);
		}
	}

	@Override
	public void close() {
		this.groups.values().forEach(Masters::close);
	}

}
