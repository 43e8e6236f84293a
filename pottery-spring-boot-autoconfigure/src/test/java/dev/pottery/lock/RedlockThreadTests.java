package dev.pottery.lock;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;
import io.netty.util.concurrent.FastThreadLocalThread;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * User code never runs on Pottery's timer thread, and blocking calls refuse to run on threads that must not block
 * (issue 10, item 4).
 */
@RealRedis(servers = 3, controllable = true)
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RedlockThreadTests {

	private final RedisServers servers;

	private Masters masters;

	private String name;

	RedlockThreadTests(RedisServers servers) {
		this.servers = servers;
	}

	@BeforeEach
	void setUp() {
		this.masters = Masters.of(this.servers.urls());
		this.name = "pottery:test:" + UUID.randomUUID();
	}

	@AfterEach
	void tearDown() {
		for (RedisServer server : this.servers) {
			try {
				server.resume();
			}
			catch (RuntimeException ex) {
				// not paused
			}
		}
		LockTestSupport.deleteKeys(this.servers, this.name);
		this.masters.close();
	}

	@Test
	void aFailureDecidedByTimeoutsRunsTheCallersCodeOffTheTimerThread() {
		List.of(0, 1).forEach((i) -> this.servers.get(i).pause());
		ReactiveRedlock lock = ReactiveRedlock.of(this.masters, this.name,
				RedlockOptions.builder().masterTimeout(Duration.ofMillis(300)).raiseOnRedisErrors(true).build());
		AtomicReference<String> thread = new AtomicReference<>();
		// a blocking onErrorResume: on the timer thread it would stall every quorum timeout in the JVM
		String result = lock.tryAcquire().map(String::valueOf).onErrorResume((ex) -> Mono.fromCallable(() -> {
			thread.set(Thread.currentThread().getName());
			Thread.sleep(100);
			return "failed";
		})).block(Duration.ofSeconds(30));
		assertThat(result).isEqualTo("failed");
		// neither Pottery's timer nor the JDK's shared delayer (which ends the clean-up's per-master timeouts)
		assertThat(thread.get()).isNotNull()
			.doesNotContain("pottery-quorum-timer")
			.doesNotContain("CompletableFutureDelayScheduler");
		List.of(0, 1).forEach((i) -> this.servers.get(i).resume());
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void aBlockingCallOnAnEventLoopIsRefusedWithAClearMessage() {
		Redlock lock = Redlock.of(this.masters, this.name, RedlockOptions.builder().masterTimeout(Duration.ofSeconds(5)).build());
		AtomicReference<Throwable> refused = new AtomicReference<>();
		// a reply that arrives before thenAccept is attached runs the callback on this thread: try until it ran on
		// the event loop
		for (int attempt = 0; refused.get() == null && attempt < 100; attempt++) {
			this.masters.list().get(0).execute((commands) -> commands.ping()).thenAccept((pong) -> {
				if (Thread.currentThread() instanceof FastThreadLocalThread) {
					try {
						lock.tryLock();
					}
					catch (IllegalStateException ex) {
						refused.set(ex);
					}
				}
			}).join();
		}
		assertThatIllegalStateException().isThrownBy(() -> {
			throw (IllegalStateException) refused.get();
		}).withMessageContaining("must never block").withMessageContaining("ReactiveRedlock");
		// refused before anything was sent: no master holds the lock for a caller that was told it failed
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

}
