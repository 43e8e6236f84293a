package dev.pottery.collections;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pottery.EncodingException;
import dev.pottery.KeyExistsException;
import dev.pottery.WrongTypeException;
import dev.pottery.internal.collections.HashCommands;
import dev.pottery.internal.collections.HashRedisMap;
import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Behaviour of {@link RedisMap} against a real Redis: wire format, atomic operations, views, round trips,
 * concurrency, memory and errors.
 */
@RealRedis
class RedisMapTests extends RedisCollectionsTestSupport {

	private String key;

	private RedisMap<String, Integer> tel;

	RedisMapTests(RedisServer redis) {
		super(redis);
	}

	@BeforeEach
	void openMap() {
		this.key = newKey();
		this.tel = this.collections.map(this.key, String.class, Integer.class);
	}

	// ---- wire format ----

	@Test
	void putStoresCanonicalJsonFieldAndValue() {
		this.tel.put("x", 1);
		assertThat(this.redis.commands().hgetall(this.key)).containsExactly(Map.entry("\"x\"", "1"));
	}

	@Test
	void numberAndStringKeysAreDifferentFields() {
		RedisMap<Object, Object> raw = this.collections.map(this.key);
		raw.put(1, "int");
		raw.put("1", "str");
		assertThat(this.redis.commands().hgetall(this.key)).containsOnly(Map.entry("1", "\"int\""),
				Map.entry("\"1\"", "\"str\""));
		assertThat(raw.get(1)).isEqualTo("int");
		assertThat(raw.get("1")).isEqualTo("str");
	}

	@Test
	void valuesAreCanonicalJson() {
		RedisMap<String, Object> raw = this.collections.map(this.key, String.class, Object.class);
		Map<String, Object> nested = new LinkedHashMap<>();
		nested.put("b", 1);
		nested.put("a", List.of(1.0, "caf\u00e9"));
		raw.set("nested", nested);
		raw.set("float", 1e16);
		assertThat(this.redis.commands().hget(this.key, "\"nested\""))
			.isEqualTo("{\"a\": [1.0, \"caf\\u00e9\"], \"b\": 1}");
		assertThat(this.redis.commands().hget(this.key, "\"float\"")).isEqualTo("1e+16");
	}

	@Test
	void readsWhatPythonWrote() {
		// d = RedisDict(redis=redis, key=key); d['jack'] = 4098; d[1] = {'b': [1, 2.5, None], 'a': True}
		this.redis.commands().hset(this.key, "\"jack\"", "4098");
		this.redis.commands().hset(this.key, "1", "{\"a\": true, \"b\": [1, 2.5, null]}");
		assertThat(this.tel.get("jack")).isEqualTo(4098);
		RedisMap<Object, Object> untyped = this.collections.map(this.key);
		Map<String, Object> expected = new LinkedHashMap<>();
		expected.put("a", true);
		expected.put("b", java.util.Arrays.asList(1, 2.5, null));
		assertThat(untyped.get(1)).isEqualTo(expected);
		assertThat(untyped.toMap()).containsOnlyKeys("jack", 1);
	}

	@Test
	void genericValueTypesRoundTrip() {
		RedisMap<String, List<Integer>> scores = this.collections.map(this.key, new ParameterizedTypeReference<String>() {
				}, new ParameterizedTypeReference<List<Integer>>() {
				});
		scores.put("ann", List.of(3, 5));
		assertThat(scores.get("ann")).containsExactly(3, 5);
	}

	// ---- get / put / set ----

	@Test
	void getWhenAbsentReturnsNull() {
		assertThat(this.tel.get("nobody")).isNull();
	}

	@Test
	void getWithUnencodableKeyReturnsNull() {
		assertThat(this.tel.get(new Object())).isNull();
		assertThat(this.tel.containsKey(new Object())).isFalse();
		assertThat(this.tel.remove(new Object())).isNull();
	}

	@Test
	void nullKeysAndValuesAreStoredAsPotteryNone() {
		assertThat(this.tel.get(null)).isNull();
		assertThat(this.tel.containsKey(null)).isFalse();
		assertThat(this.tel.put(null, 1)).isNull();
		assertThat(this.tel.put("a", null)).isNull();
		assertThat(this.tel.containsValue(null)).isTrue();
		assertThat(this.redis.commands().hgetall(this.key)).containsOnly(Map.entry("null", "1"),
				Map.entry("\"a\"", "null"));
		assertThatNullPointerException().isThrownBy(() -> this.tel.merge("a", null, Integer::sum));
	}

