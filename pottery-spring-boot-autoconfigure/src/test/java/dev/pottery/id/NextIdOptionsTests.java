package dev.pottery.id;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * Tests for {@link NextIdOptions}.
 */
class NextIdOptionsTests {

	@Test
	void defaultsArePotterys() {
		// wire-format.md §3.2 and §5: 3 tries; one id per round trip
		assertThat(NextIdOptions.defaults()).isEqualTo(NextIdOptions.builder().numTries(3).masterTimeout(Duration.ofMillis(50)).raiseOnRedisErrors(false).blockSize(1).build());
		assertThat(ReactiveNextId.DEFAULT_KEY).isEqualTo("current");
	}

	@Test
	void withBlockSizeChangesOnlyTheBlockSize() {
		assertThat(NextIdOptions.defaults().toBuilder().blockSize(10).build()).isEqualTo(NextIdOptions.builder().numTries(3).masterTimeout(Duration.ofMillis(50)).raiseOnRedisErrors(false).blockSize(10).build());
	}

	@Test
	void constructorRejectsSettingsOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> NextIdOptions.builder().numTries(0).masterTimeout(Duration.ofMillis(50)).raiseOnRedisErrors(false).build());
		assertThatIllegalArgumentException().isThrownBy(() -> NextIdOptions.builder().numTries(3).masterTimeout(Duration.ZERO).raiseOnRedisErrors(false).build());
		assertThatIllegalArgumentException().isThrownBy(() -> NextIdOptions.defaults().toBuilder().blockSize(0).build());
	}

}
