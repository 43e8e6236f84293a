package dev.pottery.collections;

import java.util.Map;

import dev.pottery.Pottery;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * Run by {@code RedisMapTests} in a child JVM with {@code -Xmx64m}: iterates a map far larger than the heap as a
 * whole and exits 0 if every entry was seen. Arguments: Redis URL, key, expected number of entries.
 */
public final class LargeMapIteration {

	private LargeMapIteration() {
	}

	public static void main(String[] args) {
		long start = System.nanoTime();
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(args[0]));
		factory.afterPropertiesSet();
		factory.start();
		try {
			RedisMap<String, String> map = Pottery.create(factory)
				.map(args[1], String.class, String.class);
			System.out.println("connected after " + (System.nanoTime() - start) / 1_000_000 + " ms");
			long count = 0;
			long length = 0;
			for (Map.Entry<String, String> entry : map.entrySet()) {
				count++;
				length += entry.getValue().length();
			}
			System.out.println("iterated " + count + " entries, " + length + " characters of values, max heap "
					+ Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MB, in "
					+ (System.nanoTime() - start) / 1_000_000 + " ms");
			System.exit((count == Long.parseLong(args[2])) ? 0 : 1);
		}
		finally {
			factory.destroy();
		}
	}

}
