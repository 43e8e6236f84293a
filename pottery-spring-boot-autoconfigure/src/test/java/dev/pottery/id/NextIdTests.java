package dev.pottery.id;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import dev.pottery.lock.QuorumNotAchievedException;
import dev.pottery.internal.ChildJvm;
import dev.pottery.test.Concurrently;
import dev.pottery.test.QuorumTestSupport;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;
import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link NextId} on 5 real masters.
 */
@RealRedis(servers = 5)
class NextIdTests extends QuorumTestSupport {

	/** pottery's NextID conditional set (wire-format.md §3.2), replayed as a Python client would send it. */
	private static final String PYTHON_SET_ID = """
			local curr = redis.call('get', KEYS[1])
			local next = tonumber(ARGV[1])
			if curr == false or tonumber(curr) < next then
				redis.call('set', KEYS[1], next)
				return next
			else
				return nil
			end""";

	/** pottery's defaults except a per-master timeout a loaded build machine cannot miss. */
	static final NextIdOptions OPTIONS = NextIdOptions.builder().numTries(3).masterTimeout(java.time.Duration.ofSeconds(2)).raiseOnRedisErrors(false).build();

	NextIdTests(RedisServers servers) {
		super(servers);
	}

	@AfterEach
	void deleteKey() {
		this.servers.forEach((server) -> server.commands().del("nextid:" + this.name));
	}

	// ---------------------------------------------------------------- next

	@Test
	void nextOnAFreshKeyStartsAtOneAndStoresPlainDecimalOnEveryMaster() {
		NextId ids = NextId.of(masters, this.name, OPTIONS);
		assertThat(ids.getAsLong()).isEqualTo(1);
		assertThat(ids.next()).isEqualTo(2);
		assertThat(ids.hasNext()).isTrue();
		awaitStoredOnEveryMaster("2");
		for (RedisServer server : this.servers) {
			assertThat(server.commands().ttl("nextid:" + this.name)).isEqualTo(-1);
		}
	}

	@Test
	void nextFromTwoInstancesNeverRepeatsAndEachIncreases() {
		NextId a = NextId.of(masters, this.name, OPTIONS);
		NextId b = NextId.of(masters, this.name, OPTIONS);
		Set<Long> seen = new HashSet<>();
		long lastA = 0;
		long lastB = 0;
		for (int i = 0; i < 100; i++) {
			long idA = a.getAsLong();
			long idB = b.getAsLong();
			assertThat(idA).isGreaterThan(lastA);
			assertThat(idB).isGreaterThan(lastB);
			assertThat(seen.add(idA)).isTrue();
			assertThat(seen.add(idB)).isTrue();
			lastA = idA;
			lastB = idB;
		}
	}

	@Test
	void nextContinuesASequenceWrittenByPythonPottery() {
		// what pottery's NextID leaves after issuing 41: plain decimal on every master
		this.servers.forEach((server) -> server.commands().set("nextid:" + this.name, "41"));
		assertThat(NextId.of(masters, this.name, OPTIONS).getAsLong()).isEqualTo(42);
	}

	@Test
	void pythonPotteryContinuesASequenceWrittenByJava() {
		NextId ids = NextId.of(masters, this.name, OPTIONS);
		IntStream.range(0, 5).forEach((i) -> ids.getAsLong());
		// pottery's next(): GET on every master, max + 1, then the conditional set on every master
		long current = 0;
		for (RedisServer server : this.servers) {
			// a missing key counts as 0 (a master the majority did not wait for may not have it yet)
			String stored = server.commands().get("nextid:" + this.name);
			current = Math.max(current, (stored != null) ? Long.parseLong(stored) : 0);
		}
		long next = current + 1;
		int stored = 0;
		for (RedisServer server : this.servers) {
			Long reply = server.commands().eval(PYTHON_SET_ID, ScriptOutputType.INTEGER,
					new String[] { "nextid:" + this.name }, Long.toString(next));
			if (reply != null && reply == next) {
				stored++;
			}
		}
		assertThat(next).isEqualTo(6);
		assertThat(stored).isEqualTo(5);
		assertThat(ids.getAsLong()).isEqualTo(7);
	}

	@Test
	void nextWhenOnlyAMinorityIsAheadStillIssuesAboveIt() {
		// a majority would take 1, but a master that answers in time has passed it (its value may be the only trace
		// of ids issued before other masters restarted empty): no id at or below an answering master's value
		this.servers.get(0).commands().set("nextid:" + this.name, "100");
		this.servers.get(1).commands().set("nextid:" + this.name, "90");
		NextId ids = NextId.of(masters, this.name, OPTIONS);
		long first = ids.getAsLong();
		assertThat(first).isGreaterThan(100);
		// and every master that answered was brought up to it
		assertThat(this.servers.servers().stream().map((server) -> server.commands().get("nextid:" + this.name)))
			.containsOnly(Long.toString(first));
		assertThat(ids.getAsLong()).isEqualTo(first + 1);
	}

