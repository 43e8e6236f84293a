package dev.pottery.internal.probabilistic;

import dev.pottery.codec.PotteryJson;
import dev.pottery.internal.StructureContext;
import dev.pottery.internal.StructureSupport;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.probabilistic.HyperLogLog;
import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * Creates Pottery's probabilistic structures, {@link BloomFilter} and {@link HyperLogLog}, on one Redis connection
 * with one codec. The {@code Pottery} facade bean delegates here; use this class directly outside Spring Boot.
 *
 * <p>Every factory method takes the Redis key ({@code null} or empty for a random {@code pottery:<uuid>} key that is
 * deleted when the structure becomes unreachable) and the element type. Opening a HyperLogLog costs no round trip;
 * opening a Bloom filter with a key costs one (it records or checks the parameters, see {@link BloomFilter}).
 *
 * <p>Thread-safe; the structures it creates are thread-safe too.
 *
 * <pre>{@code
 * ProbabilisticFactory structures = ProbabilisticFactory.create(connectionFactory);
 * BloomFilter<String> dilberts = structures.bloomFilter("dilberts", 100, 0.01, String.class);
 * HyperLogLog<String> searches = structures.hyperLogLog("google-searches", String.class);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ProbabilisticFactory {

	/** What {@link dev.pottery.WrongTypeException} says a HyperLogLog needs ({@code TYPE} answers {@code string}). */
	static final String HLL_TYPE = "string in HyperLogLog encoding";

	private final StructureContext context;

	/**
	 * Create a factory on the given connection with the given codec.
	 * @param connectionFactory the Redis connection (usually the application's Lettuce connection factory)
	 * @param codec the codec
	 */
	public ProbabilisticFactory(RedisConnectionFactory connectionFactory, PotteryJson codec) {
		this(new StructureContext(connectionFactory, codec));
	}

	/**
	 * Create a factory in the given context.
	 * @param context the connection, codec and durability the structures share
	 */
	public ProbabilisticFactory(StructureContext context) {
		Assert.notNull(context, "'context' must not be null");
		this.context = context;
	}

	/**
	 * Create a factory on the given connection with the default codec.
	 * @param connectionFactory the Redis connection
	 * @return the factory
	 */
	public static ProbabilisticFactory create(RedisConnectionFactory connectionFactory) {
		return new ProbabilisticFactory(connectionFactory, PotteryJson.create());
	}

	/**
	 * The codec the structures use.
	 * @return the codec
	 */
	public PotteryJson codec() {
		return this.context.codec();
	}

	/**
	 * Open (or create) a Bloom filter sized for {@code numElements} values at a {@code falsePositives} rate, as
	 * pottery's {@code BloomFilter(num_elements=..., false_positives=..., key=...)}. With a key, this records the
	 * parameters in {@code <key>:bloom-params} or checks them against the record, which follows the bits (one round
	 * trip; three on a Redis Cluster when the two keys are in different slots).
	 *
	 * <pre>{@code
	 * BloomFilter<String> dilberts = structures.bloomFilter("dilberts", 100, 0.01, String.class);
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} (or empty) for a random {@code pottery:<uuid>} key (no parameter
	 * record is kept for it)
	 * @param numElements the number of values the filter is sized for, at least 1
	 * @param falsePositives the acceptable false-positive rate once {@code numElements} values are in, in (0, 1)
	 * @param elementType the element type
	 * @return the filter
	 * @throws IllegalArgumentException if {@code numElements} is not positive, {@code falsePositives} is not in
	 * (0, 1), or the filter would need more than 2<sup>32</sup> bits (Redis' 512 MB string limit)
	 * @throws dev.pottery.probabilistic.BloomFilterMismatchException if the key's recorded parameters give another size or hash
	 * count
	 * @throws dev.pottery.RandomKeyException if no free random key was found
	 */
	public <E> BloomFilter<E> bloomFilter(@Nullable String key, long numElements, double falsePositives,
			Class<E> elementType) {
		Assert.notNull(elementType, "'elementType' must not be null");
		BitStringBloomFilter.Sizing.of(numElements, falsePositives);
		return BitStringBloomFilter.open(support(key, "string", "BloomFilter"), numElements, falsePositives);
	}

	/**
	 * Open (or create) a Bloom filter of a generic element type; see
	 * {@link #bloomFilter(String, long, double, Class)}.
	 *
	 * <pre>{@code
	 * BloomFilter<List<Integer>> routes = structures.bloomFilter("routes", 1000, 0.001,
	 *     ResolvableType.forClassWithGenerics(List.class, Integer.class));
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} (or empty) for a random key
	 * @param numElements the number of values the filter is sized for, at least 1
	 * @param falsePositives the acceptable false-positive rate, in (0, 1)
	 * @param elementType the element type
	 * @return the filter
	 * @throws IllegalArgumentException if the parameters are invalid
	 * @throws dev.pottery.probabilistic.BloomFilterMismatchException if the key's recorded parameters give another size or hash
	 * count
	 * @throws dev.pottery.RandomKeyException if no free random key was found
	 */
	public <E> BloomFilter<E> bloomFilter(@Nullable String key, long numElements, double falsePositives,
			ResolvableType elementType) {
		Assert.notNull(elementType, "'elementType' must not be null");
		BitStringBloomFilter.Sizing.of(numElements, falsePositives);
		return BitStringBloomFilter.open(support(key, "string", "BloomFilter"), numElements, falsePositives);
	}

	/**
	 * A Bloom filter like {@link #bloomFilter(String, long, double, ResolvableType)} that costs no round trip to
	 * open: its first read or write (or {@link BloomFilter#approximateSize()}) records or checks the parameters, one
	 * extra round trip once, and throws {@link dev.pottery.probabilistic.BloomFilterMismatchException} there when they do not
	 * match (again on each call until they do). The auto-configuration declares {@code pottery.structures} Bloom
	 * filters this way, so that no Redis I/O happens while beans are created.
	 *
	 * <pre>{@code
	 * BloomFilter<String> seen = structures.lazyBloomFilter("seen", 1000, 0.01, ResolvableType.forClass(String.class));
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} (or empty) for a random key
	 * @param numElements the number of values the filter is sized for, at least 1
	 * @param falsePositives the acceptable false-positive rate, in (0, 1)
	 * @param elementType the element type
	 * @return the filter
	 * @throws IllegalArgumentException if the parameters are invalid
	 * @throws dev.pottery.RandomKeyException if no free random key was found
	 * @since 0.1.0
	 */
	public <E> BloomFilter<E> lazyBloomFilter(@Nullable String key, long numElements, double falsePositives,
			ResolvableType elementType) {
		Assert.notNull(elementType, "'elementType' must not be null");
		BitStringBloomFilter.Sizing.of(numElements, falsePositives);
		return BitStringBloomFilter.openLazily(support(key, "string", "BloomFilter"), numElements, falsePositives);
	}

	/**
	 * Open (or create) a HyperLogLog, as pottery's {@code HyperLogLog(key=...)}. No round trip.
	 *
	 * <pre>{@code
	 * HyperLogLog<String> searches = structures.hyperLogLog("google-searches", String.class);
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} (or empty) for a random {@code pottery:<uuid>} key
	 * @param elementType the element type
	 * @return the HyperLogLog
	 * @throws dev.pottery.RandomKeyException if no free random key was found
	 */
	public <E> HyperLogLog<E> hyperLogLog(@Nullable String key, Class<E> elementType) {
		Assert.notNull(elementType, "'elementType' must not be null");
		return new DefaultHyperLogLog<>(support(key, HLL_TYPE, "HyperLogLog"));
	}

	/**
	 * Open (or create) a HyperLogLog of a generic element type; see {@link #hyperLogLog(String, Class)}.
	 *
	 * <pre>{@code
	 * HyperLogLog<Map<String, Object>> visits = structures.hyperLogLog("visits",
	 *     ResolvableType.forClassWithGenerics(Map.class, String.class, Object.class));
	 * }</pre>
	 * @param <E> the element type
	 * @param key the Redis key, or {@code null} (or empty) for a random key
	 * @param elementType the element type
	 * @return the HyperLogLog
	 * @throws dev.pottery.RandomKeyException if no free random key was found
	 */
	public <E> HyperLogLog<E> hyperLogLog(@Nullable String key, ResolvableType elementType) {
		Assert.notNull(elementType, "'elementType' must not be null");
		return new DefaultHyperLogLog<>(support(key, HLL_TYPE, "HyperLogLog"));
	}

	private StructureSupport support(@Nullable String key, String redisType, String structure) {
		return this.context.support(key, redisType, structure);
	}

	@Override
	public String toString() {
		return "ProbabilisticFactory{" + this.context + "}";
	}

}
