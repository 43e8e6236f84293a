package dev.pottery.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Configuration of Pottery for Spring ({@code pottery.*}). Defaults are Python pottery's, so Java and Python clients
 * that share keys and locks behave alike.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("pottery")
public class PotteryProperties {

	/**
	 * Prefix prepended to the keys of structures declared under pottery.structures (empty: keys are used as
	 * given, as pottery does).
	 */
	private String keyPrefix = "";

	/**
	 * Whether to check every pottery.structures entry against Redis once the beans exist (one cheap command each:
	 * reachable, right Redis type, Bloom filter parameters), failing startup on a problem. Off: nothing talks to
	 * Redis at startup, and a problem surfaces on first use.
	 */
	private boolean validateOnStartup = false;

	/**
	 * Redlock and NextId settings.
	 */
	private final Redlock redlock = new Redlock();

	/**
	 * RedisCache and @RedisCached settings.
	 */
	private final Cache cache = new Cache();

	/**
	 * Embedded Redis for development: real redis-server processes started before the application context.
	 */
	private final Embedded embedded = new Embedded();

	/**
	 * How many replicas must confirm each write of the structures (not caches, locks or ids) before it returns.
	 */
	private final Durability durability = new Durability();

	/**
	 * Structures to register as beans, by bean name.
	 */
	private final Map<String, Structure> structures = new LinkedHashMap<>();

	public String getKeyPrefix() {
		return this.keyPrefix;
	}

	public void setKeyPrefix(String keyPrefix) {
		this.keyPrefix = keyPrefix;
	}

	public boolean isValidateOnStartup() {
		return this.validateOnStartup;
	}

	public void setValidateOnStartup(boolean validateOnStartup) {
		this.validateOnStartup = validateOnStartup;
	}

	public Redlock getRedlock() {
		return this.redlock;
	}

	public Cache getCache() {
		return this.cache;
	}

	public Durability getDurability() {
		return this.durability;
	}

	public Embedded getEmbedded() {
		return this.embedded;
	}

	public Map<String, Structure> getStructures() {
		return this.structures;
	}

	/**
	 * Redlock and NextId settings ({@code pottery.redlock.*}).
	 */
	public static class Redlock {

		/**
		 * URLs of the independent Redis masters (redis:// or rediss://, with user:password@ and /db as needed).
		 * Empty: the application's own Redis connection is the only master, unless it is a Redis Cluster (or
		 * Sentinel-managed): then there is none, and Redlock, NextId and @Synchronized fail when used.
		 */
		private List<String> masters = new ArrayList<>();

		/**
		 * Further named groups of independent masters, for @Synchronized(masters = "name") and Pottery#masters(name).
		 */
		private Map<String, List<String>> groups = new LinkedHashMap<>();

		/**
		 * How long a lock is held before Redis releases it on its own.
		 */
		private Duration autoReleaseTime = Duration.ofSeconds(10);

		/**
		 * How many times a held lock may be extended.
		 */
		private int numExtensions = 3;

		/**
		 * Upper bound of the random delay between two attempts to acquire a lock.
		 */
		private Duration retryDelay = Duration.ofMillis(200);

		/**
		 * How long to wait for one master's answer before counting it as failed.
		 */
		private Duration masterTimeout = Duration.ofMillis(50);

		/**
		 * Clock drift allowed between masters, as a fraction of the lease (pottery: 1 %, plus 2 ms).
		 */
		private double clockDriftFactor = 0.01;

		/**
		 * Whether too many Redis errors for a quorum raise QuorumIsImpossibleException instead of counting as a
		 * failed attempt.
		 */
		private boolean raiseOnRedisErrors = false;

		public List<String> getMasters() {
			return this.masters;
		}

		public void setMasters(List<String> masters) {
			this.masters = masters;
		}

		public Map<String, List<String>> getGroups() {
			return this.groups;
		}

		public void setGroups(Map<String, List<String>> groups) {
			this.groups = groups;
		}

