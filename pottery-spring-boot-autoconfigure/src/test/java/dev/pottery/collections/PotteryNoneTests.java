package dev.pottery.collections;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pottery.EncodingException;
import dev.pottery.Pottery;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Python pottery stores {@code None} keys, values, elements and items as the JSON {@code null} (wire-format.md
 * §1.2, §2.1): each test writes exactly those bytes with raw Redis commands, as pottery 3.0.1 writes them, and reads
 * them with the Java structure, whose null rule its Javadoc states.
 */
@RealRedis
class PotteryNoneTests extends RedisCollectionsTestSupport {

	PotteryNoneTests(RedisServer redis) {
		super(redis);
	}

	// ---- the README example ----

	@Test
	void readmeExample() throws InterruptedException {
		Pottery pottery = this.collections;
		try {
			RedisMap<String, Integer> ages = pottery.map("ages", String.class, Integer.class);
			ages.put("guido", null);
			assertThat(this.redis.commands().hget("ages", "\"guido\"")).isEqualTo("null");
			assertThat(ages.containsKey("guido")).isTrue();
			assertThat(ages.get("guido")).isNull();
			assertThat(ages.getOrDefault("guido", 0)).isNull();
			assertThat(ages.getOrDefault("tim", 0)).isEqualTo(0);
			ages.put(null, 1);
			assertThat(this.redis.commands().hget("ages", "null")).isEqualTo("1");
			assertThat(ages.merge("guido", 68, Integer::sum)).isEqualTo(68);
			RedisSimpleQueue<String> jobs = pottery.queue("jobs", String.class);
			jobs.put("build");
			assertThat(jobs.poll()).isEqualTo("build");
			assertThat(jobs.poll()).isNull();
			// a deque holding a pottery None: a null element when iterated (the table's RedisDeque row)
			String dequeKey = newKey();
			this.redis.commands().rpush(dequeKey, "1", "null");
			assertThat(pottery.deque(dequeKey, Integer.class).toList()).containsExactly(1, null);
		}
		finally {
			this.redis.commands().del("ages", "jobs");
		}
	}

	// ---- RedisMap: null keys and values, as HashMap ----

	@Test
	void mapReadsPotteryNoneKeysAndValues() {
		String key = newKey();
		// d = RedisDict(key=key); d[None] = 1; d['a'] = None; d['b'] = 2
		this.redis.commands().hset(key, Map.of("null", "1", "\"a\"", "null", "\"b\"", "2"));
		RedisMap<@Nullable String, @Nullable Integer> map = this.collections.map(key, String.class, Integer.class);
		Map<@Nullable String, @Nullable Integer> expected = new HashMap<>();
		expected.put(null, 1);
		expected.put("a", null);
		expected.put("b", 2);
		assertThat(map.toMap()).isEqualTo(expected);
		assertThat(new HashMap<>(map)).isEqualTo(expected);
		assertThat(map.entrySet()).hasSize(3);
		assertThat(map.keySet()).containsExactlyInAnyOrder(null, "a", "b");
		assertThat(map.values()).containsExactlyInAnyOrder(1, null, 2);
		assertThat(map.get(null)).isEqualTo(1);
		assertThat(map.containsKey(null)).isTrue();
		assertThat(map.get("a")).isNull();
		assertThat(map.containsKey("a")).isTrue();
		assertThat(map.containsValue(null)).isTrue();
		assertThat(map.getOrDefault("a", 7)).isNull();
		assertThat(map.getOrDefault("zzz", 7)).isEqualTo(7);
		assertThat(map.getAll(Arrays.asList(null, "a", "zzz"))).containsOnlyKeys(null, "a");
		assertThat(map.entrySet()).contains(new java.util.AbstractMap.SimpleEntry<>("a", null));
		assertThat(map).isEqualTo(expected);
	}

	@Test
	void mapWritesNoneAsPotteryDoes() {
		String key = newKey();
		RedisMap<@Nullable String, @Nullable Integer> map = this.collections.map(key, String.class, Integer.class);
		map.put(null, 1);
		map.set("a", null);
		assertThat(this.redis.commands().hgetall(key)).containsOnly(Map.entry("null", "1"), Map.entry("\"a\"", "null"));
		assertThat(map.remove(null)).isEqualTo(1);
		assertThat(map.remove("a", null)).isTrue();
		assertThat(map).isEmpty();
	}

	@Test
	void mapNullValueFollowsTheMapContract() {
		String key = newKey();
		this.redis.commands().hset(key, Map.of("\"a\"", "null", "\"b\"", "null", "\"c\"", "null", "\"d\"", "null",
				"\"e\"", "null", "\"f\"", "null"));
		RedisMap<String, @Nullable Integer> map = this.collections.map(key, String.class, Integer.class);
		// ConcurrentMap: present
		assertThat(map.putIfAbsent("a", 1)).isNull();
		assertThat(this.redis.commands().hget(key, "\"a\"")).isEqualTo("null");
		assertThat(map.replace("b", 2)).isNull();
		assertThat(map.get("b")).isEqualTo(2);
		assertThat(map.replace("c", null, 3)).isTrue();
		assertThat(map.get("c")).isEqualTo(3);
		// Map: computeIfAbsent and merge treat null as absent, computeIfPresent skips it, a null result removes
		assertThat(map.computeIfAbsent("d", (k) -> 4)).isEqualTo(4);
		assertThat(map.merge("e", 5, Integer::sum)).isEqualTo(5);
		assertThat(map.computeIfPresent("f", (k, v) -> 6)).isNull();
		assertThat(map.containsKey("f")).isTrue();
		assertThat(map.compute("f", (k, v) -> (v == null) ? null : 0)).isNull();
		assertThat(map.containsKey("f")).isFalse();
		assertThatNullPointerException().isThrownBy(() -> map.merge("a", null, (a, b) -> a));
		assertThat(this.redis.commands().hgetall(key)).containsOnly(Map.entry("\"a\"", "null"),
				Map.entry("\"b\"", "2"), Map.entry("\"c\"", "3"), Map.entry("\"d\"", "4"), Map.entry("\"e\"", "5"));
	}

