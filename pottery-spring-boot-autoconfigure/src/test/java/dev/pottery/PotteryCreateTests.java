package dev.pottery;

import java.time.Duration;

import dev.pottery.collections.RedisMap;
import dev.pottery.collections.RedisSet;
import dev.pottery.lock.Redlock;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

/**
 * {@link Pottery} outside Spring Boot: from a URL (owning its connections) and from a connection factory (opening
 * the masters only when a lock or id needs them), and the untyped forms agreeing with each other.
 */
@RealRedis
class PotteryCreateTests {

	private final RedisServer redis;

	private final String url;

	PotteryCreateTests(RedisServer redis) {
		this.redis = redis;
		this.url = redis.url();
	}

	@AfterEach
	void deleteKeys() {
		this.redis.commands().del("tel", "redlock:printer", "tags", "untyped-map", "untyped-deque");
	}

	@Test
	void fromAUrlOwnsItsConnections() throws Exception {
		String url = this.url + "?clientName=create-test";
		try (Pottery pottery = Pottery.create(url)) {   // for example "redis://localhost:6379"
			RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class);
			tel.put("jack", 4098);
			try (Redlock.Held held = pottery.redlock("printer").acquire()) {
				// the same server is the only Redlock master
				assertThat(this.redis.commands().exists("redlock:printer")).isOne();
			}
			assertThat(this.redis.commands().hget("tel", "\"jack\"")).isEqualTo("4098");
			assertThat(this.redis.commands().clientList()).contains("name=create-test-pottery");
		}
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.redis.commands().clientList()).doesNotContain("name=create-test"));
	}

	@Test
	void fromAUrlRunsOnAConnectionThatDoesNotResendUnansweredCommands() throws Exception {
		try (Pottery pottery = Pottery.create(this.url)) {
			assertThat(pottery.connectionFactory().getClass().getName())
				.isEqualTo("dev.pottery.internal.PotteryConnection$Factory");
		}
	}

	@Test
	void aBadUrlNamesItWithoutThePassword() {
		assertThatIllegalArgumentException().isThrownBy(() -> Pottery.create("redis://bob:s3cret@localhost:notaport"))
			.withMessageContaining("redis://bob:****@localhost:notaport")
			.withMessageNotContaining("s3cret");
	}

	@Test
	void fromAConnectionFactoryOpensTheMastersOnlyForLocksAndClosesOnlyThem() throws Exception {
		Pottery pottery = Pottery.create(this.redis.connectionFactory());
		pottery.set("tags", String.class).add("a");
		assertThat(pottery.toString()).contains("Masters[not opened yet]");
		assertThat(pottery.redlock("printer").tryLock()).isTrue();
		assertThat(pottery.toString()).contains(this.redis.url().replaceFirst("^redis://", ""));
		pottery.close();
		// the factory it was given stays open
		assertThat(pottery.set("tags", String.class)).containsExactly("a");
	}

	@Test
	void untypedFormsDecodeAlike() throws Exception {
		try (Pottery pottery = Pottery.create(this.url)) {
			pottery.map("untyped-map").put("k", 1);
			pottery.deque("untyped-deque", 2).create(java.util.List.of(1, "two", 3));
			assertThat(pottery.map("untyped-map").get("k")).isEqualTo(1);
			assertThat(pottery.deque("untyped-deque", 2)).containsExactly("two", 3);
			assertThat(pottery.set("tags")).isEmpty();
			RedisSet<Object> typed = pottery.set("tags", new ParameterizedTypeReference<Object>() {
			});
			typed.add(1.5);
			assertThat(pottery.set("tags")).containsExactly(1.5);
		}
	}

}
