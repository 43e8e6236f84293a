package dev.pottery.collections;

import dev.pottery.codec.PotteryJson;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * Creates Pottery's Redis-backed collections on one Redis connection, with one codec. The {@code Pottery} facade
 * bean delegates here; use this class directly outside Spring Boot.
 *
 * <p>Every factory method takes the Redis key ({@code null} or empty for a random {@code pottery:<uuid>} key that
 * is deleted when the structure becomes unreachable) and the element types, so reads come back typed. Opening a
 * structure costs no round trip (a random key costs one EXISTS); creating one with initial contents fails with
 * {@link dev.pottery.KeyExistsException} if the key already exists.
 *
 * <p>Thread-safe; the structures it creates are thread-safe too.
 *
 * <pre>{@code
 * RedisCollections collections = RedisCollections.create(connectionFactory);
 * RedisMap<String, Integer> tel = collections.map("tel", String.class, Integer.class);
 * tel.put("jack", 4098);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class RedisCollections {

	private final StringRedisTemplate template;

	private final PotteryJson codec;

	/**
	 * Create a factory on the given connection with the given codec.
	 * @param connectionFactory the Redis connection (usually the application's Lettuce connection factory)
	 * @param codec the codec
	 */
	public RedisCollections(RedisConnectionFactory connectionFactory, PotteryJson codec) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(codec, "'codec' must not be null");
		this.template = new StringRedisTemplate(connectionFactory);
		this.codec = codec;
	}

	/**
	 * Create a factory on the given connection with the default codec.
	 * @param connectionFactory the Redis connection
	 * @return the factory
	 */
	public static RedisCollections create(RedisConnectionFactory connectionFactory) {
		return new RedisCollections(connectionFactory, PotteryJson.create());
	}

	StructureSupport support(String key, String redisType, String structure) {
		return StructureSupport.attach(this.template, this.codec, key, redisType, structure);
	}

	/**
	 * The codec the structures use.
	 * @return the codec
	 */
	public PotteryJson codec() {
		return this.codec;
	}

	// ---- hashes: RedisMap, RedisCounter, CachedOrderedMap ----

	// ---- sets: RedisSet ----

	// ---- lists: RedisList, RedisDeque ----

	// ---- streams: RedisSimpleQueue ----

}