	// ---- RedisCounter: the None element ----

	@Test
	void counterCountsThePotteryNoneElement() {
		String key = newKey();
		// c = RedisCounter(key=key); c.update([None, None, 'a'])
		this.redis.commands().hset(key, Map.of("null", "2", "\"a\"", "1"));
		RedisCounter<@Nullable String> counter = this.collections.counter(key, String.class);
		assertThat(counter.count(null)).isEqualTo(2);
		assertThat(counter.increment(null)).isEqualTo(3);
		Map<@Nullable String, Long> expected = new LinkedHashMap<>();
		expected.put(null, 3L);
		expected.put("a", 1L);
		assertThat(counter.toMap()).isEqualTo(expected);
		assertThat(counter.mostCommon(1)).containsExactly(new java.util.AbstractMap.SimpleEntry<>(null, 3L));
		assertThatNullPointerException().isThrownBy(() -> counter.put("a", null));
	}

	// ---- CachedOrderedMap: a cached None is a hit ----

	@Test
	void cachedOrderedMapOpensACacheHoldingNone() {
		String key = newKey();
		this.redis.commands().hset(key, Map.of("1", "\"one\"", "2", "null"));
		RedisMap<Integer, @Nullable String> cache = this.collections.map(key, Integer.class, String.class);
		CachedOrderedMap<Integer, @Nullable String> docs = this.collections.cachedOrderedMap(cache, List.of(3, 2, 1));
		assertThat(docs.misses()).containsExactly(3);
		assertThat(new ArrayList<>(docs.keySet())).containsExactly(3, 2, 1);
		assertThat(new ArrayList<>(docs.values())).containsExactly(null, null, "one");
		assertThat(docs.putIfAbsent(2, "two")).isNull();
		assertThat(this.redis.commands().hget(key, "2")).isEqualTo("null");
		docs.put(3, null);
		assertThat(docs.misses()).isEmpty();
		assertThat(this.redis.commands().hget(key, "3")).isEqualTo("null");
	}

	// ---- RedisSet and RedisList: null is an element ----

	@Test
	void setAndListReadPotteryNone() {
		String setKey = newKey();
		this.redis.commands().sadd(setKey, "null", "1");
		RedisSet<@Nullable Integer> set = this.collections.set(setKey, Integer.class);
		assertThat(set).containsExactlyInAnyOrder(null, 1);
		assertThat(set.contains(null)).isTrue();
		String listKey = newKey();
		this.redis.commands().rpush(listKey, "1", "null");
		RedisList<@Nullable Integer> list = this.collections.list(listKey, Integer.class);
		assertThat(list).containsExactly(1, null);
		assertThat(list.get(1)).isNull();
		assertThat(list.indexOf(null)).isEqualTo(1);
	}

	// ---- RedisDeque: None is never returned as "empty", nor lost ----

	@Test
	void dequeRefusesPotteryNoneAtAnEndAndKeepsIt() {
		String key = newKey();
		// d = RedisDeque([None, 1, None], key=key)
		this.redis.commands().rpush(key, "null", "1", "null");
		RedisDeque<Integer> deque = this.collections.deque(key, Integer.class);
		assertThatExceptionOfType(EncodingException.class).isThrownBy(deque::pollFirst)
			.withMessageContaining(key)
			.withMessageContaining("None");
		assertThatExceptionOfType(EncodingException.class).isThrownBy(deque::pollLast);
		assertThatExceptionOfType(EncodingException.class).isThrownBy(deque::peekFirst);
		assertThatExceptionOfType(EncodingException.class).isThrownBy(deque::peekLast);
		assertThat(this.redis.commands().lrange(key, 0, -1)).containsExactly("null", "1", "null");
		assertThat(deque.toList()).containsExactly(null, 1, null);
		this.collections.list(key, Integer.class).remove(0);
		assertThat(deque.pollFirst()).isEqualTo(1);
	}

	// ---- RedisSimpleQueue: None is never returned as "empty" ----

	@Test
	void queueNeverReturnsPotteryNoneAsEmpty() {
		String key = newKey();
		// a Python producer: XADD key * item null, then XADD key * item 5
		this.redis.commands().xadd(key, Map.of("item", "null"));
		this.redis.commands().xadd(key, Map.of("item", "5"));
		RedisSimpleQueue<Integer> queue = this.collections.queue(key, Integer.class);
		List<Integer> polled = new ArrayList<>();
		for (int attempt = 0; attempt < 3 && polled.isEmpty(); attempt++) {
			try {
				Integer item = queue.poll();
				assertThat(item).as("poll() returned null while the queue held entries").isNotNull();
				polled.add(item);
			}
			catch (EncodingException ex) {
				assertThat(ex).hasMessageContaining(key).hasMessageContaining("None");
			}
		}
		assertThat(polled).containsExactly(5);
	}

}
