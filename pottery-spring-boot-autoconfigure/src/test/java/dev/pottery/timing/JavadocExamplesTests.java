package dev.pottery.timing;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the Javadoc in {@code dev.pottery.timing} and of its README section
 * (README.md), run so that they cannot rot. {@code expensiveFunction} does no real work:
 * the tests assert behaviour, never durations.
 */
class JavadocExamplesTests {

	@Test
	void readmeContextTimer() {
		ContextTimer timer;
		try (ContextTimer t = ContextTimer.started()) {
			timer = t;
			expensiveFunction();
			assertThat(timer.elapsed()).isNotNegative();   // milliseconds so far, e.g. 1000
		}
		long total = timer.elapsed();                      // frozen once the block has closed the timer
		assertThat(timer.isRunning()).isFalse();
		assertThat(timer.elapsed()).isEqualTo(total);
	}

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