		public Duration getAutoReleaseTime() {
			return this.autoReleaseTime;
		}

		public void setAutoReleaseTime(Duration autoReleaseTime) {
			this.autoReleaseTime = autoReleaseTime;
		}

		public int getNumExtensions() {
			return this.numExtensions;
		}

		public void setNumExtensions(int numExtensions) {
			this.numExtensions = numExtensions;
		}

		public Duration getRetryDelay() {
			return this.retryDelay;
		}

		public void setRetryDelay(Duration retryDelay) {
			this.retryDelay = retryDelay;
		}

		public Duration getMasterTimeout() {
			return this.masterTimeout;
		}

		public void setMasterTimeout(Duration masterTimeout) {
			this.masterTimeout = masterTimeout;
		}

		public double getClockDriftFactor() {
			return this.clockDriftFactor;
		}

		public void setClockDriftFactor(double clockDriftFactor) {
			this.clockDriftFactor = clockDriftFactor;
		}

		public boolean isRaiseOnRedisErrors() {
			return this.raiseOnRedisErrors;
		}

		public void setRaiseOnRedisErrors(boolean raiseOnRedisErrors) {
			this.raiseOnRedisErrors = raiseOnRedisErrors;
		}

	}

	/**
	 * RedisCache settings ({@code pottery.cache.*}).
	 */
	public static class Cache {

		/**
		 * Sliding timeout of a cache: its hash expires this long after the last access. Zero: never expires.
		 */
		private Duration defaultTimeout = Duration.ofSeconds(60);

		public Duration getDefaultTimeout() {
			return this.defaultTimeout;
		}

		public void setDefaultTimeout(Duration defaultTimeout) {
			this.defaultTimeout = defaultTimeout;
		}

	}

	/**
	 * Embedded Redis settings ({@code pottery.embedded.*}).
	 */
	public static class Embedded {

		/**
		 * Whether to start embedded redis-server processes (needs org.signal:embedded-redis) when none of
		 * spring.data.redis.url, .host, .cluster.nodes and .sentinel.nodes is set. For development and tests only.
		 */
		private boolean enabled = false;

		/**
		 * How many independent servers to start; with more than one, pottery.redlock.masters points at all of them.
		 */
		private int masters = 1;

		/**
		 * Path of a redis-server executable to run instead of the one shipped in org.signal:embedded-redis (also
		 * -Dpottery.embedded.redis-server or the POTTERY_REDIS_SERVER environment variable).
		 */
		private @Nullable String redisServer;

		public @Nullable String getRedisServer() {
			return this.redisServer;
		}

		public void setRedisServer(@Nullable String redisServer) {
			this.redisServer = redisServer;
		}

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public int getMasters() {
			return this.masters;
		}

		public void setMasters(int masters) {
			this.masters = masters;
		}

	}

	/**
	 * One structure bean ({@code pottery.structures.<bean-name>.*}).
	 */
	public static class Structure {

		/**
		 * What the bean is.
		 */
		private @Nullable StructureType type;

		/**
		 * Redis key (for redlock and next-id: the pottery key, stored as redlock:KEY or nextid:KEY). Default: the
		 * bean name.
		 */
		private @Nullable String key;

		/**
		 * Key type of a map or counter, a class name, optionally generic (java.util.List<java.lang.String>).
		 */
		private @Nullable String keyType;

		/**
		 * Value type of a map, a class name, optionally generic.
		 */
		private @Nullable String valueType;

		/**
		 * Element type of a set, list, deque, queue, counter, bloom-filter or hyper-log-log, a class name,
		 * optionally generic.
		 */
		private @Nullable String elementType;

		/**
		 * Maximum length of a deque; when full, adding discards from the other end.
		 */
		private @Nullable Integer maxLength;

		/**
		 * Expected number of elements of a bloom-filter.
		 */
		private @Nullable Long numElements;

		/**
		 * Acceptable false-positive rate of a bloom-filter, between 0 and 1.
		 */
		private @Nullable Double falsePositives;

