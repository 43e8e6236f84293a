package dev.pottery.internal.probabilistic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.pottery.EncodingException;
import dev.pottery.internal.StructureSupport;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.probabilistic.BloomFilterMismatchException;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.output.IntegerListOutput;
import io.lettuce.core.protocol.CommandArgs;
import io.lettuce.core.protocol.CommandType;

import org.springframework.data.redis.connection.DataType;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.util.Assert;

/** A {@link BloomFilter} over a Redis bit string, read and written with {@code BITFIELD ... u1} operations. */
final class BitStringBloomFilter<E> implements BloomFilter<E> {

	/** The suffix of the companion key recording the parameters. */
	static final String PARAMS_SUFFIX = ":bloom-params";

	/** Values per {@code BITFIELD} command; more go out as several commands in one pipeline. */
	static final int CHUNK = 1000;

	/** Redis strings hold at most 512 MB, so bit offsets stop at 2^32 - 1. */
	static final long MAX_BITS = 1L << 32;

	private static final byte[] U1 = "u1".getBytes(StandardCharsets.US_ASCII);

	private final StructureSupport support;

	private final Sizing sizing;

	/** Whether the parameter record is known to match (always, for a random key: it has none). */
	private volatile boolean checked;

	private BitStringBloomFilter(StructureSupport support, Sizing sizing) {
		this.support = support;
		this.sizing = sizing;
	}

	/**
	 * Open a filter: size it, then (for a given key) record or check its parameters in one round trip.
	 */
	static <E> BitStringBloomFilter<E> open(StructureSupport support, long numElements, double falsePositives) {
		BitStringBloomFilter<E> filter = openLazily(support, numElements, falsePositives);
		filter.ensureChecked();
		return filter;
	}

	/**
	 * Open a filter without a round trip: its first read or write records or checks the parameters.
	 */
	static <E> BitStringBloomFilter<E> openLazily(StructureSupport support, long numElements,
			double falsePositives) {
		Sizing sizing = Sizing.of(numElements, falsePositives);
		BitStringBloomFilter<E> filter = new BitStringBloomFilter<>(support, sizing);
		if (support.isRandomKey()) {
			filter.checked = true;
			support.unlinkWhenUnreachable(filter);
		}
		return filter;
	}

	/** Record or check the parameters once; a mismatch throws, and is checked again on the next call. */
	private void ensureChecked() {
		if (!this.checked) {
			checkParameters();
			this.checked = true;
		}
	}

	private void checkParameters() {
		String paramsKey = this.support.key() + PARAMS_SUFFIX;
		StructureSupport record = this.support.attachOther(paramsKey, "string", "BloomFilter parameter record");
		Map<String, Object> params = new LinkedHashMap<>();
		params.put("false_positives", this.sizing.falsePositives());
		params.put("k", this.sizing.hashes());
		params.put("m", this.sizing.bits());
		params.put("num_elements", this.sizing.elements());
		String mine = record.encode(params);
		String recorded;
		if (this.support.sharesSlotWith(List.of(paramsKey))) {
			// one atomic script reads the bits' state and keeps the record in line with it
			recorded = record.write(() -> record.template()
				.execute(ProbabilisticScripts.BLOOM_OPEN, List.of(paramsKey, this.support.key()), mine));
		}
		else {
			// Redis Cluster, the two keys in different slots: read the bits' state first, in their own slot
			byte[] rawKey = this.support.key().getBytes(StandardCharsets.UTF_8);
			Long pttl = this.support.execute(() -> this.support.template()
				.execute((RedisCallback<Long>) (connection) -> connection.keyCommands().pTtl(rawKey)));
			Long length = this.support.execute(() -> this.support.template()
				.execute((RedisCallback<Long>) (connection) -> {
					DataType type = connection.keyCommands().type(rawKey);
					return (type == DataType.STRING)
							? connection.stringCommands().strLen(rawKey) : Long.valueOf(0);
				}));
			String pttlArg = String.valueOf((pttl != null) ? pttl : -2L);
			String lengthArg = String.valueOf((length != null) ? length : 0L);
			recorded = record.write(() -> record.template()
				.execute(ProbabilisticScripts.BLOOM_OPEN, List.of(paramsKey), mine, pttlArg, lengthArg));
		}
		if (recorded == null || recorded.equals(mine)) {
			return;
		}
		Object decoded = record.codec().decode(paramsKey, recorded);
		long bits = (decoded instanceof Map<?, ?> map && map.get("m") instanceof Number m) ? m.longValue() : -1;
		int hashes = (decoded instanceof Map<?, ?> map && map.get("k") instanceof Number k) ? k.intValue() : -1;
		if (bits < 0 || hashes < 0) {
			throw new EncodingException(paramsKey, "The Bloom filter parameter record '" + paramsKey
					+ "' is not of the form {\"k\": <hashes>, \"m\": <bits>, ...}: " + recorded, null);
		}
		if (bits != this.sizing.bits() || hashes != this.sizing.hashes()) {
			throw new BloomFilterMismatchException(this.support.key(), recorded, bits, hashes,
					"numElements=" + this.sizing.elements() + ", falsePositives=" + this.sizing.falsePositives(),
					this.sizing.bits(), this.sizing.hashes());
		}
	}

