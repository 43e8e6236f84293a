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

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pottery 3.0.1 features beyond the JDK interfaces (issue 11 item 7), as the README's "pottery extras" section shows
 * them: set symmetric difference and proper subset/superset, counter unary plus/minus and in-place arithmetic,
 * {@code toString} with the type name, snapshot helpers.
 */
@RealRedis
class PotteryFeaturesReadmeTests {

	private final RedisServer redis;

	private final Pottery pottery;

	PotteryFeaturesReadmeTests(RedisServer redis) {
		this.redis = redis;
		this.pottery = Pottery.create(redis.connectionFactory());
	}

	@AfterEach
	void deleteKeys() {
		this.redis.commands().del("fruit", "inventory", "squares", "recent");
	}

	@Test
	void setExtras() {
		Pottery pottery = this.pottery;
		RedisSet<String> fruit = pottery.set("fruit", String.class).create(List.of("apple", "orange", "pear"));
		assertThat(fruit.symmetricDifference(Set.of("apple", "kiwi"))).containsExactlyInAnyOrder("orange", "pear",
				"kiwi");
		assertThat(fruit.isProperSubsetOf(Set.of("apple", "orange", "pear", "kiwi"))).isTrue();
		assertThat(fruit.isProperSubsetOf(Set.of("apple", "orange", "pear"))).isFalse();
		assertThat(fruit.isProperSupersetOf(Set.of("apple"))).isTrue();
		assertThat(fruit.isProperSupersetOf(Set.of("apple", "orange", "pear"))).isFalse();
		assertThat(fruit.toSet()).containsExactlyInAnyOrder("apple", "orange", "pear");
		assertThat(fruit.toString()).startsWith("RedisSet{").contains("\"pear\"").endsWith("}");
	}

	@Test
	void setExtrasAgainstAnotherRedisSet() {
		RedisSet<Integer> a = this.pottery.set(this.redis.newKey(), Integer.class).create(List.of(1, 2, 3));
		RedisSet<Integer> b = this.pottery.set(this.redis.newKey(), Integer.class).create(List.of(2, 3));
		try {
			assertThat(a.symmetricDifference(b)).containsExactly(1);
			assertThat(b.isProperSubsetOf(a)).isTrue();
			assertThat(a.isProperSupersetOf(b)).isTrue();
			assertThat(a.isProperSupersetOf(a)).isFalse();
		}
		finally {
			a.clear();
			b.clear();
		}
	}

	@Test
	void counterExtras() {
		Pottery pottery = this.pottery;
		RedisCounter<String> inventory = pottery.counter("inventory", String.class);
		inventory.update(Map.of("apples", 3L, "pears", -2L));
		assertThat(inventory.positive()).isEqualTo(Map.of("apples", 3L));
		assertThat(inventory.negative()).isEqualTo(Map.of("pears", 2L));
		inventory.plusInPlace(Map.of("apples", 1L, "kiwis", 2L));
		assertThat(inventory.toMap()).isEqualTo(Map.of("apples", 4L, "kiwis", 2L));
		inventory.minusInPlace(Map.of("kiwis", 2L));
		assertThat(inventory.toMap()).isEqualTo(Map.of("apples", 4L));
		inventory.unionInPlace(Map.of("apples", 2L, "plums", 5L));
		assertThat(inventory.toMap()).isEqualTo(Map.of("apples", 4L, "plums", 5L));
		inventory.intersectionInPlace(Map.of("plums", 1L));
		assertThat(inventory.toMap()).isEqualTo(Map.of("plums", 1L));
		assertThat(this.redis.commands().hgetall("inventory")).isEqualTo(Map.of("\"plums\"", "1"));
	}

	@Test
	void counterInPlaceArithmeticIsExactFor64BitCounts() {
		RedisCounter<String> counter = this.pottery.counter(this.redis.newKey(), String.class);
		try {
			counter.update(Map.of("big", Long.MAX_VALUE - 1, "small", 1L));
			counter.unionInPlace(Map.of("big", Long.MAX_VALUE));
			assertThat(counter.count("big")).isEqualTo(Long.MAX_VALUE);
			counter.intersectionInPlace(Map.of("big", Long.MAX_VALUE - 7, "small", 1L));
			assertThat(counter.toMap()).isEqualTo(Map.of("big", Long.MAX_VALUE - 7, "small", 1L));
			counter.minusInPlace(Map.of("small", 0L));
			assertThat(counter.count("small")).isEqualTo(1);
			org.assertj.core.api.Assertions.assertThatExceptionOfType(ArithmeticException.class)
				.isThrownBy(() -> counter.plusInPlace(Map.of("small", 1L, "big", 100L)));
			assertThat(counter.toMap()).isEqualTo(Map.of("big", Long.MAX_VALUE - 7, "small", 1L));
		}
		finally {
			counter.clear();
		}
	}

	@Test
	void toStringLikePotteryRepr() {
		Pottery pottery = this.pottery;
		RedisList<Integer> squares = pottery.list("squares", Integer.class).create(List.of(1, 4, 9));
		assertThat(squares.toString()).isEqualTo("RedisList[1, 4, 9]");
		RedisDeque<String> recent = pottery.deque("recent", 3, String.class).create(List.of("a", "b", "c"));
		assertThat(recent.toString()).isEqualTo("RedisDeque([\"a\", \"b\", \"c\"], maxlen=3)");
		List<Integer> copy = new ArrayList<>(squares.toList());
		assertThat(copy).containsExactly(1, 4, 9);
		assertThat(pottery.deque(this.redis.newKey(), String.class)).hasToString("RedisDeque([])");
	}

	@Test
	void toStringShowsAtMost100Elements() {
		RedisList<Integer> list = this.pottery.list(this.redis.newKey(), Integer.class);
		try {
			List<Integer> many = new ArrayList<>();
			for (int i = 0; i < 150; i++) {
				many.add(i);
			}
			list.addAll(many);
			assertThat(list.toString()).startsWith("RedisList[0, 1, 2").endsWith("98, 99, ...]");
		}
		finally {
			list.clear();
		}
	}

}
