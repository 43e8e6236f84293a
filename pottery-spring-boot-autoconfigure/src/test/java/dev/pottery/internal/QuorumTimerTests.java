package dev.pottery.internal;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link QuorumTimer}: entries fire at their deadline unless settled, an earlier deadline wakes the sleeping thread,
 * an entry can ask to be called again, and the thread ends when idle and starts again on demand. Each test has its
 * own timer, so the quorum tests running beside it cannot interfere; latches, not sleeps, tell when a call came.
 */
class QuorumTimerTests {

	private final QuorumTimer timer = new QuorumTimer();

	@Test
	void expiresAnEntryThatIsNotSettledByItsDeadline() throws InterruptedException {
		Probe probe = new Probe();
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(20);
		this.timer.schedule(probe, deadline);
		assertThat(probe.called.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(probe.calledAt - deadline).isGreaterThanOrEqualTo(0);
	}

	@Test
	void dropsAnEntryThatSettledBeforeItsDeadline() throws InterruptedException {
		Probe settled = new Probe();
		settled.settled = true;
		Probe later = new Probe();
		long now = System.nanoTime();
		this.timer.schedule(settled, now + TimeUnit.MILLISECONDS.toNanos(10));
		this.timer.schedule(later, now + TimeUnit.MILLISECONDS.toNanos(30));
		// entries leave in deadline order: once the later one has fired, the settled one has been dropped
		assertThat(later.called.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(settled.calls).hasValue(0);
	}

	@Test
	void anEarlierDeadlineWakesTheSleepingThread() throws InterruptedException {
		Probe distant = new Probe();
		Probe soon = new Probe();
		long now = System.nanoTime();
		this.timer.schedule(distant, now + TimeUnit.SECONDS.toNanos(60));
		this.timer.schedule(soon, now + TimeUnit.MILLISECONDS.toNanos(10));
		assertThat(soon.called.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(distant.calls).hasValue(0);
		distant.settled = true;
	}

	@Test
	void callsAgainAtTheDeadlineAnEntryAsksFor() throws InterruptedException {
		CountDownLatch twice = new CountDownLatch(2);
		AtomicInteger calls = new AtomicInteger();
		QuorumTimer.Timed timed = new QuorumTimer.Timed() {

			@Override
			public boolean isSettled() {
				return calls.get() >= 2;
			}

			@Override
			public long expire(long now) {
				calls.incrementAndGet();
				twice.countDown();
				return (calls.get() == 1) ? now + TimeUnit.MILLISECONDS.toNanos(10) : now;
			}

		};
		this.timer.schedule(timed, System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(10));
		assertThat(twice.await(5, TimeUnit.SECONDS)).isTrue();
		assertThat(calls).hasValue(2);
	}

	@Test
	void threadEndsWhenIdleAndStartsAgainOnDemand() throws InterruptedException {
		Probe first = new Probe();
		this.timer.schedule(first, System.nanoTime());
		assertThat(first.called.await(5, TimeUnit.SECONDS)).isTrue();
		long giveUp = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (this.timer.isRunning() && System.nanoTime() - giveUp < 0) {
			TimeUnit.MILLISECONDS.sleep(10);
		}
		assertThat(this.timer.isRunning()).isFalse();
		Probe second = new Probe();
		this.timer.schedule(second, System.nanoTime());
		assertThat(second.called.await(5, TimeUnit.SECONDS)).isTrue();
	}

	@Test
	void aFailingEntryDoesNotStopTheOthers() throws InterruptedException {
		QuorumTimer.Timed failing = new QuorumTimer.Timed() {

			@Override
			public boolean isSettled() {
				return false;
			}

			@Override
			public long expire(long now) {
				throw new IllegalStateException("broken");
			}

		};
		Probe after = new Probe();
		long now = System.nanoTime();
		this.timer.schedule(failing, now);
		this.timer.schedule(after, now + TimeUnit.MILLISECONDS.toNanos(5));
		assertThat(after.called.await(5, TimeUnit.SECONDS)).isTrue();
	}

	/** Counts its expiries; settled after the first. */
	private static final class Probe implements QuorumTimer.Timed {

		final CountDownLatch called = new CountDownLatch(1);

		final AtomicInteger calls = new AtomicInteger();

		volatile boolean settled;

		volatile long calledAt;

		@Override
		public boolean isSettled() {
			return this.settled;
		}

		@Override
		public long expire(long now) {
			this.calledAt = now;
			this.calls.incrementAndGet();
			this.settled = true;
			this.called.countDown();
			return now;
		}

	}

}
