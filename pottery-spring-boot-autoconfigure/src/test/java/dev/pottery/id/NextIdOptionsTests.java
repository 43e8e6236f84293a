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
		assertThat(NextIdOptions.defaults()).isEqualTo(new NextIdOptions(3, Duration.ofMillis(50), false, 1));
		assertThat(ReactiveNextId.DEFAULT_KEY).isEqualTo("current");
	}

	@Test
	void withBlockSizeChangesOnlyTheBlockSize() {
		assertThat(NextIdOptions.defaults().withBlockSize(10)).isEqualTo(new NextIdOptions(3, Duration.ofMillis(50), false, 10));
	}

	@Test
	void constructorRejectsSettingsOutOfRange() {
		assertThatIllegalArgumentException().isThrownBy(() -> new NextIdOptions(0, Duration.ofMillis(50), false));
		assertThatIllegalArgumentException().isThrownBy(() -> new NextIdOptions(3, Duration.ZERO, false));
		assertThatIllegalArgumentException().isThrownBy(() -> NextIdOptions.defaults().withBlockSize(0));
	}

}
