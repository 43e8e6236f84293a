package dev.pottery.internal.probabilistic;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import dev.pottery.EncodingException;
import dev.pottery.Pottery;
import dev.pottery.WrongTypeException;
import dev.pottery.codec.PotteryJson;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.probabilistic.BloomFilterMismatchException;
import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link BloomFilter} against a real Redis: pottery's sizing and bit offsets (a table computed by
 * {@code src/test/python/gen_bloom_offsets.py} from pottery's formulas), the bytes in Redis, round trips, the
 * parameter record, bad input and the false-positive rate.
 */
@RealRedis
class BloomFilterTests {

	private final RedisServer redis;

	private final RedisCommands<String, String> commands;

	private final Pottery structures;

	private final String key;

	BloomFilterTests(RedisServer redis) {
		this.redis = redis;
		this.commands = redis.commands();
		this.structures = Pottery.create(redis.connectionFactory());
		this.key = redis.newKey();
	}

	@BeforeEach
	@AfterEach
	void deleteKeys() {
		// through the connection factory, which also opens its shared connection before any command is counted
		new StringRedisTemplate(this.redis.connectionFactory()).delete(List.of(this.key, params(this.key)));
	}

	// ---- sizing ----

	@ParameterizedTest
	@CsvSource({ "100, 0.01, 959, 7", "1000, 0.01, 9586, 7", "1000, 0.001, 14378, 10", "10, 0.1, 48, 4" })
	void sizeFollowsPotteryFormulas(long n, double p, long m, int k) {
		BloomFilter<String> filter = this.structures.bloomFilter(this.key, n, p, String.class);
		assertThat(filter.numBits()).isEqualTo(m);
		assertThat(filter.numHashes()).isEqualTo(k);
		assertThat(filter.numElements()).isEqualTo(n);
		assertThat(filter.falsePositives()).isEqualTo(p);
	}

