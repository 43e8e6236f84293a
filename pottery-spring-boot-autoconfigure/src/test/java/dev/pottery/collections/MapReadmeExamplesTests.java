package dev.pottery.collections;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.pottery.Pottery;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's examples for {@code RedisMap}, {@code RedisCounter} and {@code CachedOrderedMap}
 * (README.md), line for line, so that they cannot rot.
 */
@RealRedis
class MapReadmeExamplesTests {

	private final RedisServer redis;

	private final RedisConnectionFactory connectionFactory;

	MapReadmeExamplesTests(RedisServer redis) {
		this.redis = redis;
		this.connectionFactory = redis.connectionFactory();
	}

	@AfterEach
	void deleteKeys() {
		this.redis.commands().del("tel", "letters", "documents");
	}

	@Test
	void tel() {
		Pottery pottery = Pottery.create(this.connectionFactory);
		RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class)
				.create(Map.of("jack", 4098, "sape", 4139));
		tel.put("guido", 4127);
		assertThat(tel.get("jack")).isEqualTo(4098);                    // 4098
		tel.remove("sape");
		tel.put("irv", 4127);
		assertThat(tel.keySet()).containsExactlyInAnyOrder("jack", "guido", "irv");
		assertThat(tel.containsKey("guido")).isTrue();                  // true
		assertThat(tel.containsKey("jack")).isTrue();                   // true
		assertThat(tel.merge("jack", 1, Integer::sum)).isEqualTo(4099); // 4099: atomic, no lost update
		assertThat(tel.putIfAbsent("irv", 1)).isEqualTo(4127);          // 4127: already there
		assertThat(tel.toString()).startsWith("RedisMap{");             // RedisMap{"jack": 4099, ...}
		tel.clear();
	}

	@Test
	void letters() {
		Pottery pottery = Pottery.create(this.connectionFactory);
		RedisCounter<Character> letters = pottery.counter("letters", Character.class);
		for (char letter : "gallahad".toCharArray()) {
			letters.increment(letter);
		}
		assertThat(letters.count('a')).isEqualTo(3);                    // 3
		assertThat(letters.count('z')).isZero();                        // 0, nothing written
		assertThat(letters.mostCommon(2)).containsExactly(Map.entry('a', 3L), Map.entry('l', 2L)); // [a=3, l=2]
		letters.update(List.of('a', 'b', 'c'));                         // one atomic round trip
		letters.subtract(Map.of('a', 4));
		assertThat(letters.count('a')).isZero();                        // 0
		assertThat(letters.total()).isEqualTo(7);                       // 7
		assertThat(letters.plus(Map.of('z', 1))).containsKey('z').doesNotContainKey('a'); // positive counts only
		letters.clear();
	}

	@Test
	void documents() {
		Pottery pottery = Pottery.create(this.connectionFactory);
		RedisMap<Integer, String> cache = pottery.map("documents", Integer.class, String.class);
		cache.put(1, "Document 1");                                     // hydrated by an earlier request

		CachedOrderedMap<Integer, String> results = pottery.cachedOrderedMap(cache, List.of(3, 1, 2));
		Set<Integer> misses = results.misses();                         // [3, 2]: not cached yet
		for (Integer id : misses) {
			results.put(id, "Document " + id);                          // written through to the cache
		}
		List<String> page = new ArrayList<>(results.values());          // in the search engine's order
		assertThat(misses).containsExactly(3, 2);
		assertThat(page).containsExactly("Document 3", "Document 1", "Document 2");
		assertThat(cache.get(2)).isEqualTo("Document 2");
		cache.clear();
	}

}
