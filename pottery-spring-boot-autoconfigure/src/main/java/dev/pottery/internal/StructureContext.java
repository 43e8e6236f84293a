package dev.pottery.internal;

import dev.pottery.Durability;
import dev.pottery.codec.PotteryJson;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * Not API: what every structure of one {@code Pottery} shares — its Redis connection, codec and durability level —
 * and where each structure's {@link StructureSupport} comes from. Immutable and thread-safe.
 */
public final class StructureContext {

	private final StringRedisTemplate template;

	private final PotteryJson codec;

	private final Durability durability;

	/**
	 * A context on the given connection with the given codec, writing without waiting for replicas.
	 * @param connectionFactory the Redis connection
	 * @param codec the codec
	 */
	public StructureContext(RedisConnectionFactory connectionFactory, PotteryJson codec) {
		Assert.notNull(connectionFactory, "'connectionFactory' must not be null");
		Assert.notNull(codec, "'codec' must not be null");
		this.template = new StringRedisTemplate(connectionFactory);
		this.codec = codec;
		this.durability = Durability.NONE;
	}

	private StructureContext(StructureContext context, Durability durability) {
		this.template = context.template;
		this.codec = context.codec;
		this.durability = durability;
	}

	/**
	 * The same context, whose structures wait for replicas after each write (see {@link Durability}). No round trip.
	 * @param durability how many replicas must confirm each write, and how long to wait for them
	 * @return a context with that durability ({@code this} if it already has it)
	 * @throws IllegalStateException if {@code durability} waits for replicas and the connection is not Pottery's own
	 * connection factory ({@link PotteryConnection})
	 */
	public StructureContext withDurability(Durability durability) {
		Assert.notNull(durability, "'durability' must not be null");
		if (durability.equals(this.durability)) {
			return this;
		}
		StructureSupport.checkDurability(this.template, durability);
		return new StructureContext(this, durability);
	}

	/**
	 * How many replicas must confirm the writes of the structures of this context.
	 * @return the durability level
	 */
	public Durability durability() {
		return this.durability;
	}

	/**
	 * The codec the structures use.
	 * @return the codec
	 */
	public PotteryJson codec() {
		return this.codec;
	}

	/**
	 * The shared plumbing of one structure at {@code key}.
	 * @param key the Redis key, or {@code null} (or empty) for a random {@code pottery:<uuid>} key
	 * @param redisType the Redis type the key must hold
	 * @param structure the structure's name for messages
	 * @return the support
	 */
	public StructureSupport support(@Nullable String key, String redisType, String structure) {
		return StructureSupport.attach(this.template, this.codec, key, redisType, structure, this.durability);
	}

	@Override
	public String toString() {
		return String.valueOf(this.template.getConnectionFactory());
	}

}
