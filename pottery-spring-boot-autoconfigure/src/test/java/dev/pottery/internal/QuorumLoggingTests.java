package dev.pottery.internal;

import java.time.Duration;
import java.util.List;

import dev.pottery.lock.Masters;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code dev.pottery.quorum} at DEBUG, each quorum run logs its outcome and every master's reply, URLs with the
 * password masked.
 */
@RealRedis
@ExtendWith(OutputCaptureExtension.class)
class QuorumLoggingTests {

	private final LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());

	@AfterEach
	void resetLevel() {
		this.logging.setLogLevel("dev.pottery.quorum", null);
	}

	@Test
	void debugLogsTheOutcomeAndEachMastersReplyWithMaskedUrls(RedisServer redis, CapturedOutput output) {
		this.logging.setLogLevel("dev.pottery.quorum", LogLevel.DEBUG);
		try (Masters masters = Masters.of(List.of(redis.url(), "redis://bob:hunter2@127.0.0.1:1"))) {
			QuorumOutcome<String> outcome = Quorum.run(masters, 2, Duration.ofSeconds(5), "PONG"::equals,
					(master) -> master.execute(RedisAsyncCommands::ping)).join();
			assertThat(outcome.isAchieved()).isFalse();
		}
		assertThat(output.getAll().lines().filter((line) -> line.contains("Quorum not achieved"))).singleElement()
			.asString()
			.contains("1 erred, 2 needed of 2", redis.url() + "=", "redis://bob:****@127.0.0.1:1=FAILED");
		assertThat(output).doesNotContain("hunter2");
	}

}
