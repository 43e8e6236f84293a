package dev.pottery.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pottery.lock.Masters;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServers;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link Quorum}, with commands the test controls (futures it completes) on 5 masters.
 */
@RealRedis(servers = 5)
class QuorumTests {

	private static Masters masters;

	@BeforeAll
	static void openMasters(RedisServers servers) {
		masters = Masters.of(servers.urls());
		// connected, so that the per-master timeouts under test are not stretched for a first connect
		Quorum.run(masters, masters.size(), Duration.ofSeconds(5), "PONG"::equals,
				(master) -> master.execute(RedisAsyncCommands::ping)).join();
	}

	@AfterAll
	static void closeMasters() {
		masters.close();
	}

	@Test
	void runCompletesAtTheMajorityWithoutWaitingForTheRest() {
		List<CompletableFuture<String>> replies = List.of(new CompletableFuture<>(), new CompletableFuture<>(),
				new CompletableFuture<>(), new CompletableFuture<>(), new CompletableFuture<>());
		CompletableFuture<QuorumOutcome<String>> run = Quorum.run(masters, Duration.ofMinutes(1), "OK"::equals,
				(master) -> replies.get(masters.list().indexOf(master)));
		replies.get(0).complete("OK");
		replies.get(2).complete("OK");
		assertThat(run).isNotDone();
		replies.get(4).complete("OK");
		QuorumOutcome<String> outcome = run.join();
		assertThat(outcome.isAchieved()).isTrue();
		assertThat(outcome.agreed()).isEqualTo(3);
		assertThat(outcome.replies()).extracting(Reply::status).containsExactly(Reply.Status.AGREED,
				Reply.Status.PENDING, Reply.Status.AGREED, Reply.Status.PENDING, Reply.Status.AGREED);
		assertThat(outcome.sent().get(1)).isSameAs(replies.get(1));
	}

