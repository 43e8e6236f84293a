package dev.pottery.lock;

import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.pottery.test.QuorumTestSupport;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Interrupts never leave a {@link Redlock} held behind the caller's back (issue 10): after an interrupt the caller
 * either holds the lock and is told so, or the lock is released.
 */
@RealRedis(servers = 5)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class RedlockInterruptTests extends QuorumTestSupport {

	private static final RedlockOptions OPTIONS = RedlockOptions.builder()
		.masterTimeout(Duration.ofSeconds(2))
		.autoReleaseTime(Duration.ofSeconds(60))
		.retryDelay(Duration.ofMillis(5))
		.build();

	RedlockInterruptTests(RedisServers servers) {
		super(servers);
	}

	@AfterEach
	void deleteKeys() {
		LockTestSupport.deleteKeys(this.servers, this.name);
	}

	@Test
	void aThousandInterruptedAcquisitionsLeaveNoLockKeyBehind() throws InterruptedException {
		// interrupt around the time an acquisition takes, where the old code lost track of completed ones
		long[] samples = new long[20];
		Redlock probe = Redlock.of(masters, this.name, OPTIONS);
		for (int i = 0; i < samples.length; i++) {
			long start = System.nanoTime();
			assertThat(probe.tryLock()).isTrue();
			samples[i] = System.nanoTime() - start;
			probe.unlock();
		}
		Arrays.sort(samples);
		long window = Math.max(100_000, 2 * samples[samples.length / 2]);
		AtomicInteger told = new AtomicInteger();
		AtomicInteger interrupted = new AtomicInteger();
		for (int i = 0; i < 1000; i++) {
			Redlock lock = Redlock.of(masters, this.name, OPTIONS);
			boolean timed = i % 2 == 0;
			AtomicBoolean held = new AtomicBoolean();
			Thread thread = new Thread(() -> {
				try {
					if (timed) {
						held.set(lock.tryLock(30, TimeUnit.SECONDS));
					}
					else {
						lock.lockInterruptibly();
						held.set(true);
					}
				}
				catch (InterruptedException ex) {
					interrupted.incrementAndGet();
				}
			});
			thread.start();
			LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(window));
			thread.interrupt();
			thread.join(TimeUnit.SECONDS.toMillis(30));
			assertThat(thread.isAlive()).isFalse();
			if (held.get()) {
				// the caller was told it holds the lock: it is the one to release it
				told.incrementAndGet();
				lock.unlock();
			}
		}
		assertThat(told.get() + interrupted.get()).isEqualTo(1000);
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

}