		/**
		 * How many replicas must confirm each write of this structure; overrides pottery.durability.replicas (not
		 * for redlock and next-id, whose masters are independent servers).
		 */
		private @Nullable Integer durabilityReplicas;

		public @Nullable StructureType getType() {
			return this.type;
		}

		public void setType(@Nullable StructureType type) {
			this.type = type;
		}

		public @Nullable String getKey() {
			return this.key;
		}

		public void setKey(@Nullable String key) {
			this.key = key;
		}

		public @Nullable String getKeyType() {
			return this.keyType;
		}

		public void setKeyType(@Nullable String keyType) {
			this.keyType = keyType;
		}

		public @Nullable String getValueType() {
			return this.valueType;
		}

		public void setValueType(@Nullable String valueType) {
			this.valueType = valueType;
		}

		public @Nullable String getElementType() {
			return this.elementType;
		}

		public void setElementType(@Nullable String elementType) {
			this.elementType = elementType;
		}

		public @Nullable Integer getMaxLength() {
			return this.maxLength;
		}

		public void setMaxLength(@Nullable Integer maxLength) {
			this.maxLength = maxLength;
		}

		public @Nullable Long getNumElements() {
			return this.numElements;
		}

		public void setNumElements(@Nullable Long numElements) {
			this.numElements = numElements;
		}

		public @Nullable Double getFalsePositives() {
			return this.falsePositives;
		}

		public void setFalsePositives(@Nullable Double falsePositives) {
			this.falsePositives = falsePositives;
		}

		public @Nullable Integer getDurabilityReplicas() {
			return this.durabilityReplicas;
		}

		public void setDurabilityReplicas(@Nullable Integer durabilityReplicas) {
			this.durabilityReplicas = durabilityReplicas;
		}

	}

	/**
	 * Durable writes ({@code pottery.durability.*}).
	 */
	public static class Durability {

		/**
		 * How many replicas must confirm each structure write (Redis WAIT after the write, on a dedicated
		 * connection); a write not confirmed in time fails with NotReplicatedException. 0: do not wait (Redis'
		 * asynchronous replication: an acknowledged write can be lost on failover).
		 */
		private int replicas = 0;

		/**
		 * How long a write waits for its replicas.
		 */
		private Duration timeout = Duration.ofSeconds(1);

		public int getReplicas() {
			return this.replicas;
		}

		public void setReplicas(int replicas) {
			this.replicas = replicas;
		}

		public Duration getTimeout() {
			return this.timeout;
		}

		public void setTimeout(Duration timeout) {
			this.timeout = timeout;
		}

	}

	/**
	 * The kinds of structure {@code pottery.structures.<name>.type} accepts.
	 */
	public enum StructureType {

		/** A RedisMap (Redis hash). */
		MAP,
		/** A RedisSet (Redis set). */
		SET,
		/** A RedisList (Redis list). */
		LIST,
		/** A RedisDeque (Redis list), optionally bounded by max-length. */
		DEQUE,
		/** A RedisCounter (Redis hash). */
		COUNTER,
		/** A RedisSimpleQueue (Redis stream). */
		QUEUE,
		/** A BloomFilter (Redis string), sized by num-elements and false-positives. */
		BLOOM_FILTER,
		/** A HyperLogLog (Redis HLL string). */
		HYPER_LOG_LOG,
		/** A NextId on the Redlock masters. */
		NEXT_ID,
		/** A Redlock on the Redlock masters. */
		REDLOCK;

		/**
		 * The value as written in configuration, such as {@code bloom-filter}.
		 * @return the kebab-case name
		 */
		public String kebabCase() {
			return name().toLowerCase(Locale.ROOT).replace('_', '-');
		}

		/**
		 * Every accepted value, as written in configuration: {@code map, set, ..., redlock}.
		 * @return the kebab-case names, comma-separated
		 */
		public static String kebabCaseValues() {
			return Arrays.stream(values())
				.map(StructureType::kebabCase)
				.collect(Collectors.joining(", "));
		}

	}

}
