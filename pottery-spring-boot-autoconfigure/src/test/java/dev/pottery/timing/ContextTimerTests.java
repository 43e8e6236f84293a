package dev.pottery.timing;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * {@link ContextTimer} on a fake nanosecond clock, so that no test depends on real time.
 */
class ContextTimerTests {

	private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

	private final ContextTimer timer = new ContextTimer(this.nanos::get);

	// ---- create / started ----

	@Test
	void createGivesTimerThatHasNotStarted() {
		ContextTimer created = ContextTimer.create();
		assertThat(created.isRunning()).isFalse();
		assertThat(created).hasToString("ContextTimer{not started}");
	}

	@Test
	void startedGivesRunningTimer() {
		try (ContextTimer started = ContextTimer.started()) {
			assertThat(started.isRunning()).isTrue();
			assertThat(started.elapsed()).isNotNegative();
		}
	}

	// ---- start ----

	@Test
	void startTwiceFails() {
		this.timer.start();
		assertThatIllegalStateException().isThrownBy(this.timer::start).withMessage("The timer has already been started");
	}

	@Test
	void startAfterStopFails() {
		this.timer.start();
		this.timer.stop();
		assertThatIllegalStateException().isThrownBy(this.timer::start).withMessage("The timer has already been stopped");
	}

	// ---- elapsed ----

	@Test
	void elapsedWhileRunningFollowsTheClockInWholeMilliseconds() {
		this.timer.start();
		assertThat(this.timer.elapsed()).isZero();
		advanceNanos(999_999);
		assertThat(this.timer.elapsed()).isZero();
		advanceNanos(1);
		assertThat(this.timer.elapsed()).isOne();
		advanceNanos(1_500_000_000L);
		assertThat(this.timer.elapsed()).isEqualTo(1501);
		assertThat(this.timer).hasToString("ContextTimer{running, elapsed=1501 ms}");
	}

	@Test
	void elapsedAfterStopIsFrozen() {
		this.timer.start();
		advanceNanos(250_000_000L);
		this.timer.stop();
		advanceNanos(5_000_000_000L);
		assertThat(this.timer.elapsed()).isEqualTo(250);
		assertThat(this.timer.isRunning()).isFalse();
		assertThat(this.timer).hasToString("ContextTimer{stopped, elapsed=250 ms}");
	}

	@Test
	void elapsedBeforeStartFails() {
		assertThatIllegalStateException().isThrownBy(this.timer::elapsed)
			.withMessage("The timer has not been started yet");
	}

	@Test
	void elapsedAcrossNanoTimeOverflowStaysCorrect() {
		this.nanos.set(Long.MAX_VALUE - 1_000_000);
		this.timer.start();
		advanceNanos(3_000_000);
		assertThat(this.timer.elapsed()).isEqualTo(3);
	}

	// ---- stop ----

	@Test
	void stopBeforeStartFails() {
		assertThatIllegalStateException().isThrownBy(this.timer::stop).withMessage("The timer has not been started yet");
	}

	@Test
	void stopTwiceFails() {
		this.timer.start();
		this.timer.stop();
		assertThatIllegalStateException().isThrownBy(this.timer::stop).withMessage("The timer has already been stopped");
	}

	// ---- close ----

	@Test
	void closeStopsRunningTimer() {
		this.timer.start();
		advanceNanos(42_000_000);
		this.timer.close();
		advanceNanos(1_000_000_000);
		assertThat(this.timer.elapsed()).isEqualTo(42);
	}

	@Test
	void closeOfStoppedOrUnstartedTimerDoesNothing() {
		this.timer.close();
		assertThat(this.timer.isRunning()).isFalse();
		this.timer.start();
		this.timer.stop();
		this.timer.close();
		assertThat(this.timer.isRunning()).isFalse();
	}

	@Test
	void stopFromAnotherThreadIsSeenByReaders() throws InterruptedException {
		this.timer.start();
		advanceNanos(7_000_000);
		Thread stopper = new Thread(this.timer::stop);
		stopper.start();
		stopper.join();
		advanceNanos(7_000_000);
		assertThat(this.timer.isRunning()).isFalse();
		assertThat(this.timer.elapsed()).isEqualTo(7);
	}

	private void advanceNanos(long nanos) {
		this.nanos.addAndGet(nanos);
	}

}
