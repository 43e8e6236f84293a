package dev.pottery.id;

import java.time.Duration;

import dev.pottery.lock.Masters;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples in this package's Javadoc and in the README, compiled and run.
 */
@RealRedis(servers = 3)
class JavadocExamplesTests {

	private final RedisServers servers;

	JavadocExamplesTests(RedisServers servers) {
		this.servers = servers;
	}

	@AfterEach
	void deleteKeys() {
		this.servers.forEach((server) -> server.commands().del("nextid:tweet-ids", "nextid:current"));
	}

	@Test
	void nextId() {
		try (Masters masters = Masters.of(this.servers.urls())) {
			// NextId
			NextId tweetIds = NextId.of(masters, "tweet-ids");
			long first = tweetIds.getAsLong();     // 1 on a fresh key
			long second = tweetIds.next();         // 2
			assertThat(first).isEqualTo(1);
			assertThat(second).isEqualTo(2);
		}
	}

	@Test
	void reactiveNextId() {
		try (Masters masters = Masters.of(this.servers.urls())) {
			// ReactiveNextId
			ReactiveNextId tweetIds = ReactiveNextId.of(masters, "tweet-ids");
			Mono<Long> id = tweetIds.next();
			assertThat(id.block()).isEqualTo(1);
		}
	}

	@Test
	void nextIdOptions() {
		// NextIdOptions
		NextIdOptions options = NextIdOptions.builder().numTries(5).masterTimeout(Duration.ofMillis(100)).raiseOnRedisErrors(false).build();
		NextIdOptions blocks = NextIdOptions.defaults().toBuilder().blockSize(1000).build();
		try (Masters masters = Masters.of(this.servers.urls())) {
			assertThat(NextId.of(masters, "tweet-ids", options).getAsLong()).isEqualTo(1);
			// README: block reservation
			NextId orderIds = NextId.of(masters, "order-ids", blocks);   // one parallel round trip per 1,000 ids
			assertThat(orderIds.getAsLong()).isEqualTo(1);
			assertThat(orderIds.getAsLong()).isEqualTo(2);
		}
		finally {
			this.servers.forEach((server) -> server.commands().del("nextid:order-ids"));
		}
	}

	@Test
	void readmeDefaultKeyAndReset() {
		try (Masters masters = Masters.of(this.servers.urls())) {
			// README: pottery's default key (nextid:current) and reset
			NextId ids = NextId.of(masters);
			ids.next();
			ids.reset();                           // every master must answer
			assertThat(ids.next()).isEqualTo(1);
		}
	}

}