	// ---- writes ----

	@Override
	public boolean add(E element) {
		long[] offsets = offsets(this.support.encode(element));
		ensureChecked();
		return run(List.of(offsets), true).get(0).contains(0L);
	}

	@Override
	public boolean addAll(Collection<? extends E> elements) {
		Assert.notNull(elements, "'elements' must not be null");
		List<long[]> offsets = offsetsOf(elements);
		if (offsets.isEmpty()) {
			return false;
		}
		ensureChecked();
		for (List<Long> old : run(offsets, true)) {
			if (old.contains(0L)) {
				return true;
			}
		}
		return false;
	}

	// ---- reads ----

	@Override
	public boolean mightContain(E element) {
		return containsMany(Collections.singletonList(element)).get(0);
	}

	@Override
	public List<Boolean> containsMany(Collection<? extends E> elements) {
		Assert.notNull(elements, "'elements' must not be null");
		List<long[]> offsets = offsetsOf(elements);
		ensureChecked();
		if (offsets.isEmpty()) {
			return List.of();
		}
		int k = this.sizing.hashes();
		List<Boolean> answers = new ArrayList<>(offsets.size());
		for (List<Long> bits : run(offsets, false)) {
			for (int start = 0; start < bits.size(); start += k) {
				boolean all = true;
				for (int i = start; i < start + k; i++) {
					all &= bits.get(i) == 1L;
				}
				answers.add(all);
			}
		}
		return answers;
	}

	@Override
	public long approximateSize() {
		ensureChecked();
		byte[] rawKey = this.support.key().getBytes(StandardCharsets.UTF_8);
		Long set = this.support.execute(() -> this.support.template()
			.execute((RedisCallback<Long>) (connection) -> connection.stringCommands().bitCount(rawKey)));
		return estimate(this.sizing.bits(), this.sizing.hashes(), (set != null) ? set : 0);
	}

	/** pottery's {@code len(bf)}: {@code floor(-m / k * ln(1 - X / m))}. */
	static long estimate(long bits, int hashes, long setBits) {
		if (setBits >= bits) {
			return Long.MAX_VALUE;
		}
		return (long) Math.floor(-((double) bits / hashes) * Math.log(1 - (double) setBits / bits));
	}

	@Override
	public void clear() {
		String paramsKey = this.support.key() + PARAMS_SUFFIX;
		if (this.support.isRandomKey()) {
			this.support.write(() -> this.support.template().unlink(this.support.key()));
		}
		else if (this.support.sharesSlotWith(List.of(paramsKey))) {
			this.support.write(() -> this.support.template().unlink(List.of(this.support.key(), paramsKey)));
		}
		else {
			// the bits first: a record left without bits is ignored and replaced by the next open
			this.support.write(() -> this.support.template().unlink(this.support.key()));
			this.support.write(() -> this.support.template().unlink(paramsKey));
		}
	}

