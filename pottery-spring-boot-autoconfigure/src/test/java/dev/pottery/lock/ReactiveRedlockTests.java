package dev.pottery.lock;

import java.time.Duration;

import dev.pottery.test.QuorumTestSupport;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link ReactiveRedlock} with {@link StepVerifier}, on 5 real masters.
 */
@RealRedis(servers = 5)
class ReactiveRedlockTests extends QuorumTestSupport {

	ReactiveRedlockTests(RedisServers servers) {
		super(servers);
	}

	@AfterEach
	void deleteKeys() {
		LockTestSupport.deleteKeys(this.servers, this.name);
	}

	@Test
	void tryAcquireIsColdAndExcludesOtherInstances() {
		ReactiveRedlock lock = ReactiveRedlock.of(masters, this.name, RedlockTests.options().build());
		Mono<Boolean> attempt = lock.tryAcquire();
		assertThat(lock.isHeldByCurrentInstance()).isFalse();
		StepVerifier.create(attempt).expectNext(true).verifyComplete();
		StepVerifier.create(ReactiveRedlock.of(masters, this.name, RedlockTests.options().build()).tryAcquire()).expectNext(false).verifyComplete();
		StepVerifier.create(lock.release()).verifyComplete();
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void tryAcquireWithTimeoutWaitsForRelease() {
		ReactiveRedlock holder = ReactiveRedlock.of(masters, this.name, RedlockTests.options().build());
		ReactiveRedlock waiter = ReactiveRedlock.of(masters, this.name,
				RedlockTests.options().retryDelay(Duration.ofMillis(10)).build());
		StepVerifier.create(holder.tryAcquire()).expectNext(true).verifyComplete();
		StepVerifier.create(waiter.tryAcquire(Duration.ofSeconds(30)))
			.then(() -> holder.release().block())
			.expectNext(true)
			.verifyComplete();
		StepVerifier.create(waiter.release()).verifyComplete();
	}

	@Test
	void acquireWhenHeldAndNotBlockingErrorsWithQuorumNotAchieved() {
		ReactiveRedlock holder = ReactiveRedlock.of(masters, this.name, RedlockTests.options().build());
		StepVerifier.create(holder.tryAcquire()).expectNext(true).verifyComplete();
		ReactiveRedlock other = ReactiveRedlock.of(masters, this.name,
				RedlockTests.options().acquireBlocking(false).build());
		StepVerifier.create(other.acquire()).verifyError(QuorumNotAchievedException.class);
		StepVerifier.create(holder.release()).verifyComplete();
	}

	@Test
	void withLockRunsTheWorkWhileHeldAndReleasesAfter() {
		ReactiveRedlock lock = ReactiveRedlock.of(masters, this.name, RedlockTests.options().build());
		StepVerifier.create(lock.withLock(() -> Mono.fromCallable(lock::isHeldByCurrentInstance)))
			.expectNext(true)
			.verifyComplete();
		assertThat(lock.isHeldByCurrentInstance()).isFalse();
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void withLockReleasesWhenTheWorkFails() {
		ReactiveRedlock lock = ReactiveRedlock.of(masters, this.name, RedlockTests.options().build());
		StepVerifier.create(lock.withLock(() -> Mono.error(new IllegalStateException("boom"))))
			.verifyErrorMessage("boom");
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void releaseWhenNotHeldErrors() {
		StepVerifier.create(ReactiveRedlock.of(masters, this.name, RedlockTests.options().build()).release())
			.verifyError(ReleaseUnlockedLockException.class);
	}

	@Test
	void remainingLeaseAndExtend() {
		ReactiveRedlock lock = ReactiveRedlock.of(masters, this.name, RedlockTests.options().build());
		StepVerifier.create(lock.remainingLease()).expectNext(Duration.ZERO).verifyComplete();
		StepVerifier.create(lock.tryAcquire().then(lock.extend()).then(lock.remainingLease()))
			.assertNext((remaining) -> assertThat(remaining).isPositive())
			.verifyComplete();
		StepVerifier.create(lock.release()).verifyComplete();
	}

	@Test
	void cancellingAnAttemptInFlightGivesBackWhatItGot() {
		ReactiveRedlock lock = ReactiveRedlock.of(masters, this.name, RedlockTests.options().build());
		StepVerifier.create(lock.tryAcquire()).thenCancel().verify();
		LockTestSupport.assertNoLockKey(this.servers, this.name);
	}

	@Test
	void fencingTokensIncreaseAcrossReactiveAcquisitions() {
		RedlockOptions options = RedlockTests.options().fencing(true).build();
		ReactiveRedlock first = ReactiveRedlock.of(masters, this.name, options);
		ReactiveRedlock second = ReactiveRedlock.of(masters, this.name, options);
		StepVerifier.create(first.withLock(() -> Mono.fromCallable(first::fencingToken))).expectNext(1L).verifyComplete();
		StepVerifier.create(second.withLock(() -> Mono.fromCallable(second::fencingToken))).expectNext(2L).verifyComplete();
	}

}