	@Test
	void nextWhenAMajorityIsAheadCatchesUpInOneMoreRoundTrip() {
		for (int i = 0; i < 3; i++) {
			this.servers.get(i).commands().set("nextid:" + this.name, Integer.toString(100 + i));
		}
		assertThat(NextId.of(masters, this.name, OPTIONS).getAsLong()).isGreaterThan(100);
	}

	@Test
	void nextWhenAMajorityHoldsGarbageThrowsQuorumNotAchieved() {
		for (int i = 0; i < 3; i++) {
			this.servers.get(i).commands().set("nextid:" + this.name, "not a number");
		}
		assertThatExceptionOfType(QuorumNotAchievedException.class)
			.isThrownBy(() -> NextId.of(masters, this.name, OPTIONS).getAsLong())
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("nextid:" + this.name))
			.satisfies((ex) -> assertThat(ex.getRedisErrors()).hasSize(3));
	}

	@Test
	void ofWithoutKeyUsesPotteryDefaultKey() {
		assertThat(NextId.of(masters).getKey()).isEqualTo("current");
		assertThat(NextId.of(masters).toString()).startsWith("NextId{key=nextid:current, masters=[redis://");
	}

	// ---------------------------------------------------------------- block reservation

	@Test
	void nextWithBlocksReservesOnAMajorityAndHandsOutLocally() {
		NextId ids = NextId.of(masters, this.name, OPTIONS.toBuilder().blockSize(100).build());
		assertThat(ids.getAsLong()).isEqualTo(1);
		awaitStoredOnEveryMaster("100");
		for (long expected = 2; expected <= 100; expected++) {
			assertThat(ids.getAsLong()).isEqualTo(expected);
		}
		assertThat(ids.getAsLong()).isEqualTo(101);
		awaitStoredOnEveryMaster("200");
	}

	@Test
	void nextWithBlocksFromManyThreadsAndGeneratorsNeverRepeats() throws Exception {
		NextIdOptions options = NextIdOptions.builder().numTries(3).masterTimeout(java.time.Duration.ofSeconds(1)).raiseOnRedisErrors(false).blockSize(50).build();
		NextId shared = NextId.of(masters, this.name, options);
		NextId other = NextId.of(masters, this.name, options);
		// a single-id generator and a Python-style writer on the same key must not collide with the blocks either
		NextId single = NextId.of(masters, this.name, OPTIONS);
		Set<Long> all = java.util.concurrent.ConcurrentHashMap.newKeySet();
		Concurrently.run(Stream.of(shared, shared, other, single).map((generator) -> (Concurrently.ThrowingRunnable) () -> {
			long last = 0;
			for (int i = 0; i < 500; i++) {
				long id = generator.getAsLong();
				assertThat(id).isGreaterThan(last);
				assertThat(all.add(id)).as("id %d issued twice", id).isTrue();
				last = id;
			}
		}).toList());
		assertThat(all).hasSize(2000);
	}

	// ---------------------------------------------------------------- reset

	@Test
	void resetDeletesTheSequenceOnEveryMaster() {
		NextId ids = NextId.of(masters, this.name, OPTIONS);
		ids.getAsLong();
		ids.getAsLong();
		ids.reset();
		this.servers.forEach((server) -> assertThat(server.commands().exists("nextid:" + this.name)).isZero());
		assertThat(ids.getAsLong()).isEqualTo(1);
	}

	// ---------------------------------------------------------------- concurrency

	@Test
	void fourThreadsInEachOfTwoJvmsIssueDistinctIncreasingIds(@TempDir Path directory) throws Exception {
		String urls = String.join(",", this.servers.urls());
		ChildJvm one = ChildJvm.start(IdGenerator.class, this.name, "4", "2000", directory.resolve("one").toString(), urls);
		ChildJvm two = ChildJvm.start(IdGenerator.class, this.name, "4", "2000", directory.resolve("two").toString(), urls);
		one.await(120);
		two.await(120);
		Set<Long> all = new HashSet<>();
		for (String jvm : List.of("one", "two")) {
			for (int t = 0; t < 4; t++) {
				List<Long> ids = new ArrayList<>();
				Files.readAllLines(directory.resolve(jvm + "-" + t + ".txt")).forEach((line) -> ids.add(Long.parseLong(line)));
				assertThat(ids).hasSize(2000).isSorted().doesNotHaveDuplicates();
				all.addAll(ids);
			}
		}
		assertThat(all).hasSize(16_000);
	}

	/**
	 * An id is issued once a majority stored it; the other masters' replies may still be in flight when the call
	 * returns, so a majority is asserted at once and the rest are awaited.
	 */
	private void awaitStoredOnEveryMaster(String value) {
		long now = this.servers.servers().stream()
			.filter((server) -> value.equals(server.commands().get("nextid:" + this.name)))
			.count();
		assertThat(now).isGreaterThanOrEqualTo(3);
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> this.servers
				.forEach((server) -> assertThat(server.commands().get("nextid:" + this.name)).isEqualTo(value)));
	}

}
