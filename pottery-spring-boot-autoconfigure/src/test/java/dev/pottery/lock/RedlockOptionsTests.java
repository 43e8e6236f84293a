package dev.pottery.lock;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link RedlockOptions}.
 */
class RedlockOptionsTests {

	@Test
	void defaultsArePotterys() {
		// wire-format.md §3.1 and §5
		RedlockOptions defaults = RedlockOptions.defaults();
		assertThat(defaults.autoReleaseTime()).isEqualTo(Duration.ofSeconds(10));
		assertThat(defaults.numExtensions()).isEqualTo(3);
		assertThat(defaults.acquireBlocking()).isTrue();
		assertThat(defaults.acquireTimeout()).isNull();
		assertThat(defaults.raiseOnRedisErrors()).isFalse();
		assertThat(defaults.retryDelay()).isEqualTo(Duration.ofMillis(200));
		assertThat(defaults.clockDriftFactor()).isEqualTo(0.01);
		assertThat(defaults.masterTimeout()).isEqualTo(Duration.ofMillis(50));
		assertThat(defaults.fencing()).isFalse();
		assertThat(defaults.watchdog()).isFalse();
	}

	@Test
	void ttlIsTruncatedMillisAndDriftIsOnePercentPlusTwoMillis() {
		RedlockOptions options = RedlockOptions.builder().autoReleaseTime(Duration.ofNanos(200_999_999)).build();
		assertThat(options.ttlMillis()).isEqualTo(200);
		assertThat(RedlockOptions.defaults().driftNanos()).isEqualTo(102_000_000L);
	}

	@Test
	void toBuilderKeepsEverySetting() {
		RedlockOptions options = RedlockOptions.builder().autoReleaseTime(Duration.ofSeconds(3)).numExtensions(7)
			.acquireTimeout(Duration.ofSeconds(1)).raiseOnRedisErrors(true).retryDelay(Duration.ZERO)
			.masterTimeout(Duration.ofMillis(9)).clockDriftFactor(0.05).fencing(true).watchdog(true).build();
		assertThat(options.toBuilder().build()).isEqualTo(options);
	}

	@Test
	void buildRejectsSettingsOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> RedlockOptions.builder().autoReleaseTime(Duration.ofNanos(10)).build())
			.withMessageContaining("'autoReleaseTime'");
		assertThatIllegalArgumentException().isThrownBy(() -> RedlockOptions.builder().numExtensions(-1).build());
		assertThatIllegalArgumentException().isThrownBy(() -> RedlockOptions.builder().masterTimeout(Duration.ZERO).build());
		assertThatIllegalArgumentException().isThrownBy(() -> RedlockOptions.builder().clockDriftFactor(1).build());
		// pottery: a timeout with a non-blocking acquire is a ValueError
		assertThatIllegalArgumentException().isThrownBy(() -> RedlockOptions.builder().acquireBlocking(false)
			.acquireTimeout(Duration.ofSeconds(1)).build());
	}

}
