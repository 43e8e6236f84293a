package dev.pottery.id;

import java.time.Duration;

import dev.pottery.test.QuorumTestSupport;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Flux;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactiveNextId} with {@link StepVerifier}, on 5 real masters.
 */
@RealRedis(servers = 5)
class ReactiveNextIdTests extends QuorumTestSupport {

	ReactiveNextIdTests(RedisServers servers) {
		super(servers);
	}

	@AfterEach
	void deleteKey() {
		this.servers.forEach((server) -> server.commands().del("nextid:" + this.name));
	}

	@Test
	void nextIsColdAndIssuesIncreasingIds() {
		ReactiveNextId ids = ReactiveNextId.of(masters, this.name, NextIdTests.OPTIONS);
		StepVerifier.create(ids.next()).expectNext(1L).verifyComplete();
		StepVerifier.create(ids.next().repeat(2)).expectNext(2L, 3L, 4L).verifyComplete();
		assertThat(this.servers.get(0).commands().get("nextid:" + this.name)).isEqualTo("4");
	}

	@Test
	void concurrentSubscriptionsGetDistinctIds() {
		ReactiveNextId ids = ReactiveNextId.of(masters, this.name, NextIdOptions.builder().numTries(3).masterTimeout(Duration.ofSeconds(1)).raiseOnRedisErrors(false).build());
		StepVerifier.create(Flux.range(0, 50).flatMap((i) -> ids.next()).distinct().count())
			.expectNext(50L)
			.verifyComplete();
	}

	@Test
	void resetStartsAgainAtOne() {
		ReactiveNextId ids = ReactiveNextId.of(masters, this.name, NextIdTests.OPTIONS);
		StepVerifier.create(ids.next().then(ids.reset()).then(ids.next())).expectNext(1L).verifyComplete();
	}

}
