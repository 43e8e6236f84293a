package dev.pottery.collections;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import dev.pottery.Pottery;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's examples for sets, lists, deques and simple queues (README.md), mirroring pottery's
 * README, run so that they cannot rot.
 */
@RealRedis
class SetListReadmeExamplesTests {

	private final RedisServer redis;

	private final Pottery pottery;

	SetListReadmeExamplesTests(RedisServer redis) {
		this.redis = redis;
		this.pottery = Pottery.create(redis.connectionFactory());
	}

	@AfterEach
	void deleteKeys() {
		this.redis.commands().del("basket", "squares", "letters", "cars");
	}

	@Test
	void basket() {
		RedisSet<String> basket = pottery.set("basket", String.class)
				.create(List.of("apple", "orange", "apple", "pear", "orange", "banana"));
		assertThat(new TreeSet<>(basket)).containsExactly("apple", "banana", "orange", "pear");
		assertThat(basket.contains("orange")).isTrue();
		assertThat(basket.contains("crabgrass")).isFalse();
		basket.add("tomato");
		assertThat(new TreeSet<>(basket)).containsExactly("apple", "banana", "orange", "pear", "tomato");
		basket.remove("tomato");
		assertThat(basket.containsMany("apple", "tomato")).containsExactly(true, false);
		basket.clear();
	}

	@Test
	void squares() {
		RedisList<Integer> squares = pottery.list("squares", Integer.class).create(List.of(1, 4, 9, 16, 25));
		assertThat(squares).containsExactly(1, 4, 9, 16, 25);
		assertThat(squares.get(0)).isEqualTo(1);
		assertThat(squares.get(squares.size() - 1)).isEqualTo(25);
		assertThat(squares.subList(2, 5)).containsExactly(9, 16, 25);
		squares.addAll(List.of(36, 49, 64, 81, 100));
		assertThat(squares).containsExactly(1, 4, 9, 16, 25, 36, 49, 64, 81, 100);
		squares.clear();
	}

	@Test
	void letters() {
		RedisDeque<String> d = pottery.deque("letters", String.class).create(List.of("g", "h", "i"));
		List<String> upper = new ArrayList<>();
		for (String elem : d) {
			upper.add(elem.toUpperCase(Locale.ROOT));
		}
		assertThat(upper).containsExactly("G", "H", "I");
		d.addLast("j");
		d.addFirst("f");
		assertThat(d).containsExactly("f", "g", "h", "i", "j");
		assertThat(d.pollLast()).isEqualTo("j");
		assertThat(d.pollFirst()).isEqualTo("f");
		assertThat(d).containsExactly("g", "h", "i");
		assertThat(d.peekFirst()).isEqualTo("g");
		assertThat(d.peekLast()).isEqualTo("i");
		d.clear();
	}

	@Test
	void cars() throws InterruptedException {
		RedisSimpleQueue<String> cars = pottery.queue("cars", String.class);
		cars.put("toyota");
		cars.put("honda");
		assertThat(cars.size()).isEqualTo(2);
		assertThat(cars.take()).isEqualTo("toyota");
		assertThat(cars.poll(1, TimeUnit.SECONDS)).isEqualTo("honda");
		assertThat(cars.poll()).isNull();
		cars.clear();
	}

}
