package dev.pottery.collections;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.pottery.Pottery;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the Javadoc of the hash-backed structures in {@code dev.pottery.collections} ({@code RedisMap},
 * {@code RedisCounter}, {@code CachedOrderedMap} and their {@code Pottery} factory methods), run so that
 * they cannot rot.
 */
@RealRedis
class JavadocExamplesTests {

	private final RedisServer redis;

	private final Pottery pottery;

	JavadocExamplesTests(RedisServer redis) {
		this.redis = redis;
		this.pottery = Pottery.create(redis.connectionFactory());
	}

	@AfterEach
	void deleteKeys() {
		this.redis.commands().del("tel", "scores", "raj", "letters", "words", "c", "documents");
	}

	@Test
	void redisCollections() {
		Pottery pottery = Pottery.create(this.redis.connectionFactory());
		RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class);
		tel.put("jack", 4098);
		assertThat(tel.get("jack")).isEqualTo(4098);
	}

	@Test
	void redisMap() {
		RedisMap<String, Integer> tel = this.pottery.map("tel", String.class, Integer.class);
		tel.put("jack", 4098);
		tel.putIfAbsent("sape", 4139);
		assertThat(tel.merge("jack", 1, Integer::sum)).isEqualTo(4099);
		assertThat(tel.key()).isEqualTo("tel");
		tel.set("guido", 4127);
		Map<String, Integer> some = tel.getAll(List.of("jack", "nobody"));
		assertThat(some).isEqualTo(Map.of("jack", 4099));
		Map<String, Integer> copy = tel.toMap();
		assertThat(copy).containsOnlyKeys("jack", "sape", "guido");
	}

	@Test
	void mapFactories() {
		RedisMap<String, List<Integer>> scores = this.pottery.map("scores", new ParameterizedTypeReference<String>() {
				}, new ParameterizedTypeReference<List<Integer>>() {
				});
		scores.put("ann", List.of(1, 2));
		assertThat(scores.get("ann")).containsExactly(1, 2);
		RedisMap<Object, Object> raj = this.pottery.map("raj");
		raj.put("hobbies", List.of("coding"));
		assertThat(raj.get("hobbies")).isEqualTo(List.of("coding"));
		RedisMap<String, Integer> tel = this.pottery.map("tel", String.class, Integer.class).create(Map.of("jack", 4098, "sape", 4139));
		assertThat(tel).hasSize(2);
	}

	@Test
	void redisCounter() {
		RedisCounter<Character> letters = this.pottery.counter("letters", Character.class);
		"hello world".chars().forEach((c) -> letters.increment((char) c));
		assertThat(letters.count('l')).isEqualTo(3);
		assertThat(letters.mostCommon(1)).containsExactly(Map.entry('l', 3L));
		long zeros = letters.count('z');
		assertThat(zeros).isZero();
		letters.increment('a');
		letters.update(Map.of('a', 2, 'b', -1));
		letters.update(List.of('a', 'a', 'b'));
		assertThat(letters.count('a')).isEqualTo(5);
		List<Map.Entry<Character, Long>> top = letters.mostCommon(3);
		assertThat(top).hasSize(3);
		String sorted = letters.elements().map(String::valueOf).sorted().collect(Collectors.joining());
		assertThat(sorted).isEqualTo(" aaaaadehllloorw");
		Map<Character, Long> sum = letters.plus(Map.of('a', 1L));
		assertThat(sum).containsEntry('a', 6L);
	}

	@Test
	void counterFactories() {
		RedisCounter<String> words = this.pottery.counter("words", String.class);
		assertThat(words.count("x")).isZero();
		RedisCounter<String> c = this.pottery.counter("c", String.class).create(Map.of("a", 4, "b", 2));
		assertThat(c.total()).isEqualTo(6);
		this.redis.commands().del("c");
		RedisCounter<String> counted = this.pottery.counter("c", String.class).create(List.of("a", "a", "b"));
		assertThat(counted.toMap()).containsOnly(Map.entry("a", 2L), Map.entry("b", 1L));
	}

	@Test
	void cachedOrderedMap() {
		Map<Integer, String> database = Map.of(1, "one", 2, "two", 3, "three");
		RedisMap<Integer, String> cache = this.pottery.map("documents", Integer.class, String.class);
		cache.put(1, "one");
		CachedOrderedMap<Integer, String> docs = this.pottery.cachedOrderedMap(cache, List.of(3, 1, 2));
		Set<Integer> toLoad = docs.misses();
		assertThat(toLoad).containsExactly(3, 2);
		docs.misses().forEach((id) -> docs.put(id, database.get(id)));
		List<String> ordered = List.copyOf(docs.values());
		assertThat(ordered).containsExactly("three", "one", "two");
	}

}