	@Test
	void putReturnsPreviousValue() {
		assertThat(this.tel.put("jack", 4098)).isNull();
		assertThat(this.tel.put("jack", 4099)).isEqualTo(4098);
		assertThat(this.tel.get("jack")).isEqualTo(4099);
	}

	@Test
	void setWritesWithoutReadingAndUnencodableValueWritesNothing() {
		this.tel.set("jack", 4098);
		assertThat(this.tel.get("jack")).isEqualTo(4098);
		@SuppressWarnings({ "unchecked", "rawtypes" })
		RedisMap<Object, Object> raw = (RedisMap) this.tel;
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> raw.put("x", new Object()));
		assertThat(this.tel.containsKey("x")).isFalse();
	}

	// ---- atomic conditional operations ----

	@Test
	void putIfAbsentWhenKeyPresentReturnsExistingValue() {
		this.tel.put("jack", 4098);
		assertThat(this.tel.putIfAbsent("jack", 1)).isEqualTo(4098);
		assertThat(this.tel.get("jack")).isEqualTo(4098);
	}

	@Test
	void putIfAbsentWhenKeyAbsentWrites() {
		assertThat(this.tel.putIfAbsent("jack", 1)).isNull();
		assertThat(this.tel.get("jack")).isEqualTo(1);
	}

	@Test
	void replaceOnlyWhenPresent() {
		assertThat(this.tel.replace("jack", 1)).isNull();
		assertThat(this.tel.containsKey("jack")).isFalse();
		this.tel.put("jack", 4098);
		assertThat(this.tel.replace("jack", 1)).isEqualTo(4098);
		assertThat(this.tel.get("jack")).isEqualTo(1);
	}

	@Test
	void replaceWithExpectedValueComparesStoredValue() {
		this.tel.put("jack", 4098);
		assertThat(this.tel.replace("jack", 1, 2)).isFalse();
		assertThat(this.tel.replace("jack", 4098, 2)).isTrue();
		assertThat(this.tel.get("jack")).isEqualTo(2);
		assertThat(this.tel.replace("nobody", 2, 3)).isFalse();
		assertThat(this.tel.containsKey("nobody")).isFalse();
	}

	@Test
	void removeWithExpectedValueRemovesOnlyOnMatch() {
		this.tel.put("jack", 4098);
		assertThat(this.tel.remove("jack", 1)).isFalse();
		assertThat(this.tel.remove("jack", null)).isFalse();
		assertThat(this.tel.remove("jack", 4098)).isTrue();
		assertThat(this.tel.containsKey("jack")).isFalse();
	}

	@Test
	void removeReturnsRemovedValue() {
		this.tel.put("jack", 4098);
		assertThat(this.tel.remove("jack")).isEqualTo(4098);
		assertThat(this.tel.remove("jack")).isNull();
	}

	// ---- compute / merge ----

	@Test
	void computeIfAbsentCallsFunctionOnlyWhenAbsent() {
		AtomicInteger calls = new AtomicInteger();
		assertThat(this.tel.computeIfAbsent("jack", (k) -> calls.incrementAndGet() + 4097)).isEqualTo(4098);
		assertThat(this.tel.computeIfAbsent("jack", (k) -> calls.incrementAndGet())).isEqualTo(4098);
		assertThat(calls).hasValue(1);
		assertThat(this.tel.computeIfAbsent("nobody", (k) -> null)).isNull();
		assertThat(this.tel.containsKey("nobody")).isFalse();
	}

	@Test
	void computeIfPresentReplacesOrRemoves() {
		assertThat(this.tel.computeIfPresent("jack", (k, v) -> v + 1)).isNull();
		this.tel.put("jack", 1);
		assertThat(this.tel.computeIfPresent("jack", (k, v) -> v + 1)).isEqualTo(2);
		assertThat(this.tel.computeIfPresent("jack", (k, v) -> null)).isNull();
		assertThat(this.tel.containsKey("jack")).isFalse();
	}

	@Test
	void computeSeesNullForAbsentAndRemovesOnNull() {
		assertThat(this.tel.compute("jack", (k, v) -> (v == null) ? 1 : v + 1)).isEqualTo(1);
		assertThat(this.tel.compute("jack", (k, v) -> (v == null) ? 1 : v + 1)).isEqualTo(2);
		assertThat(this.tel.compute("jack", (k, v) -> null)).isNull();
		assertThat(this.tel.isEmpty()).isTrue();
	}

	@Test
	void mergeCombinesOrInsertsOrRemoves() {
		assertThat(this.tel.merge("jack", 1, Integer::sum)).isEqualTo(1);
		assertThat(this.tel.merge("jack", 5, Integer::sum)).isEqualTo(6);
		assertThat(this.tel.merge("jack", 5, (a, b) -> null)).isNull();
		assertThat(this.tel.containsKey("jack")).isFalse();
	}

	@Test
	void computeRetriesWhenAnotherWriterChangedTheValue() {
		this.tel.put("jack", 1);
		AtomicInteger calls = new AtomicInteger();
		Integer result = this.tel.compute("jack", (k, v) -> {
			if (calls.incrementAndGet() == 1) {
				this.redis.commands().hset(this.key, "\"jack\"", "100"); // a concurrent writer
			}
			return v + 1;
		});
		assertThat(result).isEqualTo(101);
		assertThat(calls).hasValue(2);
		assertThat(this.tel.get("jack")).isEqualTo(101);
	}

	@Test
	void concurrentMergesLoseNoUpdate() throws Exception {
		int threads = 8;
		int perThread = 2_000;
		repeatOnThreads(threads, perThread, 2, () -> this.tel.merge("hits", 1, Integer::sum));
		assertThat(this.tel.get("hits")).isEqualTo(threads * perThread);
	}

	// ---- bulk operations and round trips ----

	@Test
	void putAllOfTenThousandEntriesIsOneHset() {
		Map<String, Integer> entries = entries(10_000);
		CommandStats stats = CommandStats.start(this.redis.commands());
		this.tel.putAll(entries);
		assertThat(stats.since()).containsExactly(Map.entry("hset", 1L));
		assertThat(this.redis.commands().hlen(this.key)).isEqualTo(10_000);
		assertThat(this.redis.commands().hget(this.key, "\"k42\"")).isEqualTo("42");
	}

	@Test
	void singleKeyOperationsAreOneRoundTrip() {
		this.tel.put("warm-up", 0); // loads the script
		CommandStats stats = CommandStats.start(this.redis.commands());
		this.tel.get("jack");
		assertThat(stats.since()).containsExactly(Map.entry("hget", 1L));
		stats = CommandStats.start(this.redis.commands());
		this.tel.put("jack", 1);
		// one EVALSHA from the client; INFO commandstats also counts the HGET and HSET the script runs
		assertThat(stats.since()).containsOnly(Map.entry("evalsha", 1L), Map.entry("hget", 1L), Map.entry("hset", 1L));
		stats = CommandStats.start(this.redis.commands());
		this.tel.set("jack", 2);
		assertThat(stats.since()).containsExactly(Map.entry("hset", 1L));
		stats = CommandStats.start(this.redis.commands());
		this.tel.size();
		assertThat(stats.since()).containsExactly(Map.entry("hlen", 1L));
	}

	@Test
	void iteratingTenThousandEntriesTakesAboutTenScans() {
		this.tel.putAll(entries(10_000));
		CommandStats stats = CommandStats.start(this.redis.commands());
		int count = 0;
		long sum = 0;
		for (Map.Entry<String, Integer> entry : this.tel.entrySet()) {
			count++;
			sum += entry.getValue();
		}
		assertThat(count).isEqualTo(10_000);
		assertThat(sum).isEqualTo(10_000L * 9_999 / 2);
		assertThat(stats.since()).containsOnlyKeys("hscan");
		assertThat(stats.calls("hscan")).isBetween(10L, 12L);
	}

	@Test
	void getAllIsOneHmgetInRequestOrder() {
		this.tel.putAll(Map.of("a", 1, "b", 2, "c", 3));
		CommandStats stats = CommandStats.start(this.redis.commands());
		Map<String, Integer> found = this.tel.getAll(List.of("c", "nobody", "a"));
		assertThat(stats.since()).containsExactly(Map.entry("hmget", 1L));
		assertThat(found).containsExactly(Map.entry("c", 3), Map.entry("a", 1));
	}

	@Test
	void toMapIsOneHgetall() {
		this.tel.putAll(Map.of("a", 1, "b", 2));
		CommandStats stats = CommandStats.start(this.redis.commands());
		assertThat(this.tel.toMap()).isEqualTo(Map.of("a", 1, "b", 2));
		assertThat(stats.since()).containsExactly(Map.entry("hgetall", 1L));
	}

	@Test
	void clearUnlinksTheKey() {
		this.tel.put("a", 1);
		this.tel.clear();
		assertThat(this.redis.commands().exists(this.key)).isZero();
		this.tel.clear();
	}

	// ---- views ----

	@Test
	void iteratorRemoveDeletesTheField() {
		this.tel.putAll(Map.of("a", 1, "b", 2, "c", 3));
		for (Iterator<String> it = this.tel.keySet().iterator(); it.hasNext();) {
			if (!it.next().equals("b")) {
				it.remove();
			}
		}
		assertThat(this.tel.toMap()).containsExactly(Map.entry("b", 2));
	}

	@Test
	void entrySetValueWritesThrough() {
		this.tel.put("a", 1);
		Map.Entry<String, Integer> entry = this.tel.entrySet().iterator().next();
		assertThat(entry.setValue(5)).isEqualTo(1);
		assertThat(this.tel.get("a")).isEqualTo(5);
	}

	@Test
	void viewsAreLive() {
		var keys = this.tel.keySet();
		var values = this.tel.values();
		assertThat(keys).isEmpty();
		this.tel.put("a", 1);
		assertThat(keys).containsExactly("a");
		assertThat(values).containsExactly(1);
		keys.remove("a");
		assertThat(this.tel).isEmpty();
	}

	@Test
	void iterationOfLargeMapRunsInSixtyFourMegabytes() throws Exception {
		int entries = 200_000;
		String padding = "x".repeat(200);
		long start = System.nanoTime();
		for (int chunk = 0; chunk < entries; chunk += 10_000) {
			Map<String, String> pairs = new HashMap<>();
			for (int i = chunk; i < chunk + 10_000; i++) {
				pairs.put("\"k" + i + "\"", "\"" + padding + i + "\"");
			}
			this.redis.commands().hset(this.key, pairs);
		}
		System.out.println("populated in " + (System.nanoTime() - start) / 1_000_000 + " ms");
		File output = File.createTempFile("large-map-iteration", ".txt");
		try {
			String java = System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
			// C1 only and the serial collector: a quicker start for a short-lived child on a busy machine
			Process process = new ProcessBuilder(java, "-Xmx64m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
					"-cp", System.getProperty("java.class.path"), LargeMapIteration.class.getName(), this.redis.url(),
					this.key, Integer.toString(entries))
				.redirectErrorStream(true)
				.redirectOutput(output)
				.start();
			assertThat(process.waitFor(3, TimeUnit.MINUTES)).isTrue();
			String log = Files.readString(output.toPath(), StandardCharsets.UTF_8);
			System.out.println(log);
			assertThat(process.exitValue()).as(log).isZero();
			assertThat(log).contains("iterated " + entries);
		}
		finally {
			output.delete();
		}
	}

	// ---- equals, hashCode, toString ----

	@Test
	void equalsAndHashCodeFollowMap() {
		this.tel.putAll(Map.of("a", 1, "b", 2));
		assertThat(this.tel).isEqualTo(Map.of("a", 1, "b", 2));
		assertThat(Map.of("a", 1, "b", 2)).isEqualTo(this.tel);
		assertThat(this.tel.hashCode()).isEqualTo(Map.of("a", 1, "b", 2).hashCode());
		assertThat(this.tel).isNotEqualTo(Map.of("a", 1));
	}

	@Test
	void toStringShowsStoredJsonPotteryStyle() {
		this.tel.put("jack", 4098);
		assertThat(this.tel).hasToString("RedisMap{\"jack\": 4098}");
	}

	@Test
	void toStringIsBoundedForHugeMaps() {
		this.tel.putAll(entries(1_000));
		String text = this.tel.toString();
		assertThat(text).startsWith("RedisMap{").endsWith(", ...}");
		assertThat(text.split(", \"")).hasSize(HashRedisMap.TO_STRING_LIMIT);
	}

	// ---- creation and errors ----

	@Test
	void createWithInitialContentsWritesThemAtomically() {
		this.redis.commands().del(this.key);
		RedisMap<String, Integer> created = this.collections.map(this.key, String.class, Integer.class).create(Map.of("jack", 4098, "sape", 4139));
		assertThat(created.toMap()).isEqualTo(Map.of("jack", 4098, "sape", 4139));
	}

	@Test
	void createWithInitialContentsWhenKeyExistsThrowsAndWritesNothing() {
		this.tel.put("jack", 1);
		assertThatExceptionOfType(KeyExistsException.class)
			.isThrownBy(() -> this.collections.map(this.key, String.class, Integer.class).create(Map.of("sape", 4139)))
			.withMessageContaining(this.key);
		assertThat(this.tel.toMap()).containsExactly(Map.entry("jack", 1));
	}

	@Test
	void createWithUnencodableInitialContentsWritesNothing() {
		Map<String, Object> initial = new LinkedHashMap<>();
		initial.put("a", 1);
		initial.put("b", new Object());
		assertThatExceptionOfType(EncodingException.class)
			.isThrownBy(() -> this.collections.map(this.key, String.class, Object.class).create(initial));
		assertThat(this.redis.commands().exists(this.key)).isZero();
	}

	@Test
	void createWithManyInitialEntriesChunksInsideTheScript() {
		RedisMap<String, Integer> created = this.collections.map(this.key, String.class, Integer.class).create(entries(5_000));
		assertThat(created.size()).isEqualTo(5_000);
	}

	@Test
	void wrongTypeIsReportedAndNothingIsOverwritten() {
		this.redis.commands().set(this.key, "a string");
		List<Runnable> operations = List.of(() -> this.tel.get("a"), () -> this.tel.put("a", 1),
				() -> this.tel.set("a", 1), () -> this.tel.putAll(Map.of("a", 1)), () -> this.tel.size(),
				() -> this.tel.keySet().iterator().hasNext(), () -> this.tel.clear(),
				() -> this.tel.merge("a", 1, Integer::sum), () -> this.tel.getAll(List.of("a")));
		for (Runnable operation : operations) {
			assertThatExceptionOfType(WrongTypeException.class).isThrownBy(operation::run)
				.withMessageContaining(this.key)
				.withMessageContaining("string")
				.withMessageContaining("hash");
		}
		assertThat(this.redis.commands().get(this.key)).isEqualTo("a string");
	}

	@Test
	void randomKeyIsUsedWhenNoneIsGiven() {
		RedisMap<String, Integer> random = this.collections.map(null, String.class, Integer.class);
		try {
			random.put("a", 1);
			assertThat(random.key()).startsWith("pottery:");
			assertThat(this.redis.commands().hget(random.key(), "\"a\"")).isEqualTo("1");
		}
		finally {
			random.clear();
		}
	}

	@Test
	void scriptScanFallbackReadsTheSameEntries() {
		this.tel.putAll(entries(3_000));
		HashRedisMap<String, Integer> map = (HashRedisMap<String, Integer>) this.tel;
		Map<String, String> seen = new ConcurrentHashMap<>();
		String cursor = "0";
		do {
			HashCommands.Batch batch = HashCommands.scanWithScript(map.support(), cursor, 1000);
			batch.entries().forEach((field, value) -> seen.put(new String(field, StandardCharsets.UTF_8),
					new String(value, StandardCharsets.UTF_8)));
			cursor = batch.cursor();
		}
		while (!"0".equals(cursor));
		assertThat(seen).hasSize(3_000).containsEntry("\"k7\"", "7");
	}

	private static Map<String, Integer> entries(int count) {
		Map<String, Integer> entries = new LinkedHashMap<>();
		for (int i = 0; i < count; i++) {
			entries.put("k" + i, i);
		}
		return entries;
	}

}
