package dev.pottery.internal;

import java.io.IOException;
import java.io.InputStream;
import java.lang.ref.Cleaner;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import dev.pottery.ConnectionLostException;
import dev.pottery.EncodingException;
import dev.pottery.KeyExistsException;
import dev.pottery.RandomKeyException;
import dev.pottery.WrongTypeException;
import dev.pottery.codec.PotteryJson;
import dev.pottery.Durability;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.cluster.SlotHash;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.core.ResolvableType;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * The plumbing every Redis-backed structure shares: its key (given, or a random {@code pottery:<uuid>} that is
 * unlinked once the structure becomes unreachable), the String-serialized template it runs on, the codec, and the
 * translation of Redis' {@code WRONGTYPE} errors into a {@link WrongTypeException} naming the key and both types.
 *
 * <p>Internal: public only so that Pottery's other packages (probabilistic, cache) can use it; not an API.
 */
public final class StructureSupport {

	/** The prefix of random keys, as pottery uses it. */
	public static final String RANDOM_KEY_PREFIX = "pottery:";

	static final int RANDOM_KEY_TRIES = 3;

	/** How Lettuce fails a command that was in flight when a connection that rejects commands while down dropped. */
	static final String DISCONNECTED = "Connection disconnected";

	/** How Lettuce refuses, before sending it, a command on a connection that rejects commands while down. */
	static final String NOT_CONNECTED = "Currently not connected";

	private static final Log logger = LogFactory.getLog(StructureSupport.class);

	private static final Cleaner cleaner = Cleaner.create();

	private final StringRedisTemplate template;

	private final PotteryJson codec;

	private final String key;

	private final String redisType;

	private final String structure;

	private final boolean randomKey;

	private final Durability durability;

	/** Where durable writes run; {@code null} when {@link #durability} waits for no replica. */
	private final @Nullable DurableWrites durableWrites;

	/** The hash tag of scratch keys, computed on first use. */
	private volatile @Nullable String slotTag;

	private StructureSupport(StringRedisTemplate template, PotteryJson codec, String key, String redisType,
			String structure, boolean randomKey, Durability durability) {
		this.template = template;
		this.codec = codec;
		this.key = key;
		this.redisType = redisType;
		this.structure = structure;
		this.randomKey = randomKey;
		this.durability = durability;
		this.durableWrites = durableWrites(template, durability);
	}

	/**
	 * Check that structures on {@code template} can have {@code durability}: waiting for replicas needs Pottery's own
	 * connection factory ({@link PotteryConnection}).
	 * @param template the template structures run on
	 * @param durability the durability level
	 * @throws IllegalStateException if {@code durability} waits for replicas and the template runs on another
	 * connection factory
	 */
	public static void checkDurability(StringRedisTemplate template, Durability durability) {
		durableWrites(template, durability);
	}

	/** Where durable writes run, or {@code null} if {@code durability} waits for no replica. */
	private static @Nullable DurableWrites durableWrites(StringRedisTemplate template, Durability durability) {
		if (!durability.waitsForReplicas()) {
			return null;
		}
		DurableWrites writes = PotteryConnection.durableWrites(template.getConnectionFactory());
		if (writes == null) {
			throw new IllegalStateException("Durability " + durability + " needs Pottery's own Lettuce connection "
					+ "factory, which sends WAIT on dedicated connections: create the structures on "
					+ "PotteryConnection.of(connectionFactory).connectionFactory() (Spring Boot's Pottery bean does)");
		}
		return writes;
	}

	/**
	 * Attach a structure to its key. With no key (null or empty), pick a free random {@code pottery:<uuid>} key
	 * (one EXISTS per try, up to 3 tries) and log a warning, as pottery does; call {@link #unlinkWhenUnreachable}
	 * with the structure once it is built.
	 * @param template the String-serialized template to run on
	 * @param codec the codec
	 * @param key the key, or {@code null} for a random one
	 * @param redisType the Redis type the structure stores ({@code hash}, {@code set}, {@code list}, {@code string},
	 * {@code stream})
	 * @param structure the structure's name for messages, for example {@code RedisMap}
	 * @return the support object
	 * @throws RandomKeyException if no free random key was found
	 */
	public static StructureSupport attach(StringRedisTemplate template, PotteryJson codec, @Nullable String key,
			String redisType, String structure) {
		return attach(template, codec, key, redisType, structure, Durability.NONE);
	}

