package dev.pottery.autoconfigure.integration;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import dev.pottery.lock.RedlockOptions;
import dev.pottery.lock.Masters;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import org.springframework.integration.leader.Context;
import org.springframework.integration.leader.DefaultCandidate;
import org.springframework.integration.support.leader.LockRegistryLeaderInitiator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Spring Integration's {@link LockRegistryLeaderInitiator} over {@link RedlockLockRegistry} on five masters: three
 * candidates, each with its own registry and connections (three JVMs), elect one leader; the leader keeps leading
 * while a minority of masters (two of five) is killed; when it steps down, another candidate is elected on the
 * remaining three masters.
 */
@RealRedis(servers = 5, controllable = true)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class LeaderElectionTests {

	private static final RedlockOptions OPTIONS = RedlockOptions.builder()
		.masterTimeout(Duration.ofSeconds(2))
		.autoReleaseTime(Duration.ofSeconds(10))
		.build();

	private final RedisServers servers;

	private final List<Masters> masters = new ArrayList<>();

	private final List<LockRegistryLeaderInitiator> initiators = new ArrayList<>();

	private final String role = "pottery-test-leader-" + UUID.randomUUID();

	LeaderElectionTests(RedisServers servers) {
		this.servers = servers;
	}

	@AfterEach
	void tearDown() {
		this.initiators.forEach(LockRegistryLeaderInitiator::stop);
		this.masters.forEach(Masters::close);
		for (RedisServer server : this.servers) {
			try {
				server.commands().ping();
			}
			catch (RuntimeException ex) {
				server.restart();
			}
			server.commands().del("redlock:election:" + this.role);
		}
	}

	@Test
	void leaderSurvivesTheLossOfAMinorityOfMastersAndAnotherIsElectedAfterIt() {
		List<Candidate> candidates = new ArrayList<>();
		for (int i = 0; i < 3; i++) {
			Masters nodeMasters = Masters.of(this.servers.urls());
			this.masters.add(nodeMasters);
			Candidate candidate = new Candidate("node-" + i, this.role);
			candidates.add(candidate);
			LockRegistryLeaderInitiator initiator = new LockRegistryLeaderInitiator(
					new RedlockLockRegistry(nodeMasters, "election", OPTIONS), candidate);
			initiator.setHeartBeatMillis(500);
			initiator.setBusyWaitMillis(100);
			this.initiators.add(initiator);
			initiator.start();
		}
		await().atMost(Duration.ofSeconds(30)).until(() -> leaders(candidates).size() == 1);
		Candidate leader = leaders(candidates).get(0);

		this.servers.get(0).kill();
		this.servers.get(1).kill();
		// many heartbeats on three masters: the leader stays, nobody else is ever granted
		int grantsBefore = Candidate.grants.get();
		await().pollDelay(Duration.ofMillis(3_000)).atMost(Duration.ofSeconds(30)).until(() -> true);
		assertThat(leaders(candidates)).containsExactly(leader);
		assertThat(leader.revoked).isEmpty();
		assertThat(Candidate.grants.get()).isEqualTo(grantsBefore);

		// the leader steps down (its node stops): another is elected on the remaining majority
		this.initiators.get(candidates.indexOf(leader)).stop();
		await().atMost(Duration.ofSeconds(30))
			.until(() -> leaders(candidates).size() == 1 && !leaders(candidates).contains(leader));
	}

	private static List<Candidate> leaders(List<Candidate> candidates) {
		return candidates.stream().filter((candidate) -> candidate.leading).toList();
	}

	static final class Candidate extends DefaultCandidate {

		static final AtomicInteger grants = new AtomicInteger();

		volatile boolean leading;

		final List<Context> revoked = new CopyOnWriteArrayList<>();

		Candidate(String id, String role) {
			super(id, role);
		}

		@Override
		public void onGranted(Context context) {
			grants.incrementAndGet();
			this.leading = true;
		}

		@Override
		public void onRevoked(Context context) {
			this.leading = false;
			this.revoked.add(context);
		}

	}

}
