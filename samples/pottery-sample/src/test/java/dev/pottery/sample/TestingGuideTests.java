package dev.pottery.sample;

import dev.pottery.collections.RedisMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.data.redis.core.StringRedisTemplate;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README's "Testing an application that uses Pottery": a {@code @SpringBootTest} on embedded Redis, with a key
 * prefix so that one {@code @AfterEach} deletes every key Pottery created, whichever test method ran first.
 */
@SpringBootTest(properties = { "pottery.embedded.enabled=true", "pottery.key-prefix=test:" })
class TestingGuideTests {

	@Autowired
	@Qualifier("tel")
	RedisMap<String, Integer> tel;

	@Autowired
	StringRedisTemplate redis;

	@AfterEach
	void deletePotteryKeys() {
		redis.delete(redis.keys("*test:*"));   // test:tel, test:fx-rates, redlock:test:..., nextid:test:...
	}

	@Test
	void firstTestWrites() {
		assertThat(tel).isEmpty();
		tel.put("jack", 4098);
		assertThat(redis.hasKey("test:tel")).isTrue();
	}

	@Test
	void secondTestStartsClean() {
		assertThat(tel).isEmpty();
		tel.put("sape", 4139);
		assertThat(tel.toMap()).containsOnlyKeys("sape");
	}

}