	/**
	 * Attach a structure to its key, with a durability level for its writes (see {@link #write}).
	 * @param template the String-serialized template to run on
	 * @param codec the codec
	 * @param key the key, or {@code null} for a random one
	 * @param redisType the Redis type the structure stores
	 * @param structure the structure's name for messages
	 * @param durability how many replicas must confirm each write
	 * @return the support object
	 * @throws RandomKeyException if no free random key was found
	 * @throws IllegalStateException if {@code durability} waits for replicas and {@code template} does not run on
	 * Pottery's own connection factory ({@link PotteryConnection})
	 */
	public static StructureSupport attach(StringRedisTemplate template, PotteryJson codec, @Nullable String key,
			String redisType, String structure, Durability durability) {
		Assert.notNull(template, "'template' must not be null");
		Assert.notNull(codec, "'codec' must not be null");
		Assert.notNull(durability, "'durability' must not be null");
		if (key != null && !key.isEmpty()) {
			return new StructureSupport(template, codec, key, redisType, structure, false, durability);
		}
		for (int i = 0; i < RANDOM_KEY_TRIES; i++) {
			String candidate = RANDOM_KEY_PREFIX + UUID.randomUUID();
			if (!Boolean.TRUE.equals(template.hasKey(candidate))) {
				logger.warn("Created " + structure + " with random key '" + candidate
						+ "'; it is deleted when the object becomes unreachable. Give it a key to keep its data.");
				return new StructureSupport(template, codec, candidate, redisType, structure, true, durability);
			}
		}
		throw new RandomKeyException(RANDOM_KEY_TRIES);
	}

	/**
	 * For a random key, UNLINK it once {@code owner} becomes unreachable; for a given key, do nothing.
	 * @param owner the structure object
	 */
	public void unlinkWhenUnreachable(Object owner) {
		if (this.randomKey) {
			cleaner.register(owner, new Unlink(this.template, this.key));
		}
	}

	/**
	 * The Redis key.
	 * @return the key, never empty
	 */
	public String key() {
		return this.key;
	}

	/**
	 * Whether the key was chosen at random.
	 * @return {@code true} for a {@code pottery:<uuid>} key picked by {@link #attach}
	 */
	public boolean isRandomKey() {
		return this.randomKey;
	}

