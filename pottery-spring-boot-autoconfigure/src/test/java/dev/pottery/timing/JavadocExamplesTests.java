package dev.pottery.timing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the Javadoc in {@code dev.pottery.timing}, run so that they cannot rot. {@code expensiveFunction}
 * does no real work: the tests assert behaviour, never durations.
 */
class JavadocExamplesTests {

	@Test
	void contextTimer() {
		long soFar;
		ContextTimer outer;
		try (ContextTimer timer = ContextTimer.started()) {
			expensiveFunction();
			soFar = timer.elapsed();
			outer = timer;
		}
		assertThat(soFar).isNotNegative();
		assertThat(outer.isRunning()).isFalse();
	}

	@Test
	void createStartStop() {
		ContextTimer timer = ContextTimer.create();
		timer.start();
		assertThat(timer.isRunning()).isTrue();
		long soFar = timer.elapsed();
		timer.stop();
		long total = timer.elapsed();
		assertThat(total).isGreaterThanOrEqualTo(soFar);
		assertThat(timer.elapsed()).isEqualTo(total);
	}

	private static void expensiveFunction() {
	}

}