	@Test
	void closingTheMastersWaitsForCommandsStillInFlightAfterTheRunTimedOut(RedisServers servers) throws Exception {
		Masters own = Masters.of(servers.urls());
		List<CompletableFuture<String>> replies = List.of(CompletableFuture.completedFuture("OK"),
				CompletableFuture.completedFuture("OK"), CompletableFuture.completedFuture("OK"), new CompletableFuture<>(),
				new CompletableFuture<>());
		QuorumOutcome<String> outcome = Quorum.runHearingAll(own, Duration.ofMillis(20), "OK"::equals,
				(master) -> replies.get(own.list().indexOf(master))).join();
		assertThat(outcome.replies()).extracting(Reply::status).contains(Reply.Status.TIMED_OUT);
		Thread closing = new Thread(own::close, "closing-masters");
		closing.start();
		// close() waits on the in-flight count (up to 2 s) while two commands have not answered
		long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
		while (closing.getState() != Thread.State.TIMED_WAITING && closing.isAlive() && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		assertThat(closing.isAlive()).as("close() returned while commands were in flight").isTrue();
		replies.get(3).complete("OK");
		replies.get(4).completeExceptionally(new IllegalStateException("late"));
		closing.join(Duration.ofSeconds(30).toMillis());
		assertThat(closing.isAlive()).isFalse();
	}

	@Test
	void runFailsFastOnceTheMajorityIsImpossible() {
		List<CompletableFuture<String>> replies = List.of(new CompletableFuture<>(), new CompletableFuture<>(),
				new CompletableFuture<>(), new CompletableFuture<>(), new CompletableFuture<>());
		CompletableFuture<QuorumOutcome<String>> run = Quorum.run(masters, Duration.ofMinutes(1), "OK"::equals,
				(master) -> replies.get(masters.list().indexOf(master)));
		replies.get(0).complete("NO");
		replies.get(1).completeExceptionally(new IllegalStateException("down with redis://u:pw@h:1"));
		assertThat(run).isNotDone();
		replies.get(2).complete("NO");
		QuorumOutcome<String> outcome = run.join();
		assertThat(outcome.isAchieved()).isFalse();
		assertThat(outcome.erred()).isEqualTo(1);
		assertThat(outcome.isImpossible()).isFalse();
		assertThat(outcome.redisErrors()).hasSize(1)
			.containsValue("IllegalStateException: down with redis://u:****@h:1");
		assertThat(outcome.firstError()).isInstanceOf(IllegalStateException.class);
	}

	@Test
	void runCountsMastersThatDoNotAnswerInTimeAsTimedOut() {
		CompletableFuture<QuorumOutcome<String>> run = Quorum.run(masters, Duration.ofMillis(20), "OK"::equals,
				(master) -> new CompletableFuture<>());
		QuorumOutcome<String> outcome = run.join();
		assertThat(outcome.isAchieved()).isFalse();
		assertThat(outcome.isImpossible()).isTrue();
		// decided as soon as 3 timed out: a majority had become impossible
		assertThat(outcome.replies()).extracting(Reply::status).contains(Reply.Status.TIMED_OUT)
			.doesNotContain(Reply.Status.AGREED, Reply.Status.DISAGREED, Reply.Status.FAILED);
		assertThat(outcome.sent()).allSatisfy((future) -> assertThat(future).isNotDone());
	}

	@Test
	void runWithAllNeededWaitsForEveryMaster() {
		QuorumOutcome<String> outcome = Quorum.run(masters, masters.size(), Duration.ofSeconds(5), "PONG"::equals,
				(master) -> master.execute(RedisAsyncCommands::ping)).join();
		assertThat(outcome.agreed()).isEqualTo(5);
	}

	@Test
	void runWhenTheCommandThrowsCountsItAsFailed() {
		QuorumOutcome<String> outcome = Quorum.<String>run(masters, Duration.ofSeconds(5), "OK"::equals, (master) -> {
			throw new IllegalStateException("boom");
		}).join();
		assertThat(outcome.erred()).isGreaterThanOrEqualTo(3);
		assertThat(outcome.isImpossible()).isTrue();
	}

	@Test
	void runWhenTheCommandReturnsNoFutureCountsItAsFailedAndNamesTheMaster() {
		QuorumOutcome<String> outcome = Quorum.<String>run(masters, Duration.ofSeconds(5), "OK"::equals,
				(master) -> null).join();
		assertThat(outcome.isImpossible()).isTrue();
		assertThat(outcome.replies()).filteredOn((reply) -> reply.status() == Reply.Status.FAILED)
			.isNotEmpty()
			.allSatisfy((reply) -> assertThat(reply.error()).hasMessageContaining(reply.master().url())
				.hasMessageContaining("returned no future"));
	}

	@Test
	void runAfterSendsEachFollowUpOnlyAfterThatMastersPreviousCommand() {
		List<CompletableFuture<String>> previous = List.of(new CompletableFuture<>(), new CompletableFuture<>(),
				new CompletableFuture<>(), new CompletableFuture<>(), new CompletableFuture<>());
		AtomicInteger sent = new AtomicInteger();
		CompletableFuture<QuorumOutcome<String>> run = Quorum.runAfter(masters, previous, Duration.ofMinutes(1),
				"OK"::equals, (master) -> {
					sent.incrementAndGet();
					return CompletableFuture.completedFuture("OK");
				});
		assertThat(sent).hasValue(0);
		previous.get(0).complete("x");
		previous.get(1).completeExceptionally(new IllegalStateException());
		assertThat(sent).hasValue(2);
		assertThat(run).isNotDone();
		previous.get(3).complete("x");
		assertThat(run.join().agreed()).isEqualTo(3);
		previous.get(2).complete("x");
		previous.get(4).complete("x");
		assertThat(sent).hasValue(5);
	}

	@Test
	void evalFallsBackToEvalWhenTheServerDoesNotKnowTheScript(RedisServers servers) {
		LuaScript script = LuaScript.of("dev/pottery/lua/lock/remaining.lua");
		servers.forEach((server) -> server.commands().scriptFlush());
		QuorumOutcome<Long> outcome = Quorum.<Long>run(masters, Duration.ofSeconds(5), (reply) -> reply == 0,
				(master) -> master.eval(script, ScriptOutputType.INTEGER, new String[] { "pottery:test:none" }, "t"))
			.join();
		assertThat(outcome.agreed()).isEqualTo(masters.quorum());
		assertThat(script.sha1()).hasSize(40);
		assertThat(script.toString()).contains("remaining.lua");
	}

}
