package dev.pottery.collections;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.pottery.EncodingException;
import dev.pottery.KeyExistsException;
import dev.pottery.WrongTypeException;
import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Behaviour of {@link RedisCounter} against a real Redis.
 */
@RealRedis
class RedisCounterTests extends RedisCollectionsTestSupport {

	private String key;

	private RedisCounter<String> counter;

	RedisCounterTests(RedisServer redis) {
		super(redis);
	}

	@BeforeEach
	void openCounter() {
		this.key = newKey();
		this.counter = this.collections.counter(this.key, String.class);
	}

	// ---- wire format ----

	@Test
	void countsAreStoredAsPlainDecimal() {
		this.counter.increment("a", 2);
		this.counter.increment("b", -2);
		this.counter.update(Map.of("z", 0));
		assertThat(this.redis.commands().hgetall(this.key)).containsOnly(Map.entry("\"a\"", "2"),
				Map.entry("\"b\"", "-2"), Map.entry("\"z\"", "0"));
	}

	@Test
	void readsWhatPythonWrote() {
		// c = RedisCounter(redis=redis, key=key); c.update(['a', 'a', 'b'])
		this.redis.commands().hset(this.key, Map.of("\"a\"", "2", "\"b\"", "1"));
		assertThat(this.counter.count("a")).isEqualTo(2);
		assertThat(this.counter.get("b")).isEqualTo(1L);
	}

	// ---- count / increment ----

	@Test
	void countWhenAbsentIsZeroAndWritesNothing() {
		assertThat(this.counter.count("nobody")).isZero();
		assertThat(this.counter.get("nobody")).isNull();
		assertThat(this.redis.commands().exists(this.key)).isZero();
	}

	@Test
	void incrementReturnsNewCount() {
		assertThat(this.counter.increment("a")).isEqualTo(1);
		assertThat(this.counter.increment("a", 5)).isEqualTo(6);
		assertThat(this.counter.increment("a", -10)).isEqualTo(-4);
	}

	@Test
	void incrementIsOneHincrby() {
		CommandStats stats = CommandStats.start(this.redis.commands());
		this.counter.increment("a");
		assertThat(stats.since()).containsExactly(Map.entry("hincrby", 1L));
	}

