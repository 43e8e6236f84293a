package dev.pottery.collections;

import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.pottery.Pottery;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the Javadoc of {@link RedisSet}, {@link RedisList}, {@link RedisDeque} and
 * {@link RedisSimpleQueue}, run so that they cannot rot.
 */
@RealRedis
class SetListJavadocExamplesTests {

	private final RedisServer redis;

	private final Pottery pottery;

	SetListJavadocExamplesTests(RedisServer redis) {
		this.redis = redis;
		this.pottery = Pottery.create(redis.connectionFactory());
	}

	@AfterEach
	void deleteKeys() {
		this.redis.commands().del("basket", "cart", "squares", "letters", "cars");
	}

	@Test
	void redisSet() {
		RedisSet<String> basket = pottery.set("basket", String.class).create(List.of("apple", "orange", "pear"));
		assertThat(basket.contains("orange")).isTrue();
		assertThat(basket.containsMany("apple", "banana")).containsExactly(true, false);
		assertThat(basket.union(pottery.set("cart", String.class))).containsExactlyInAnyOrder("apple", "orange",
				"pear");
	}

	@Test
	void redisList() {
		RedisList<Integer> squares = pottery.list("squares", Integer.class).create(List.of(1, 4, 9, 16, 25));
		assertThat(squares.get(2)).isEqualTo(9);
		squares.add(36);
		assertThat(squares.subList(0, 2)).containsExactly(1, 4);
	}

	@Test
	void redisDeque() {
		RedisDeque<String> letters = pottery.deque("letters", String.class).create(List.of("g", "h", "i"));
		letters.addLast("j");
		letters.addFirst("f");
		letters.rotate(1);
		assertThat(letters).containsExactly("j", "f", "g", "h", "i");
	}

	@Test
	void redisSimpleQueue() throws InterruptedException {
		RedisSimpleQueue<String> cars = pottery.queue("cars", String.class);
		cars.put("toyota");
		String car = cars.take();
		String next = cars.poll(1, TimeUnit.SECONDS);
		assertThat(car).isEqualTo("toyota");
		assertThat(next).isNull();
	}

}
