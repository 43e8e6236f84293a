package dev.pottery.probabilistic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.pottery.EncodingException;
import dev.pottery.WrongTypeException;
import dev.pottery.codec.PotteryJson;
import dev.pottery.internal.StructureSupport;
import dev.pottery.internal.probabilistic.ProbabilisticScripts;
import dev.pottery.Pottery;
import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.cluster.SlotHash;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.serializer.GenericToStringSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link HyperLogLog} against a real Redis: stored elements, accuracy, round trips, the atomic membership script,
 * unions and bad input.
 */
@RealRedis
class HyperLogLogTests {

	private static final List<String> GOOGLE_SEARCHES = List.of("sonic the hedgehog video game", "google in 1998",
			"minesweeper", "joey tribbiani", "wizard of oz", "rgb to hex", "pac-man", "breathing exercise",
			"do a barrel roll", "snake");

	private final RedisServer redis;

	private final RedisCommands<String, String> commands;

	private final Pottery structures;

	private final String key;

	private final String other;

	HyperLogLogTests(RedisServer redis) {
		this.redis = redis;
		this.commands = redis.commands();
		this.structures = Pottery.create(redis.connectionFactory());
		this.key = redis.newKey();
		this.other = redis.newKey();
	}

	@BeforeEach
	@AfterEach
	void deleteKeys() {
		// through the connection factory, which also opens its shared connection before any command is counted
		new StringRedisTemplate(this.redis.connectionFactory()).delete(List.of(this.key, this.other));
	}

	// ---- add ----

	@Test
	void addStoresCanonicalJsonLikePottery() {
		HyperLogLog<String> hll = this.structures.hyperLogLog(this.key, String.class);
		assertThat(hll.add("a")).isTrue();
		assertThat(hll.add("a")).isFalse();
		// the element is "a" with its quotes: adding that string directly changes nothing, adding a bare a does
		assertThat(this.commands.pfadd(this.key, "\"a\"")).isZero();
		assertThat(this.commands.pfadd(this.key, "a")).isOne();
	}

	@Test
	void addIsOnePfadd() {
		HyperLogLog<String> hll = this.structures.hyperLogLog(this.key, String.class);
		CommandStats stats = CommandStats.start(this.commands);
		hll.add("minesweeper");
		assertThat(stats.since()).containsExactly(Map.entry("pfadd", 1L));
	}