	@Test
	void incrementOverflowThrowsArithmeticException() {
		this.counter.put("a", Long.MAX_VALUE);
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> this.counter.increment("a"));
		assertThat(this.counter.count("a")).isEqualTo(Long.MAX_VALUE);
	}

	@Test
	void nullIsAnElementAndCountsAreNeverNull() {
		assertThat(this.counter.increment(null)).isEqualTo(1);
		assertThat(this.counter.count(null)).isEqualTo(1);
		this.counter.update(java.util.Arrays.asList("a", null));
		assertThat(this.counter.count(null)).isEqualTo(2);
		assertThatNullPointerException().isThrownBy(() -> this.counter.put("a", null));
	}

	@Test
	void concurrentIncrementsAreExact() throws Exception {
		int threads = 8;
		int perThread = 10_000;
		repeatOnThreads(threads, perThread, 3, () -> this.counter.increment("hits"));
		assertThat(this.counter.count("hits")).isEqualTo((long) threads * perThread);
	}

	// ---- update / subtract ----

	@Test
	void updateFromIterableCountsOccurrencesInOneRoundTrip() {
		this.counter.increment("a");
		CommandStats stats = CommandStats.start(this.redis.commands());
		this.counter.update(List.of("a", "a", "b"));
		assertThat(stats.calls("evalsha") + stats.calls("eval")).isEqualTo(1);
		assertThat(this.counter.toMap()).containsOnly(Map.entry("a", 3L), Map.entry("b", 1L));
	}

	@Test
	void updateAndSubtractFromMap() {
		this.counter.update(Map.of("a", 4, "b", 2L));
		this.counter.subtract(Map.of("a", 1, "b", 3, "c", 1));
		assertThat(this.counter.toMap()).containsOnly(Map.entry("a", 3L), Map.entry("b", -1L), Map.entry("c", -1L));
		this.counter.subtract(List.of("a"));
		assertThat(this.counter.count("a")).isEqualTo(2);
	}

	@Test
	void updateWithNonIntegerAmountIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.counter.update(Map.of("a", 1.5)));
		assertThat(this.redis.commands().exists(this.key)).isZero();
	}

	@Test
	void updateIsAllOrNothingWhenOneIncrementFails() {
		this.counter.put("a", 1L);
		this.counter.put("big", Long.MAX_VALUE);
		Map<String, Long> deltas = new java.util.LinkedHashMap<>();
		deltas.put("a", 5L);
		deltas.put("new", 1L);
		deltas.put("big", 1L);
		assertThatExceptionOfType(ArithmeticException.class).isThrownBy(() -> this.counter.update(deltas));
		assertThat(this.counter.toMap()).containsOnly(Map.entry("a", 1L), Map.entry("big", Long.MAX_VALUE));
	}

	@Test
	void updateOverNonIntegerValueIsAllOrNothing() {
		this.counter.put("a", 1L);
		this.redis.commands().hset(this.key, "\"text\"", "\"x\"");
		assertThatExceptionOfType(EncodingException.class)
			.isThrownBy(() -> this.counter.update(List.of("a", "text")))
			.withMessageContaining(this.key);
		assertThat(this.counter.count("a")).isEqualTo(1);
	}

	// ---- reading everything ----

	@Test
	void mostCommonOrdersTiesByStoredJson() {
		this.counter.update(Map.of("b", 2, "a", 2, "c", 5, "d", 1));
		assertThat(this.counter.mostCommon(3)).containsExactly(Map.entry("c", 5L), Map.entry("a", 2L),
				Map.entry("b", 2L));
		assertThat(this.counter.mostCommon()).hasSize(4);
		assertThat(this.counter.mostCommon(0)).isEmpty();
		assertThatIllegalArgumentException().isThrownBy(() -> this.counter.mostCommon(-1));
	}

	@Test
	void elementsRepeatPositiveCountsOnly() {
		this.counter.update(Map.of("a", 2, "b", 0, "c", -1, "d", 1));
		assertThat(this.counter.elements().sorted().collect(Collectors.joining())).isEqualTo("aad");
	}

	@Test
	void totalSumsAllCounts() {
		assertThat(this.counter.total()).isZero();
		this.counter.update(Map.of("a", 2, "b", -1, "c", 10));
		assertThat(this.counter.total()).isEqualTo(11);
	}

	// ---- arithmetic ----

	@Test
	void arithmeticFollowsPythonAndKeepsPositiveCountsOnly() {
		// Counter(a=3, b=1, c=-2) with Counter(a=1, b=2, d=4)
		this.counter.update(Map.of("a", 3, "b", 1, "c", -2));
		Map<String, Long> other = Map.of("a", 1L, "b", 2L, "d", 4L);
		assertThat(this.counter.plus(other)).containsOnly(Map.entry("a", 4L), Map.entry("b", 3L), Map.entry("d", 4L));
		assertThat(this.counter.minus(other)).containsOnly(Map.entry("a", 2L));
		assertThat(this.counter.union(other)).containsOnly(Map.entry("a", 3L), Map.entry("b", 2L), Map.entry("d", 4L));
		assertThat(this.counter.intersection(other)).containsOnly(Map.entry("a", 1L), Map.entry("b", 1L));
		assertThat(this.counter.count("a")).isEqualTo(3);
	}

	// ---- map side ----

	@Test
	void mergeOnCounterIsAtomic() {
		assertThat(this.counter.merge("a", 1L, Long::sum)).isEqualTo(1L);
		assertThat(this.counter.merge("a", 1L, Long::sum)).isEqualTo(2L);
	}

	@Test
	void toStringShowsStoredJson() {
		this.counter.increment("a", 2);
		assertThat(this.counter).hasToString("RedisCounter{\"a\": 2}");
	}

	// ---- creation and errors ----

	@Test
	void createFromIterableCountsOccurrences() {
		RedisCounter<String> created = this.collections.counter(this.key, String.class).create(List.of("a", "a", "b"));
		assertThat(this.redis.commands().hgetall(this.key)).containsOnly(Map.entry("\"a\"", "2"),
				Map.entry("\"b\"", "1"));
		assertThat(created.total()).isEqualTo(3);
	}

	@Test
	void createWhenKeyExistsThrowsAndWritesNothing() {
		this.counter.increment("a");
		assertThatExceptionOfType(KeyExistsException.class)
			.isThrownBy(() -> this.collections.counter(this.key, String.class).create(Map.of("b", 1)));
		assertThat(this.counter.toMap()).containsOnly(Map.entry("a", 1L));
	}

	@Test
	void wrongTypeIsReportedAndNothingIsOverwritten() {
		this.redis.commands().rpush(this.key, "x");
		List<Runnable> operations = List.of(() -> this.counter.increment("a"), () -> this.counter.count("a"),
				() -> this.counter.update(List.of("a")), () -> this.counter.mostCommon(1), () -> this.counter.total());
		for (Runnable operation : operations) {
			assertThatExceptionOfType(WrongTypeException.class).isThrownBy(operation::run)
				.withMessageContaining(this.key)
				.withMessageContaining("list")
				.withMessageContaining("hash");
		}
		assertThat(this.redis.commands().lrange(this.key, 0, -1)).containsExactly("x");
	}

}
