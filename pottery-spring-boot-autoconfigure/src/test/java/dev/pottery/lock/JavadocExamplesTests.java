package dev.pottery.lock;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples in this package's Javadoc and in the README, compiled and run.
 */
@RealRedis(servers = 3)
class JavadocExamplesTests {

	@Test
	void redlock(RedisServers servers) {
		try (Masters masters = Masters.of(servers.urls())) {
			// Redlock
			Redlock printer = Redlock.of(masters, "printer");
			try (Redlock.Held held = printer.acquire()) {
				System.out.println("printer_lock is locked");   // only one caller at a time gets here
			}
			assertThat(printer.isHeldByCurrentInstance()).isFalse();
		}
	}

	@Test
	void reactiveRedlock(RedisServers servers) {
		// the example keeps pottery's 50 ms per-master timeout, which a master on a heavily loaded test machine can miss
		// ("masters unreachable"): that case, and only that one, runs the example again
		for (int attempt = 1;; attempt++) {
			try (Masters masters = Masters.of(servers.urls())) {
				// ReactiveRedlock
				ReactiveRedlock shower = ReactiveRedlock.of(masters, "shower");
				Mono<String> sung = shower.withLock(() -> Mono.just("singing in the shower"));
				assertThat(sung.block()).isEqualTo("singing in the shower");
				return;
			}
			catch (dev.pottery.PotteryException ex) {
				if (attempt == 3 || !String.valueOf(ex.getMessage()).contains("masters unreachable")) {
					throw ex;
				}
			}
		}
	}

	@Test
	void redlockOptions(RedisServers servers) {
		// RedlockOptions
		RedlockOptions options = RedlockOptions.builder()
				.autoReleaseTime(Duration.ofSeconds(30))
				.fencing(true)
				.build();
		try (Masters masters = Masters.of(servers.urls())) {
			Redlock lock = Redlock.of(masters, "printer", options);
			try (Redlock.Held held = lock.acquire()) {
				assertThat(held.fencingToken()).isPositive();
			}
		}
		finally {
			servers.forEach((server) -> server.commands().del(ReactiveRedlock.fenceKey("printer")));
		}
	}

	@Test
	void readmeLockInterfaceExtendAndRemainingLease(RedisServers servers) throws InterruptedException {
		try (Masters masters = Masters.of(servers.urls())) {
			// README: the Lock interface, extend and remainingLease
			Redlock printer = Redlock.of(masters, "printer");
			if (printer.tryLock(1, TimeUnit.SECONDS)) {
				try {
					Duration left = printer.remainingLease();   // a little under 10 s
					printer.extend();                           // back to 10 s; at most numExtensions (3) times
					assertThat(left).isPositive();
				}
				finally {
					printer.unlock();
				}
			}
		}
	}

}