	// ---- properties ----

	@Override
	public String key() {
		return this.support.key();
	}

	@Override
	public long numBits() {
		return this.sizing.bits();
	}

	@Override
	public int numHashes() {
		return this.sizing.hashes();
	}

	@Override
	public long numElements() {
		return this.sizing.elements();
	}

	@Override
	public double falsePositives() {
		return this.sizing.falsePositives();
	}

	// ---- bits ----

	/** The bit offsets of a value's canonical JSON, in seed order, as pottery computes them. */
	long[] offsets(String json) {
		byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
		return offsets(bytes, this.sizing.bits(), this.sizing.hashes());
	}

	static long[] offsets(byte[] bytes, long bits, int hashes) {
		long[] offsets = new long[hashes];
		for (int seed = 0; seed < hashes; seed++) {
			offsets[seed] = Math.floorMod((long) MurmurHash3.hash32(bytes, seed), bits);
		}
		return offsets;
	}

	/** Encode every value first, so that a value that cannot be encoded fails before anything is sent. */
	private List<long[]> offsetsOf(Collection<? extends E> elements) {
		List<long[]> offsets = new ArrayList<>(elements.size());
		for (E element : elements) {
			offsets.add(offsets(this.support.encode(element)));
		}
		return offsets;
	}

	/**
	 * Run the BITFIELD commands for the values' offsets, one per {@link #CHUNK} values, in one round trip. The
	 * commands are built by hand: Lettuce's {@code BitFieldArgs} (and so Spring's) take {@code int} offsets, but a
	 * filter may have up to 2^32 bits.
	 */
	private List<List<Long>> run(List<long[]> offsets, boolean set) {
		byte[] rawKey = this.support.key().getBytes(StandardCharsets.UTF_8);
		int chunks = (offsets.size() + CHUNK - 1) / CHUNK;
		return LettucePipeline.run(this.support, chunks, (async, chunk) -> {
			CommandArgs<byte[], byte[]> args = new CommandArgs<>(ByteArrayCodec.INSTANCE).addKey(rawKey);
			for (long[] each : offsets.subList(chunk * CHUNK, Math.min((chunk + 1) * CHUNK, offsets.size()))) {
				for (long offset : each) {
					if (set) {
						args.add(CommandType.SET).add(U1).add(offset).add(1);
					}
					else {
						args.add(CommandType.GET).add(U1).add(offset);
					}
				}
			}
			return async.dispatch(CommandType.BITFIELD, new IntegerListOutput<>(ByteArrayCodec.INSTANCE), args);
		}, set);
	}

	@Override
	public String toString() {
		return "BloomFilter{key='" + key() + "', m=" + numBits() + ", k=" + numHashes() + "}";
	}

	/** A filter's size, by pottery's formulas (wire-format.md section 2.7). */
	record Sizing(long elements, double falsePositives, long bits, int hashes) {

		static Sizing of(long numElements, double falsePositives) {
			Assert.isTrue(numElements > 0, () -> "'numElements' must be positive, but was " + numElements);
			Assert.isTrue(falsePositives > 0 && falsePositives < 1,
					() -> "'falsePositives' must be between 0 and 1 (exclusive), but was " + falsePositives);
			double ln2 = Math.log(2);
			double m = Math.ceil(-numElements * Math.log(falsePositives) / (ln2 * ln2));
			Assert.isTrue(m <= MAX_BITS, () -> String.format(Locale.ROOT,
					"A Bloom filter for numElements=%d and falsePositives=%s needs %.0f bits, but a Redis string holds "
							+ "at most 2^32 bits (512 MB); split the data over several filters or accept more false positives",
					numElements, falsePositives, m));
			long bits = (long) m;
			double k = Math.ceil((double) bits / numElements * ln2);
			return new Sizing(numElements, falsePositives, bits, (int) Math.max(1, k));
		}

	}

}
