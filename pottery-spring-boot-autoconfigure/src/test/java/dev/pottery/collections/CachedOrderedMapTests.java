package dev.pottery.collections;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

/**
 * Behaviour of {@link CachedOrderedMap} against a real Redis.
 */
@RealRedis
class CachedOrderedMapTests extends RedisCollectionsTestSupport {

	private String key;

	private RedisMap<Integer, String> cache;

	CachedOrderedMapTests(RedisServer redis) {
		super(redis);
	}

	@BeforeEach
	void fillCache() {
		this.key = newKey();
		this.cache = this.collections.map(this.key, Integer.class, String.class);
		this.cache.putAll(Map.of(1, "one", 3, "three"));
	}

	@Test
	void hitsAreLoadedWithOneHmget() {
		CommandStats stats = CommandStats.start(this.redis.commands());
		CachedOrderedMap<Integer, String> docs = this.collections.cachedOrderedMap(this.cache, List.of(3, 2, 1, 4));
		assertThat(stats.since()).containsExactly(Map.entry("hmget", 1L));
		assertThat(docs.get(3)).isEqualTo("three");
		assertThat(docs.get(1)).isEqualTo("one");
	}

	@Test
	void missesListTheRestInOrder() {
		CachedOrderedMap<Integer, String> docs = this.collections.cachedOrderedMap(this.cache, List.of(4, 3, 2, 1));
		assertThat(docs.misses()).containsExactly(4, 2);
		assertThat(docs.containsKey(4)).isTrue();
		assertThat(docs.get(4)).isNull();
	}

	@Test
	void iterationKeepsTheGivenOrderIncludingMisses() {
		CachedOrderedMap<Integer, String> docs = this.collections.cachedOrderedMap(this.cache, List.of(3, 2, 1, 3));
		assertThat(new ArrayList<>(docs.keySet())).containsExactly(3, 2, 1);
		assertThat(new ArrayList<>(docs.values())).containsExactly("three", null, "one");
	}

	@Test
	void putWritesThroughAndRemovesTheMiss() {
		CachedOrderedMap<Integer, String> docs = this.collections.cachedOrderedMap(this.cache, List.of(3, 2, 1));
		CommandStats stats = CommandStats.start(this.redis.commands());
		assertThat(docs.put(2, "two")).isNull();
		assertThat(stats.since()).containsExactly(Map.entry("hset", 1L));
		assertThat(docs.misses()).isEmpty();
		assertThat(this.redis.commands().hget(this.key, "2")).isEqualTo("\"two\"");
		assertThat(new ArrayList<>(docs.values())).containsExactly("three", "two", "one");
		assertThat(this.collections.cachedOrderedMap(this.cache, List.of(2)).misses()).isEmpty();
	}

	@Test
	void putAllWritesThroughInOneRoundTrip() {
		CachedOrderedMap<Integer, String> docs = this.collections.cachedOrderedMap(this.cache, List.of(5, 6));
		CommandStats stats = CommandStats.start(this.redis.commands());
		docs.putAll(Map.of(5, "five", 6, "six"));
		assertThat(stats.total()).isEqualTo(1);
		assertThat(docs.misses()).isEmpty();
		assertThat(this.cache.get(6)).isEqualTo("six");
	}

	@Test
	void putIfAbsentPrefersTheValueAlreadyCached() {
		CachedOrderedMap<Integer, String> docs = this.collections.cachedOrderedMap(this.cache, List.of(2));
		this.cache.put(2, "cached elsewhere");
		assertThat(docs.putIfAbsent(2, "mine")).isEqualTo("cached elsewhere");
		assertThat(docs.get(2)).isEqualTo("cached elsewhere");
		assertThat(docs.misses()).isEmpty();
	}

	@Test
	void entrySetValueWritesThrough() {
		CachedOrderedMap<Integer, String> docs = this.collections.cachedOrderedMap(this.cache, List.of(2));
		Map.Entry<Integer, String> entry = docs.entrySet().iterator().next();
		entry.setValue("two");
		assertThat(docs.get(2)).isEqualTo("two");
		assertThat(this.cache.get(2)).isEqualTo("two");
		assertThat(docs.misses()).isEmpty();
	}

	@Test
	void removeIsLocalOnly() {
		CachedOrderedMap<Integer, String> docs = this.collections.cachedOrderedMap(this.cache, List.of(1, 2));
		docs.remove(1);
		Iterator<Map.Entry<Integer, String>> it = docs.entrySet().iterator();
		it.next();
		it.remove();
		assertThat(docs).isEmpty();
		assertThat(docs.misses()).isEmpty();
		assertThat(this.cache.get(1)).isEqualTo("one");
	}

	@Test
	void nullKeysAreRejectedAndNullValuesCached() {
		CachedOrderedMap<Integer, String> docs = this.collections.cachedOrderedMap(this.cache, List.of(1));
		docs.put(2, null);
		assertThat(docs.cache().containsKey(2)).isTrue();
		assertThatNullPointerException().isThrownBy(() -> docs.put(null, "x"));
		assertThatNullPointerException()
			.isThrownBy(() -> this.collections.cachedOrderedMap(this.cache, java.util.Arrays.asList(1, null)));
	}

	@Test
	void openedByCacheKey() {
		CachedOrderedMap<Integer, String> docs = this.collections.cachedOrderedMap(this.collections.map(this.key, Integer.class, String.class), List.of(1));
		assertThat(docs).containsExactly(Map.entry(1, "one"));
		assertThat(docs.cache().key()).isEqualTo(this.key);
	}

}