	@Test
	void addOfValueThatCannotBeEncodedFailsBeforeWriting() {
		HyperLogLog<Object> hll = this.structures.hyperLogLog(this.key, Object.class);
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> hll.add(new Object()))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(this.key));
		assertThat(this.commands.exists(this.key)).isZero();
	}

	@Test
	void operationsOnKeyHoldingAnotherTypeFailNamingTheKey() {
		this.commands.rpush(this.key, "x");
		HyperLogLog<String> hll = this.structures.hyperLogLog(this.key, String.class);
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> hll.add("a"))
			.withMessageContaining("'" + this.key + "' holds a list, but HyperLogLog needs a string in HyperLogLog encoding")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(this.key));
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(hll::size);
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> hll.contains("a"));
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> hll.addAll(List.of("a", "b")));
	}

	@Test
	void containsOnPlainStringFailsAndLeavesNoScratchKey() {
		this.commands.set(this.key, "not a hyperloglog");
		HyperLogLog<String> hll = this.structures.hyperLogLog(this.key, String.class);
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> hll.containsMany("a", "b"))
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo(this.key));
		assertThat(this.commands.keys("pottery:*hll-scratch*")).isEmpty();
		assertThat(this.commands.get(this.key)).isEqualTo("not a hyperloglog");
	}

	// ---- addAll ----

	@Test
	void addAllOfThousandValuesIsOnePfadd() {
		HyperLogLog<Integer> hll = this.structures.hyperLogLog(this.key, Integer.class);
		CommandStats stats = CommandStats.start(this.commands);
		assertThat(hll.addAll(range(0, 1000))).isTrue();
		assertThat(stats.since()).containsExactly(Map.entry("pfadd", 1L));
		assertThat(hll.addAll(range(0, 1000))).isFalse();
	}

	@Test
	void addAllOfNothingSendsNothing() {
		HyperLogLog<Integer> hll = this.structures.hyperLogLog(this.key, Integer.class);
		CommandStats stats = CommandStats.start(this.commands);
		assertThat(hll.addAll(List.of())).isFalse();
		assertThat(hll.containsMany(List.of())).isEmpty();
		assertThat(stats.total()).isZero();
	}

	@Test
	void addAllWithOneValueThatCannotBeEncodedWritesNothing() {
		HyperLogLog<Object> hll = this.structures.hyperLogLog(this.key, Object.class);
		assertThatExceptionOfType(EncodingException.class)
			.isThrownBy(() -> hll.addAll(List.of("a", new Object())));
		assertThat(this.commands.exists(this.key)).isZero();
	}

	// ---- size ----

	@Test
	void sizeOfMissingKeyIsZero() {
		assertThat(this.structures.hyperLogLog(this.key, String.class).size()).isZero();
	}

	@Test
	void sizeCountsHundredThousandDistinctValuesWithinTwoPercent() {
		HyperLogLog<String> hll = this.structures.hyperLogLog(this.key, String.class);
		List<String> values = new ArrayList<>(100_000);
		for (int i = 0; i < 100_000; i++) {
			values.add("search-" + i);
		}
		CommandStats stats = CommandStats.start(this.commands);
		hll.addAll(values);
		assertThat(stats.since()).containsExactly(Map.entry("pfadd", 100L)); // one pipeline on the shared connection
		stats = CommandStats.start(this.commands);
		assertThat(hll.size()).isBetween(98_000L, 102_000L);
		assertThat(stats.since()).containsExactly(Map.entry("pfcount", 1L));
	}

	// ---- contains / containsMany ----

	@Test
	void containsManyAnswersLikePotteryInOneScript() {
		HyperLogLog<String> googleSearches = this.structures.hyperLogLog(this.key, String.class);
		googleSearches.addAll(GOOGLE_SEARCHES);
		String before = this.commands.get(this.key);
		CommandStats stats = CommandStats.start(this.commands);
		assertThat(googleSearches.containsMany("joey tribbiani", "jennifer aniston", "snake", "pizza"))
			.containsExactly(true, false, true, false);
		Map<String, Long> calls = stats.since();
		assertThat(calls.getOrDefault("evalsha", 0L) + calls.getOrDefault("eval", 0L)).isOne();
		assertThat(calls).doesNotContainKeys("multi", "watch", "exec");
		assertThat(this.commands.get(this.key)).as("the HyperLogLog is unchanged").isEqualTo(before);
		assertThat(googleSearches.size()).isEqualTo(10);
	}

	@Test
	void containsOfMissingKeyIsFalseAndCreatesNothing() {
		HyperLogLog<String> hll = this.structures.hyperLogLog(this.key, String.class);
		assertThat(hll.contains("a")).isFalse();
		assertThat(this.commands.exists(this.key)).isZero();
	}

	@Test
	void containsManyOfRepeatedAbsentValueAnswersFromTheOriginalEveryTime() {
		HyperLogLog<String> hll = this.structures.hyperLogLog(this.key, String.class);
		hll.add("a");
		// the second "b" must not see the first one's PFADD into the scratch copy
		assertThat(hll.containsMany("b", "b", "a")).containsExactly(false, false, true);
	}

	@Test
	void containsManyOfValueThatCannotBeEncodedFails() {
		HyperLogLog<Object> hll = this.structures.hyperLogLog(this.key, Object.class);
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> hll.containsMany(List.of(new Object())));
	}

	@Test
	void containsManyHasNoFalseNegatives() {
		HyperLogLog<Integer> hll = this.structures.hyperLogLog(this.key, Integer.class);
		List<Integer> values = range(0, 5000);
		hll.addAll(values);
		assertThat(hll.containsMany(values)).containsOnly(true);
	}

	@Test
	void containsScriptRefusesExistingScratchKeyAndChangesNothing() {
		HyperLogLog<String> hll = this.structures.hyperLogLog(this.key, String.class);
		hll.add("a");
		this.commands.set(this.other, "user data");
		StringRedisTemplate template = new StringRedisTemplate(this.redis.connectionFactory());
		assertThatExceptionOfType(RedisSystemException.class)
			.isThrownBy(() -> template.execute(ProbabilisticScripts.HLL_CONTAINS_MANY, List.of(this.key, this.other),
					"\"a\""))
			.withStackTraceContaining("scratch key exists");
		assertThat(this.commands.get(this.other)).isEqualTo("user data");
		assertThat(hll.size()).isOne();
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain", "{tag}rest", "a{b", "{}x", "a}b", "x{}y{z}", "caf\u00e9" })
	void scratchKeyHasTheKeysClusterSlot(String key) {
		StructureSupport support = StructureSupport.attach(new StringRedisTemplate(this.redis.connectionFactory()),
				PotteryJson.create(), key, "string", "HyperLogLog");
		String scratch = support.scratchKey("hll-scratch");
		assertThat(scratch).startsWith("pottery:{").contains("}:hll-scratch:");
		assertThat(SlotHash.getSlot(scratch)).isEqualTo(SlotHash.getSlot(key));
	}

	// ---- union / unionSize ----

	@Test
	void unionMergesOthersIntoThis() {
		HyperLogLog<String> googleSearches = this.structures.hyperLogLog(this.key, String.class);
		HyperLogLog<String> bingSearches = this.structures.hyperLogLog(this.other, String.class);
		googleSearches.addAll(GOOGLE_SEARCHES.subList(0, 6));
		bingSearches.addAll(GOOGLE_SEARCHES.subList(4, 10));
		CommandStats stats = CommandStats.start(this.commands);
		assertThat(googleSearches.unionSize(bingSearches)).isEqualTo(10);
		assertThat(stats.since()).containsExactly(Map.entry("pfcount", 1L));
		assertThat(googleSearches.size()).isEqualTo(6);
		stats = CommandStats.start(this.commands);
		googleSearches.union(bingSearches);
		assertThat(stats.since()).containsExactly(Map.entry("pfmerge", 1L));
		assertThat(googleSearches.size()).isEqualTo(10);
		assertThat(bingSearches.size()).isEqualTo(6);
	}

	@Test
	void unionStoreCreatesANewHyperLogLogLeavingTheOperandsUnchanged() {
		HyperLogLog<String> googleSearches = this.structures.hyperLogLog(this.key, String.class);
		HyperLogLog<String> bingSearches = this.structures.hyperLogLog(this.other, String.class);
		googleSearches.addAll(GOOGLE_SEARCHES.subList(0, 6));
		bingSearches.addAll(GOOGLE_SEARCHES.subList(4, 10));
		HyperLogLog<String> allSearches = googleSearches.unionStore(null, bingSearches);
		try {
			assertThat(allSearches.key()).startsWith("pottery:").isNotEqualTo(this.key);
			assertThat(allSearches.size()).isEqualTo(10);
			assertThat(allSearches.contains(GOOGLE_SEARCHES.get(9))).isTrue();
			assertThat(googleSearches.size()).isEqualTo(6);
			assertThat(bingSearches.size()).isEqualTo(6);
			assertThat(allSearches.toString()).isEqualTo("HyperLogLog{key='" + allSearches.key() + "', size=10}");
		}
		finally {
			allSearches.clear();
		}
		String destKey = this.redis.newKey();
		try {
			HyperLogLog<String> named = googleSearches.unionStore(destKey, bingSearches);
			assertThat(named.key()).isEqualTo(destKey);
			assertThat(this.commands.pfcount(destKey)).isEqualTo(10);
		}
		finally {
			this.commands.del(destKey);
		}
	}

	@Test
	void unionWithNothingSendsNothingAndUnionSizeIsSize() {
		HyperLogLog<String> hll = this.structures.hyperLogLog(this.key, String.class);
		hll.addAll(GOOGLE_SEARCHES);
		CommandStats stats = CommandStats.start(this.commands);
		hll.union();
		assertThat(stats.total()).isZero();
		assertThat(hll.unionSize()).isEqualTo(10);
	}

	@Test
	void unionScriptMergesAndCountsCopiesAndDeletesThem() {
		HyperLogLog<String> googleSearches = this.structures.hyperLogLog(this.key, String.class);
		HyperLogLog<String> bingSearches = this.structures.hyperLogLog(this.other, String.class);
		googleSearches.addAll(GOOGLE_SEARCHES.subList(0, 6));
		bingSearches.addAll(GOOGLE_SEARCHES.subList(4, 10));
		byte[] copy = rawTemplate().execute((RedisCallback<byte[]>) (connection) -> connection.stringCommands()
			.get(this.other.getBytes(StandardCharsets.UTF_8)));
		String scratch = this.redis.newKey();
		assertThat(runUnion(List.of(this.key, scratch), "count", "0", copy)).isEqualTo(10);
		assertThat(googleSearches.size()).isEqualTo(6);
		assertThat(runUnion(List.of(this.key, scratch), "merge", "0", copy)).isOne();
		assertThat(googleSearches.size()).isEqualTo(10);
		assertThat(this.commands.exists(scratch)).isZero();
	}

	@Test
	void unionScriptRefusesAnExistingScratchKeyAndDeletesItsCopiesAfterAnError() {
		HyperLogLog<String> hll = this.structures.hyperLogLog(this.key, String.class);
		hll.add("a");
		this.commands.set(this.other, "user data");
		byte[] copy = "not a HyperLogLog".getBytes(StandardCharsets.UTF_8);
		assertThatExceptionOfType(RedisSystemException.class)
			.isThrownBy(() -> runUnion(List.of(this.key, this.other), "merge", "0", copy))
			.withStackTraceContaining("scratch key exists");
		assertThat(this.commands.get(this.other)).isEqualTo("user data");
		String scratch = this.redis.newKey();
		assertThatExceptionOfType(RedisSystemException.class)
			.isThrownBy(() -> runUnion(List.of(this.key, scratch), "merge", "0", copy))
			.withStackTraceContaining("WRONGTYPE");
		assertThat(this.commands.exists(scratch)).isZero();
		assertThat(hll.size()).isOne();
	}

	private StringRedisTemplate rawTemplate() {
		return new StringRedisTemplate(this.redis.connectionFactory());
	}

	private @Nullable Long runUnion(List<String> keys, String mode, String direct, byte[] copy) {
		return rawTemplate().execute(ProbabilisticScripts.HLL_UNION, RedisSerializer.byteArray(),
				new GenericToStringSerializer<>(Long.class), keys, mode.getBytes(StandardCharsets.UTF_8),
				direct.getBytes(StandardCharsets.UTF_8), copy);
	}

	@Test
	void unionWithHyperLogLogOnAnotherConnectionFails() {
		LettuceConnectionFactory elsewhere = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(this.redis.url()));
		elsewhere.afterPropertiesSet();
		try {
			HyperLogLog<String> hll = this.structures.hyperLogLog(this.key, String.class);
			HyperLogLog<String> remote = Pottery.create(elsewhere).hyperLogLog(this.other, String.class);
			assertThatIllegalArgumentException().isThrownBy(() -> hll.union(remote))
				.withMessageContaining("lives on another Redis connection");
			assertThatIllegalArgumentException().isThrownBy(() -> hll.unionSize(remote));
		}
		finally {
			elsewhere.destroy();
		}
	}

	// ---- clear ----

	@Test
	void clearUnlinksTheKey() {
		HyperLogLog<String> hll = this.structures.hyperLogLog(this.key, String.class);
		hll.add("a");
		hll.clear();
		assertThat(this.commands.exists(this.key)).isZero();
		assertThat(hll.size()).isZero();
	}

	// ---- random keys ----

	@Test
	void hyperLogLogWithoutKeyGetsRandomKey() {
		HyperLogLog<String> hll = this.structures.hyperLogLog(null, String.class);
		try {
			assertThat(hll.key()).startsWith("pottery:");
			hll.add("a");
			assertThat(hll.contains("a")).isTrue();
			assertThat(hll).hasToString("HyperLogLog{key='" + hll.key() + "', size=1}");
		}
		finally {
			hll.clear();
		}
	}

	private static List<Integer> range(int from, int to) {
		List<Integer> values = new ArrayList<>(to - from);
		for (int i = from; i < to; i++) {
			values.add(i);
		}
		return values;
	}

}
