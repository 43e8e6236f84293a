package dev.pottery.lock;

import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * How a waiter ranks itself among the waiters woken by a release ({@link ReleaseNotifications.Waiter}): from the
 * notifications {@code release.lua} publishes, {@code <released token>:<processes subscribed>}.
 */
class ReleaseNotificationsSeniorityTests {

	private static final long MILLI = TimeUnit.MILLISECONDS.toNanos(1);

	private final ReleaseNotifications notifications = new ReleaseNotifications(List.of());

	private ReleaseNotifications.Waiter waiter(String ownToken) {
		return this.notifications.new Waiter(ReleaseNotifications.channel("redlock:k"), ownToken);
	}

	@Test
	void aWaiterDefersOneRoundTripPerReleaseItHasNotSeenAndTheMostSeniorOneHas() {
		ReleaseNotifications.Waiter waiter = waiter(null);
		// four processes subscribed: the releaser and three waiters; the most senior has seen two releases before
		waiter.wake("t1:4");
		assertThat(waiter.signal()).isDone();
		assertThat(waiter.seniorityDelayNanos(MILLI)).isEqualTo(2 * MILLI);
		waiter.arm();
		waiter.wake("t2:4");
		assertThat(waiter.seniorityDelayNanos(MILLI)).isEqualTo(MILLI);
		waiter.arm();
		waiter.wake("t3:4");
		assertThat(waiter.seniorityDelayNanos(MILLI)).isZero();
		waiter.arm();
		waiter.wake("t4:4");
		assertThat(waiter.seniorityDelayNanos(MILLI)).isZero();
	}

	@Test
	void theSameReleasePublishedByEveryMasterCountsOnceAndWakesOnce() {
		ReleaseNotifications.Waiter waiter = waiter(null);
		waiter.wake("t1:4");
		waiter.arm();
		// the other masters' copies of the same release, arriving during the next attempt
		waiter.wake("t1:4");
		waiter.wake("t1:4");
		assertThat(waiter.signal()).isNotDone();
		assertThat(waiter.seniorityDelayNanos(MILLI)).isEqualTo(2 * MILLI);
	}

	@Test
	void theReleasersOwnReleaseIsNoNewsToItsNextWait() {
		ReleaseNotifications.Waiter waiter = waiter("mine");
		waiter.wake("mine:4");
		assertThat(waiter.signal()).isNotDone();
		assertThat(waiter.seniorityDelayNanos(MILLI)).isZero();
		waiter.wake("theirs:4");
		assertThat(waiter.signal()).isDone();
		// the newest waiter: two releases behind the most senior
		assertThat(waiter.seniorityDelayNanos(MILLI)).isEqualTo(2 * MILLI);
	}

	@Test
	void withoutCompetitionOrWithoutCountsNobodyDefers() {
		ReleaseNotifications.Waiter alone = waiter(null);
		alone.wake("t1:2");
		assertThat(alone.seniorityDelayNanos(MILLI)).isZero();
		ReleaseNotifications.Waiter reconnected = waiter(null);
		reconnected.wake("t1:6");
		reconnected.arm();
		reconnected.wake(null);
		assertThat(reconnected.signal()).isDone();
		assertThat(reconnected.seniorityDelayNanos(MILLI)).isZero();
		// an older release script published an empty message
		ReleaseNotifications.Waiter older = waiter(null);
		older.wake("");
		assertThat(older.signal()).isDone();
		assertThat(older.seniorityDelayNanos(MILLI)).isZero();
		ReleaseNotifications.Waiter garbled = waiter(null);
		garbled.wake("t1:many");
		assertThat(garbled.signal()).isDone();
		assertThat(garbled.seniorityDelayNanos(MILLI)).isZero();
	}

	@Test
	void theDeferralIsBounded() {
		ReleaseNotifications.Waiter waiter = waiter(null);
		waiter.wake("t1:50");
		// at most four releases' worth, each of at most 2 ms and at least 0.1 ms
		assertThat(waiter.seniorityDelayNanos(10 * MILLI)).isEqualTo(4 * 2 * MILLI);
		assertThat(waiter.seniorityDelayNanos(1_000)).isEqualTo(4 * MILLI / 10);
	}

}