	/**
	 * Whether one command (or script) may take this structure's key together with {@code others}: always on a
	 * standalone Redis (a {@code LettuceConnectionFactory} that is neither cluster- nor Sentinel-aware, or one that is
	 * Sentinel-aware: Sentinel manages one master), on a Redis Cluster or behind another kind of factory only when
	 * every key shares this key's hash slot (DESIGN §5.5; a hash tag such as {@code {fruit}:a}, {@code {fruit}:b}
	 * puts keys in one slot).
	 * @param others the other keys
	 * @return {@code false} when the keys may live in different slots of a cluster
	 */
	public boolean sharesSlotWith(Collection<String> others) {
		if (this.template.getConnectionFactory() instanceof LettuceConnectionFactory lettuce
				&& !lettuce.isClusterAware()) {
			return true;
		}
		int slot = SlotHash.getSlot(this.key);
		for (String other : others) {
			if (SlotHash.getSlot(other) != slot) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The name of a companion key that a script uses together with this key: {@code <key><suffix>} when that shares
	 * this key's hash slot (always on a standalone server, and on a cluster when the key has a hash tag such as
	 * {@code {jobs}:queue}); otherwise (a cluster key without a hash tag) {@code {<key>}<suffix>}, whose hash tag is the
	 * key, so it lives in the key's slot. Keys such as {@code a}b}, whose slot no tag spells out, get
	 * {@code pottery:{<tag>}:<key><suffix>}.
	 * @param suffix the suffix, for example {@code :dead}
	 * @return the companion key, in this key's slot
	 */
	public String companionKey(String suffix) {
		String plain = this.key + suffix;
		if (sharesSlotWith(List.of(plain))) {
			return plain;
		}
		String tagged = "{" + this.key + "}" + suffix;
		if (this.key.indexOf('}') < 0 && SlotHash.getSlot(tagged) == SlotHash.getSlot(this.key)) {
			return tagged;
		}
		return RANDOM_KEY_PREFIX + "{" + scratchTag() + "}:" + plain;
	}

	/**
	 * A key of this structure's hash slot for a scratch value that a script creates and deletes:
	 * {@code pottery:{<tag>}:<purpose>:<uuid>}, where the tag hashes to this key's slot (this key's own hash tag, or
	 * the whole key, or, for keys such as {@code a}b} whose slot no tag spells out, a short tag searched for).
	 * @param purpose what the key is for, for example {@code hll-scratch}
	 * @return a fresh scratch key in this key's slot
	 */
	public String scratchKey(String purpose) {
		return RANDOM_KEY_PREFIX + "{" + this.scratchTag() + "}:" + purpose + ":" + UUID.randomUUID();
	}

	private String scratchTag() {
		String tag = this.slotTag;
		if (tag == null) {
			tag = sameSlotTag(this.key);
			this.slotTag = tag;
		}
		return tag;
	}

	/**
	 * A hash tag whose slot is {@code key}'s: the key's own hash tag, or the whole key, or (for keys such as
	 * {@code a}b}, whose slot no tag spells out) a short tag searched for.
	 */
	public static String sameSlotTag(String key) {
		int slot = SlotHash.getSlot(key);
		String natural = hashTag(key);
		if (natural.indexOf('}') < 0 && SlotHash.getSlot("{" + natural + "}") == slot) {
			return natural;
		}
		for (int i = 0;; i++) {
			String candidate = "s" + i;
			if (SlotHash.getSlot(candidate) == slot) {
				return candidate;
			}
		}
	}

	/** Redis Cluster's hash tag of a key: the text inside the first {@code {...}} if not empty, else the whole key. */
	public static String hashTag(String key) {
		int open = key.indexOf('{');
		if (open >= 0) {
			int close = key.indexOf('}', open + 1);
			if (close > open + 1) {
				return key.substring(open + 1, close);
			}
		}
		return key;
	}

	/**
	 * The String-serialized template.
	 * @return the template
	 */
	public StringRedisTemplate template() {
		return this.template;
	}

	/**
	 * The codec.
	 * @return the codec
	 */
	public PotteryJson codec() {
		return this.codec;
	}

	/**
	 * Encode a value to canonical JSON, naming this key if it cannot be encoded.
	 * @param value the value
	 * @return the canonical JSON
	 */
	public String encode(@Nullable Object value) {
		return this.codec.encode(this.key, value);
	}

	/** The canonical JSON of each element, in iteration order. */
	public String[] encodeAll(Collection<?> elements) {
		String[] encoded = new String[elements.size()];
		int i = 0;
		for (Object element : elements) {
			encoded[i++] = encode(element);
		}
		return (i == encoded.length) ? encoded : Arrays.copyOf(encoded, i);
	}

	/** The canonical JSON of a value, or {@code null} if it cannot be encoded (so it cannot be stored). */
	public @Nullable String tryEncode(@Nullable Object value) {
		try {
			return encode(value);
		}
		catch (EncodingException ex) {
			return null;
		}
	}

	/** Run a create script (write only if the key does not exist, atomically); throw if the key existed. */
	public void create(RedisScript<Long> script, Object[] args) {
		Long created = write(() -> this.template.execute(script, List.of(this.key), args));
		if (created == null || created == 0L) {
			throw new KeyExistsException(this.key);
		}
	}

	/**
	 * Decode JSON read from this key.
	 * @param <T> the type
	 * @param json the JSON
	 * @param type the type to decode into
	 * @return the value
	 */
	public <T> @Nullable T decode(String json, JavaType type) {
		return this.codec.decode(this.key, json, type);
	}

	/**
	 * The Jackson type for a Spring type.
	 * @param type the type
	 * @return the Jackson type
	 */
	public JavaType javaType(ResolvableType type) {
		return this.codec.constructType(type.getType());
	}

	/**
	 * The structure's name for messages, for example {@code RedisMap}.
	 * @return the name
	 */
	public String structureName() {
		return this.structure;
	}

	/**
	 * How many replicas must confirm this structure's writes.
	 * @return the durability level
	 */
	public Durability durability() {
		return this.durability;
	}

	/**
	 * Another structure's support on this one's template, codec and durability (for example the destination of a
	 * set operation, or a companion record).
	 * @param otherKey the other key, or {@code null} for a random one
	 * @param otherRedisType the Redis type stored there
	 * @param otherStructure the other structure's name for messages
	 * @return the support object
	 */
	public StructureSupport attachOther(@Nullable String otherKey, String otherRedisType, String otherStructure) {
		return attach(this.template, this.codec, otherKey, otherRedisType, otherStructure, this.durability);
	}

	/**
	 * Run a Redis operation that writes, like {@link #execute}; with a {@link Durability} that waits for replicas,
	 * run it on a dedicated connection and then wait (Redis' {@code WAIT}) until that many replicas have it.
	 * @param <T> the result type
	 * @param operation the operation
	 * @return its result
	 * @throws dev.pottery.NotReplicatedException if fewer replicas than asked confirmed the write in time (it was
	 * applied on the primary)
	 */
	public <T> T write(Supplier<T> operation) {
		DurableWrites writes = this.durableWrites;
		if (writes == null) {
			return execute(operation);
		}
		return writes.run(this, this.durability, () -> execute(operation));
	}

	/**
	 * Run a Redis operation, turning a {@code WRONGTYPE} error into a {@link WrongTypeException} and a command that
	 * got no reply into a {@link ConnectionLostException}. A command that was <b>not sent</b> because Pottery's
	 * connection is reconnecting ({@link PotteryConnection} rejects commands while disconnected) was not applied:
	 * the operation is run again once the connection is back, for up to the command timeout, then fails with a
	 * {@link RedisConnectionFailureException} saying it was not applied.
	 * @param <T> the result type
	 * @param operation the operation
	 * @return its result
	 */
	public <T> T execute(Supplier<T> operation) {
		long deadline = 0;
		long pause = 1;
		while (true) {
			try {
				return operation.get();
			}
			catch (DataAccessException ex) {
				if (!notSent(ex)) {
					throw translate(ex);
				}
				long now = System.nanoTime();
				if (deadline == 0) {
					long timeout = commandTimeout(this.template.getConnectionFactory()).toMillis();
					deadline = now + TimeUnit.MILLISECONDS.toNanos(timeout);
				}
				if (now - deadline >= 0 || Thread.currentThread().isInterrupted()) {
					throw new RedisConnectionFailureException(this.structure + " '" + this.key + "': not connected to "
							+ "Redis (Pottery's connection was reconnecting until the command timeout); the operation "
							+ "was not sent, so it was not applied: " + ex.getMostSpecificCause().getMessage(), ex);
				}
				try {
					Thread.sleep(pause);
				}
				catch (InterruptedException interrupted) {
					Thread.currentThread().interrupt();
				}
				pause = Math.min(pause * 2, 50);
			}
		}
	}

	/** Whether Lettuce refused the command before sending it: the connection is down and rejects commands. */
	public static boolean notSent(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof io.lettuce.core.RedisException && cause.getMessage() != null
					&& cause.getMessage().startsWith(NOT_CONNECTED)) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	/**
	 * Turn a {@code WRONGTYPE} error (from a command or a script) into a {@link WrongTypeException}, and a command
	 * that got no reply (timed out, or not re-sent after a reconnect by {@link PotteryConnection}) into a
	 * {@link ConnectionLostException} saying it may have been applied; return other errors unchanged.
	 * @param ex the error
	 * @return the exception to throw
	 */
	public RuntimeException translate(DataAccessException ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			String message = cause.getMessage();
			if (cause instanceof RedisCommandTimeoutException
					|| (cause instanceof RedisConnectionException && message != null
							&& message.contains(PotteryConnection.NOT_RESENT))
					|| (cause instanceof io.lettuce.core.RedisException && DISCONNECTED.equals(message))
					|| (cause instanceof io.lettuce.core.RedisException
							&& cause.getCause() instanceof java.io.IOException
							&& !(cause.getCause() instanceof java.net.ConnectException))) {
				// no reply: timed out, not re-sent after a reconnect, or the connection broke with it in flight
				return new ConnectionLostException(this.key, this.structure, cause);
			}
			if (message != null && message.contains("WRONGTYPE")) {
				String actual;
				try {
					actual = String.valueOf(this.template.type(this.key)).toLowerCase(java.util.Locale.ROOT);
				}
				catch (DataAccessException typeFailure) {
					actual = "value of another type";
				}
				return new WrongTypeException(this.key, actual, this.redisType, this.structure, ex);
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return ex;
	}

	/**
	 * Read a Lua script shipped under {@code dev/pottery/lua/}; call once per script, at class initialisation.
	 * @param name the path below {@code dev/pottery/lua/}, for example {@code collections/map_put_if_absent.lua}
	 * @return the script text
	 */
	public static String luaScript(String name) {
		String path = "dev/pottery/lua/" + name;
		try (InputStream in = StructureSupport.class.getClassLoader().getResourceAsStream(path)) {
			Assert.state(in != null, () -> "Lua script " + path + " not found on the classpath");
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read Lua script " + path, ex);
		}
	}

	@Override
	public String toString() {
		return this.structure + "{key='" + this.key + "'}";
	}

	/** The clean-up of a random key; must not reference the structure object. */
	private record Unlink(StringRedisTemplate template, String key) implements Runnable {

		@Override
		public void run() {
			try {
				this.template.unlink(this.key);
			}
			catch (RuntimeException ex) {
				logger.debug("Could not unlink random key '" + this.key + "'", ex);
			}
		}

	}

	/**
	 * How long to wait for a reply: the factory's command timeout, standalone or cluster alike (the native async
	 * commands of a cluster connection are not {@code RedisAsyncCommands}, so asking the connection would miss it).
	 */
	public static Duration commandTimeout(@Nullable RedisConnectionFactory factory) {
		return (factory instanceof LettuceConnectionFactory lettuce) ? Duration.ofMillis(lettuce.getTimeout())
				: Duration.ofMinutes(1);
	}

}