	@Test
	void sizeBeyondRedisStringLimitFailsAtConstruction() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.structures.bloomFilter(this.key, 3_000_000_000L, 0.5, String.class))
			.withMessageContaining("numElements=3000000000")
			.withMessageContaining("at most 2^32 bits");
		assertThat(this.commands.exists(params(this.key))).isZero();
	}

	@Test
	void sizeJustBelowRedisStringLimitIsAccepted() {
		BitStringBloomFilter.Sizing sizing = BitStringBloomFilter.Sizing.of(2_000_000_000L, 0.5);
		assertThat(sizing.bits()).isEqualTo(2_885_390_082L).isLessThan(1L << 32);
		assertThat(sizing.hashes()).isEqualTo(2);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', quoteCharacter = '"', value = {
			"0    | 0.01 | 'numElements' must be positive, but was 0",
			"-5   | 0.01 | 'numElements' must be positive, but was -5",
			"100  | 0    | 'falsePositives' must be between 0 and 1 (exclusive), but was 0.0",
			"100  | 1    | 'falsePositives' must be between 0 and 1 (exclusive), but was 1.0",
			"100  | -0.1 | 'falsePositives' must be between 0 and 1 (exclusive), but was -0.1",
			"100  | NaN  | 'falsePositives' must be between 0 and 1 (exclusive), but was NaN" })
	void invalidParametersFailAtConstruction(long n, double p, String message) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.structures.bloomFilter(this.key, n, p, String.class))
			.withMessage(message);
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.structures.bloomFilter(null, n, p, String.class))
			.withMessage(message);
	}

	// ---- bit offsets: the interop fixture ----

	@Test
	void offsetsMatchPotteryDoctest() {
		BitStringBloomFilter<String> filter = open(100, 0.01);
		assertThat(filter.offsets("\"rajiv\"")).containsExactly(183, 319, 787, 585, 8, 471, 711);
		assertThat(filter.offsets("\"raj\"")).containsExactly(482, 875, 725, 667, 109, 714, 595);
		assertThat(filter.offsets("\"dan\"")).containsExactly(687, 925, 954, 707, 615, 914, 620);
	}

	@Test
	void sizesAndOffsetsMatchTableComputedFromPotteryFormulas() {
		List<OffsetRow> table = readTable();
		assertThat(table).hasSize(511);
		for (OffsetRow row : table) {
			BitStringBloomFilter.Sizing sizing = BitStringBloomFilter.Sizing.of(row.n(), row.p());
			assertThat(sizing.bits()).as("m for n=%d p=%s", row.n(), row.p()).isEqualTo(row.m());
			assertThat(sizing.hashes()).as("k for n=%d p=%s", row.n(), row.p()).isEqualTo(row.k());
			assertThat(BitStringBloomFilter.offsets(row.json().getBytes(StandardCharsets.US_ASCII), row.m(), row.k()))
				.as("offsets of %s in m=%d", row.json(), row.m())
				.containsExactly(row.offsets());
		}
	}

	@Test
	void bytesInRedisAreThoseSetbitWritesForPotteryOffsets() {
		PotteryJson json = PotteryJson.create();
		BloomFilter<Object> filter = this.structures.bloomFilter(this.key, 1000, 0.01, Object.class);
		Set<Long> expectedBits = new HashSet<>();
		for (OffsetRow row : readTable()) {
			Object value = json.decode(this.key, row.json());
			if (row.n() != 1000 || row.p() != 0.01 || !json.encode(value).equals(row.json())) {
				continue; // e.g. {10: 'a', 9: 'b'}: a Java map decoded from that JSON re-encodes its keys as strings
			}
			filter.add(value);
			Arrays.stream(row.offsets()).forEach(expectedBits::add);
		}
		assertThat(expectedBits).hasSizeGreaterThan(300);
		long highest = expectedBits.stream().mapToLong(Long::longValue).max().orElseThrow();
		byte[] expected = new byte[(int) (highest / 8) + 1];
		for (long bit : expectedBits) {
			expected[(int) (bit / 8)] |= (byte) (0x80 >>> (bit % 8)); // SETBIT order: bit 0 is the MSB of byte 0
		}
		byte[] stored = this.redis.connectionFactory().getConnection().stringCommands()
			.get(this.key.getBytes(StandardCharsets.UTF_8));
		assertThat(stored).isEqualTo(expected);
	}

	// ---- add ----

	@Test
	void addSetsBitsAndReportsChange() {
		BloomFilter<String> dilberts = this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		assertThat(dilberts.add("rajiv")).isTrue();
		assertThat(dilberts.add("rajiv")).isFalse();
		for (long offset : new long[] { 183, 319, 787, 585, 8, 471, 711 }) {
			assertThat(this.commands.getbit(this.key, offset)).isEqualTo(1);
		}
		assertThat(this.commands.bitcount(this.key)).isEqualTo(7);
	}

	@Test
	void addIsOneBitfieldCommand() {
		BloomFilter<String> filter = this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		CommandStats stats = CommandStats.start(this.commands);
		filter.add("rajiv");
		assertThat(stats.since()).containsExactly(Map.entry("bitfield", 1L));
	}

	@Test
	void addOfValueThatCannotBeEncodedFailsBeforeWriting() {
		BloomFilter<Object> filter = this.structures.bloomFilter(this.key, 100, 0.01, Object.class);
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> filter.add(new Object()))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(this.key));
		assertThat(this.commands.exists(this.key)).isZero();
	}

	@Test
	void addOnKeyHoldingAnotherTypeFailsNamingTheKey() {
		this.commands.hset(this.key, "a", "b");
		BloomFilter<String> filter = this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> filter.add("rajiv"))
			.withMessageContaining("'" + this.key + "' holds a hash, but BloomFilter needs a string")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(this.key));
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> filter.mightContain("rajiv"));
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(filter::approximateSize);
	}

	// ---- addAll ----

	@Test
	void addAllOfThousandValuesIsOneBitfieldCommand() {
		BloomFilter<Integer> filter = this.structures.bloomFilter(this.key, 1000, 0.01, Integer.class);
		List<Integer> values = range(0, 1000);
		CommandStats stats = CommandStats.start(this.commands);
		assertThat(filter.addAll(values)).isTrue();
		assertThat(stats.since()).containsExactly(Map.entry("bitfield", 1L));
		assertThat(filter.containsMany(values)).containsOnly(true);
	}

	@Test
	void addAllOfMoreValuesSendsOneBitfieldPerThousandInOnePipeline() {
		BloomFilter<Integer> filter = this.structures.bloomFilter(this.key, 2500, 0.01, Integer.class);
		CommandStats stats = CommandStats.start(this.commands);
		assertThat(filter.addAll(range(0, 2500))).isTrue();
		assertThat(stats.since()).containsExactly(Map.entry("bitfield", 3L)); // pipelined on the shared connection
		assertThat(filter.addAll(range(0, 2500))).isFalse();
	}

	@Test
	void addAllOfNothingSendsNothing() {
		BloomFilter<String> filter = this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		CommandStats stats = CommandStats.start(this.commands);
		assertThat(filter.addAll(List.of())).isFalse();
		assertThat(filter.containsMany(List.of())).isEmpty();
		assertThat(stats.total()).isZero();
	}

	@Test
	void addAllWithOneValueThatCannotBeEncodedWritesNothing() {
		BloomFilter<Object> filter = this.structures.bloomFilter(this.key, 100, 0.01, Object.class);
		assertThatExceptionOfType(EncodingException.class)
			.isThrownBy(() -> filter.addAll(List.of("a", "b", new Object())));
		assertThat(this.commands.exists(this.key)).isZero();
	}

	// ---- mightContain / containsMany ----

	@Test
	void mightContainReadsBitOffsetsBeyondTwoToThe31() {
		// Lettuce's and Spring's BITFIELD arguments take int offsets; 'jane' has bit 2256180536 in this filter.
		// A GET-only BITFIELD on a missing key allocates nothing, so this costs no 270 MB string.
		BitStringBloomFilter<String> filter = open(2_000_000_000L, 0.5);
		assertThat(filter.offsets("\"jane\"")).containsExactly(994134816, 2256180536L);
		assertThat(filter.mightContain("jane")).isFalse();
		assertThat(this.commands.exists(this.key)).isZero();
	}

	@Test
	void mightContainOfMissingKeyIsFalse() {
		BloomFilter<String> filter = this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		assertThat(filter.mightContain("rajiv")).isFalse();
		assertThat(this.commands.exists(this.key)).isZero();
	}

	@Test
	void mightContainAndContainsManyAreOneBitfieldCommand() {
		BloomFilter<String> filter = this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		filter.addAll(List.of("rajiv", "raj"));
		CommandStats stats = CommandStats.start(this.commands);
		assertThat(filter.mightContain("rajiv")).isTrue();
		assertThat(stats.since()).containsExactly(Map.entry("bitfield", 1L));
		stats = CommandStats.start(this.commands);
		assertThat(filter.containsMany("rajiv", "dan", "raj", "eric")).containsExactly(true, false, true, false);
		assertThat(stats.since()).containsExactly(Map.entry("bitfield", 1L));
	}

	@Test
	void containsManyOfValueThatCannotBeEncodedFails() {
		BloomFilter<Object> filter = this.structures.bloomFilter(this.key, 100, 0.01, Object.class);
		assertThatExceptionOfType(EncodingException.class)
			.isThrownBy(() -> filter.containsMany(List.of("a", new Object())));
	}

	@Test
	void falsePositiveRateStaysNearConfiguredRateAndThereAreNoFalseNegatives() {
		BloomFilter<String> filter = this.structures.bloomFilter(this.key, 10_000, 0.01, String.class);
		SplittableRandom random = new SplittableRandom(42);
		Set<String> added = new HashSet<>();
		while (added.size() < 10_000) {
			added.add("in-" + Long.toHexString(random.nextLong()));
		}
		List<String> absent = new ArrayList<>(100_000);
		while (absent.size() < 100_000) {
			absent.add("out-" + Long.toHexString(random.nextLong()));
		}
		filter.addAll(added);
		assertThat(filter.containsMany(List.copyOf(added))).as("false negatives").containsOnly(true);
		long falsePositives = filter.containsMany(absent).stream().filter(Boolean::booleanValue).count();
		assertThat(falsePositives / 100_000.0).as("false-positive rate").isLessThanOrEqualTo(0.015);
		assertThat(filter.approximateSize()).isBetween(9_500L, 10_500L);
	}

	// ---- approximateSize ----

	@Test
	void approximateSizeEstimatesDistinctValuesLikePottery() {
		BloomFilter<String> dilberts = this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		assertThat(dilberts.approximateSize()).isZero();
		dilberts.addAll(List.of("rajiv", "raj", "dan"));
		CommandStats stats = CommandStats.start(this.commands);
		assertThat(dilberts.approximateSize()).isEqualTo(3);
		assertThat(stats.since()).containsExactly(Map.entry("bitcount", 1L));
	}

	@Test
	void estimateFollowsPotteryFormula() {
		assertThat(BitStringBloomFilter.estimate(959, 7, 0)).isZero();
		// math.floor(-(959 / 7) * math.log(1 - 21 / 959)) == 3
		assertThat(BitStringBloomFilter.estimate(959, 7, 21)).isEqualTo(3);
		assertThat(BitStringBloomFilter.estimate(959, 7, 959)).isEqualTo(Long.MAX_VALUE);
	}

	// ---- clear ----

	@Test
	void clearDeletesBitsThenParameterRecord() {
		BloomFilter<String> filter = this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		filter.add("rajiv");
		filter.clear();
		assertThat(this.commands.exists(this.key)).isZero();
		assertThat(this.commands.exists(params(this.key))).isZero();
		assertThat(filter.mightContain("rajiv")).isFalse();
	}

	// ---- parameter record ----

	@Test
	void openRecordsParametersBesideTheFilter() {
		this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		assertThat(this.commands.get(params(this.key)))
			.isEqualTo("{\"false_positives\": 0.01, \"k\": 7, \"m\": 959, \"num_elements\": 100}");
	}

	@Test
	void openWithSameParametersAgainSucceedsAndSharesBits() {
		this.structures.bloomFilter(this.key, 100, 0.01, String.class).add("rajiv");
		BloomFilter<String> again = this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		assertThat(again.mightContain("rajiv")).isTrue();
	}

	@Test
	void openWithParametersGivingSameSizeSucceeds() {
		this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		BitStringBloomFilter.Sizing other = BitStringBloomFilter.Sizing.of(100, 0.0100001);
		assertThat(other.bits()).isEqualTo(959);
		assertThat(this.structures.bloomFilter(this.key, 100, 0.0100001, String.class).numBits()).isEqualTo(959);
	}

	@Test
	void openWithMismatchingParametersFailsNamingBoth() {
		this.structures.bloomFilter(this.key, 100, 0.01, String.class).add("rajiv");
		assertThatExceptionOfType(BloomFilterMismatchException.class)
			.isThrownBy(() -> this.structures.bloomFilter(this.key, 1000, 0.01, String.class))
			.withMessageContaining("'" + this.key + "' was created with m=959 bits and k=7 hashes")
			.withMessageContaining("opened with numElements=1000, falsePositives=0.01, which gives m=9586 and k=7")
			.satisfies((ex) -> {
				assertThat(ex.getKey()).isEqualTo(this.key);
				assertThat(ex.getRecordedBits()).isEqualTo(959);
				assertThat(ex.getRecordedHashes()).isEqualTo(7);
				assertThat(ex.getRequestedBits()).isEqualTo(9586);
				assertThat(ex.getRequestedHashes()).isEqualTo(7);
			});
		assertThat(this.commands.bitcount(this.key)).isEqualTo(7);
	}

	@Test
	void openOfFilterWrittenByPotteryWithoutRecordSucceedsAndRecordsParameters() {
		// what Python pottery's BloomFilter(num_elements=100, false_positives=0.01).add('rajiv') leaves in Redis
		for (long offset : new long[] { 183, 319, 787, 585, 8, 471, 711 }) {
			this.commands.setbit(this.key, offset, 1);
		}
		BloomFilter<String> dilberts = this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		assertThat(dilberts.containsMany("rajiv", "raj", "dan")).containsExactly(true, false, false);
		assertThat(this.commands.exists(params(this.key))).isOne();
	}

	@Test
	void openWithUnreadableRecordFailsNamingTheRecord() {
		this.commands.setbit(this.key, 183, 1);
		this.commands.set(params(this.key), "959,7");
		assertThatExceptionOfType(EncodingException.class)
			.isThrownBy(() -> this.structures.bloomFilter(this.key, 100, 0.01, String.class))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(params(this.key)));
	}

	@Test
	void recordIsReplacedWhenTheBitsWereDeletedAndRecreatedWithOtherParameters() {
		// Java opens pottery's filter (100, 0.01): the record says m=959
		this.commands.setbit(this.key, 183, 1);
		this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		// pottery: bf.clear(), then BloomFilter(num_elements=1000, false_positives=0.001, key=key).add('rajiv')
		this.commands.del(this.key);
		BitStringBloomFilter.Sizing sizing = BitStringBloomFilter.Sizing.of(1000, 0.001);
		for (long offset : BitStringBloomFilter.offsets(bytes("\"rajiv\""), sizing.bits(), sizing.hashes())) {
			this.commands.setbit(this.key, offset, 1);
		}
		BloomFilter<String> recreated = this.structures.bloomFilter(this.key, 1000, 0.001, String.class);
		assertThat(recreated.mightContain("rajiv")).isTrue();
		assertThat(this.commands.get(params(this.key))).contains("\"m\": 14378");
	}

	@Test
	void recordIsIgnoredAndRewrittenWhenTheBitsAreAbsent() {
		this.structures.bloomFilter(this.key, 100, 0.01, String.class).add("rajiv");
		// pottery: bf.clear() (UNLINK key), then a filter with other parameters before anything is added
		this.commands.unlink(this.key);
		BloomFilter<String> other = this.structures.bloomFilter(this.key, 1000, 0.01, String.class);
		assertThat(other.numBits()).isEqualTo(9586);
		assertThat(this.commands.get(params(this.key))).contains("\"m\": 9586");
	}

	@Test
	void recordTakesTheExpiryOfTheBitsAndIsIgnoredOnceTheyExpired() {
		this.structures.bloomFilter(this.key, 100, 0.01, String.class).add("rajiv");
		this.commands.expire(this.key, 600);
		this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		assertThat(this.commands.pttl(params(this.key))).isPositive().isLessThanOrEqualTo(600_000L);
		this.commands.persist(this.key);
		this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		assertThat(this.commands.pttl(params(this.key))).isEqualTo(-1L);
		// the bits expire (PEXPIRE 1 ms; awaited on the key itself, no sleep as synchronisation)
		this.commands.pexpire(this.key, 1);
		org.awaitility.Awaitility.await()
			.atMost(java.time.Duration.ofSeconds(30))
			.until(() -> this.commands.exists(this.key) == 0L);
		BloomFilter<String> other = this.structures.bloomFilter(this.key, 1000, 0.01, String.class);
		assertThat(other.mightContain("rajiv")).isFalse();
		assertThat(this.commands.get(params(this.key))).contains("\"m\": 9586");
	}

	@Test
	void openIsOneRoundTrip() {
		CommandStats stats = CommandStats.start(this.commands);
		this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		Map<String, Long> calls = stats.since();
		assertThat(calls.getOrDefault("evalsha", 0L) + calls.getOrDefault("eval", 0L)).isEqualTo(1);
	}

	// ---- random keys ----

	@Test
	void filterWithoutKeyGetsRandomKeyAndNoParameterRecord() {
		BloomFilter<String> filter = this.structures.bloomFilter(null, 100, 0.01, String.class);
		try {
			assertThat(filter.key()).startsWith("pottery:");
			filter.add("rajiv");
			assertThat(filter.mightContain("rajiv")).isTrue();
			assertThat(this.commands.exists(params(filter.key()))).isZero();
		}
		finally {
			filter.clear();
		}
	}

	@Test
	void toStringShowsKeyAndSizeWithoutRoundTrip() {
		BloomFilter<String> filter = this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		CommandStats stats = CommandStats.start(this.commands);
		assertThat(filter).hasToString("BloomFilter{key='" + this.key + "', m=959, k=7}");
		assertThat(stats.total()).isZero();
	}

	// ---- helpers ----

	private BitStringBloomFilter<String> open(long n, double p) {
		return (BitStringBloomFilter<String>) this.structures.bloomFilter(this.key, n, p, String.class);
	}

	private static byte[] bytes(String text) {
		return text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
	}

	private static String params(String key) {
		return key + ":bloom-params";
	}

	private static List<Integer> range(int from, int to) {
		List<Integer> values = new ArrayList<>(to - from);
		for (int i = from; i < to; i++) {
			values.add(i);
		}
		return values;
	}

	record OffsetRow(long n, double p, long m, int k, String json, long[] offsets) {
	}

	static List<OffsetRow> readTable() {
		String path = "/dev/pottery/probabilistic/bloom-offsets.tsv";
		try (InputStream in = BloomFilterTests.class.getResourceAsStream(path)) {
			assertThat(in).as(path).isNotNull();
			BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
			List<OffsetRow> rows = new ArrayList<>();
			for (String line = reader.readLine(); line != null; line = reader.readLine()) {
				if (line.startsWith("#") || line.isEmpty()) {
					continue;
				}
				String[] cells = line.split("\t", -1);
				long[] offsets = Arrays.stream(cells[5].split(",")).mapToLong(Long::parseLong).toArray();
				rows.add(new OffsetRow(Long.parseLong(cells[0]), Double.parseDouble(cells[1]), Long.parseLong(cells[2]),
						Integer.parseInt(cells[3]), cells[4], offsets));
			}
			return rows;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
