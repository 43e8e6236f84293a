package dev.pottery.collections;

import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.stream.IntStream;

import dev.pottery.KeyExistsException;
import dev.pottery.WrongTypeException;
import dev.pottery.Pottery;
import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisSet} beyond the JDK contract ({@link RedisSetContractTests}): wire format, round trips,
 * set algebra, creation and errors.
 */
@RealRedis
class RedisSetTests extends RedisCollectionsTestSupport {

	RedisSetTests(RedisServer redis) {
		super(redis);
	}

	// ---- wire format

	@Test
	void membersAreStoredAsCanonicalJson() {
		String key = newKey();
		RedisSet<Object> set = this.collections.set(key);
		set.addAll(List.of("apple", 1, 2.5, Map.of("b", 1, "a", "é"), true));
		set.add(null);
		assertThat(this.redis.commands().smembers(key)).containsExactlyInAnyOrder("\"apple\"", "1", "2.5",
				"{\"a\": \"\\u00e9\", \"b\": 1}", "true", "null");
	}

	@Test
	void membersWrittenAsPythonWouldAreRead() {
		String key = newKey();
		this.redis.commands().sadd(key, "\"caf\\u00e9\"", "\"pear\"");
		RedisSet<String> set = this.collections.set(key, String.class);
		assertThat(set).containsExactlyInAnyOrder("café", "pear");
		assertThat(set.contains("café")).isTrue();
	}

	// ---- creation and errors

	@Test
	void createWithInitialMembersOnAnExistingKeyThrowsKeyExistsAndWritesNothing() {
		String key = newKey();
		this.redis.commands().sadd(key, "\"x\"");
		assertThatExceptionOfType(KeyExistsException.class)
			.isThrownBy(() -> this.collections.set(key, String.class).create(List.of("a")));
		assertThat(this.redis.commands().smembers(key)).containsExactly("\"x\"");
	}

	@Test
	void createWithInitialMembersStoresThem() {
		String key = newKey();
		RedisSet<String> set = this.collections.set(key, String.class).create(List.of("a", "b"));
		assertThat(set).containsExactlyInAnyOrder("a", "b");
	}

	@Test
	void operationOnAKeyOfAnotherTypeThrowsWrongType() {
		String key = newKey();
		this.redis.commands().set(key, "x");
		RedisSet<String> set = this.collections.set(key, String.class);
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> set.add("a"))
			.withMessageContaining(key)
			.withMessageContaining("string")
			.withMessageContaining("set");
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> set.retainAll(List.of("a")));
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> set.iterator().hasNext());
	}

	// ---- containsMany and round trips

	@Test
	void containsManyAnswersInOrderAndTreatsUnencodableValuesAsAbsent() {
		RedisSet<Object> set = this.collections.set(newKey());
		set.addAll(List.of("a", 1));
		assertThat(set.containsMany("a", "b", 1, new Object(), null)).containsExactly(true, false, true, false, false);
	}

	@Test
	void containsManyOfAThousandIsOneSmismember() {
		RedisSet<Integer> set = this.collections.set(newKey(), Integer.class);
		set.addAll(IntStream.range(0, 1000).boxed().toList());
		CommandStats stats = CommandStats.start(this.redis.commands());
		List<Boolean> found = set.containsMany(IntStream.range(500, 1500).boxed().toList());
		assertThat(stats.since()).isEqualTo(Map.of("smismember", 1L));
		assertThat(found.stream().filter(Boolean::booleanValue).count()).isEqualTo(500);
	}

	@Test
	void addAllContainsAllAndRemoveAllAreOneCommandEach() {
		RedisSet<Integer> set = this.collections.set(newKey(), Integer.class);
		List<Integer> values = IntStream.range(0, 10_000).boxed().toList();
		CommandStats stats = CommandStats.start(this.redis.commands());
		set.addAll(values);
		assertThat(stats.since()).isEqualTo(Map.of("sadd", 1L));
		stats = CommandStats.start(this.redis.commands());
		assertThat(set.containsAll(values)).isTrue();
		assertThat(stats.since()).isEqualTo(Map.of("smismember", 1L));
		stats = CommandStats.start(this.redis.commands());
		set.removeAll(values.subList(0, 5000));
		assertThat(stats.since()).isEqualTo(Map.of("srem", 1L));
	}

	@Test
	void iterationOfTenThousandMembersTakesAboutTenScans() {
		RedisSet<Integer> set = this.collections.set(newKey(), Integer.class);
		set.addAll(IntStream.range(0, 10_000).boxed().toList());
		CommandStats stats = CommandStats.start(this.redis.commands());
		Set<Integer> seen = new HashSet<>();
		set.forEach(seen::add);
		assertThat(seen).hasSize(10_000);
		// COUNT 1000 is a hint: SSCAN walks about 1000 hash buckets per call, so a call may return a few less
		// (10 to 12 calls measured for 10,000 members); the budget is ceil(n / 1000) plus that slack
		assertThat(stats.calls("sscan")).isBetween(1L, 12L);
	}

	@Test
	void iteratorRemoveDeletesTheMember() {
		RedisSet<Integer> set = this.collections.set(newKey(), Integer.class);
		set.addAll(IntStream.range(0, 3000).boxed().toList());
		Iterator<Integer> iterator = set.iterator();
		while (iterator.hasNext()) {
			if (iterator.next() % 2 == 0) {
				iterator.remove();
			}
		}
		assertThat(set).hasSize(1500).allMatch((value) -> value % 2 == 1);
	}

	@Test
	void retainAllIsOneAtomicScript() {
		RedisSet<String> set = this.collections.set(newKey(), String.class).create(List.of("a", "b", "c"));
		set.retainAll(List.of("a", "b", "c")); // loads the script
		CommandStats stats = CommandStats.start(this.redis.commands());
		assertThat(set.retainAll(List.of("b", "z"))).isTrue();
		assertThat(stats.calls("evalsha") + stats.calls("eval")).isEqualTo(1);
		assertThat(set).containsExactly("b");
		assertThat(set.retainAll(List.of("b"))).isFalse();
	}

	// ---- algebra

	@Test
	void algebraWithSetsOnTheSameServerIsOneCommand() {
		RedisSet<String> a = this.collections.set(newKey(), String.class).create(List.of("a", "b", "c"));
		RedisSet<String> b = this.collections.set(newKey(), String.class).create(List.of("b", "c", "d"));
		RedisSet<String> c = this.collections.set(newKey(), String.class).create(List.of("c", "e"));
		CommandStats stats = CommandStats.start(this.redis.commands());
		assertThat(a.union(b, c)).containsExactlyInAnyOrder("a", "b", "c", "d", "e");
		assertThat(stats.since()).isEqualTo(Map.of("sunion", 1L));
		assertThat(a.intersection(b, c)).containsExactly("c");
		assertThat(a.difference(b)).containsExactly("a");
		assertThat(stats.since()).containsEntry("sinter", 1L).containsEntry("sdiff", 1L).hasSize(3);
	}

	@Test
	void algebraStoreWritesTheResultAndReturnsTheSet() {
		RedisSet<String> a = this.collections.set(newKey(), String.class).create(List.of("a", "b"));
		RedisSet<String> b = this.collections.set(newKey(), String.class).create(List.of("b", "c"));
		String dest = newKey();
		CommandStats stats = CommandStats.start(this.redis.commands());
		RedisSet<String> union = a.unionStore(dest, b);
		assertThat(stats.since()).isEqualTo(Map.of("sunionstore", 1L));
		assertThat(union.key()).isEqualTo(dest);
		assertThat(union).containsExactlyInAnyOrder("a", "b", "c");
		assertThat(a.intersectionStore(dest, b)).containsExactly("b");
		assertThat(a.differenceStore(dest, b)).containsExactly("a");
	}

	@Test
	void algebraWithSetsOnAnotherConnectionFactoryRunsClientSide() {
		LettuceConnectionFactory factory = new LettuceConnectionFactory(
				LettuceConnectionFactory.createRedisConfiguration(this.redis.url()));
		factory.afterPropertiesSet();
		factory.start();
		try {
			Pottery other = Pottery.create(factory);
			RedisSet<String> a = this.collections.set(newKey(), String.class).create(List.of("a", "b"));
			RedisSet<String> b = other.set(newKey(), String.class).create(List.of("b", "c"));
			CommandStats stats = CommandStats.start(this.redis.commands());
			assertThat(a.union(b)).containsExactlyInAnyOrder("a", "b", "c");
			assertThat(a.intersection(b)).containsExactly("b");
			assertThat(a.difference(b)).containsExactly("a");
			assertThat(a.isSubsetOf(b)).isFalse();
			assertThat(stats.calls("sunion") + stats.calls("sinter") + stats.calls("sdiff")).isZero();
			String dest = newKey();
			assertThat(a.unionStore(dest, b)).containsExactlyInAnyOrder("a", "b", "c");
		}
		finally {
			factory.destroy();
		}
	}

	@Test
	void subsetSupersetAndDisjoint() {
		RedisSet<String> small = this.collections.set(newKey(), String.class).create(List.of("a", "b"));
		RedisSet<String> big = this.collections.set(newKey(), String.class).create(List.of("a", "b", "c"));
		RedisSet<String> other = this.collections.set(newKey(), String.class).create(List.of("x"));
		assertThat(small.isSubsetOf(big)).isTrue();
		assertThat(big.isSubsetOf(small)).isFalse();
		assertThat(big.isSupersetOf(small)).isTrue();
		assertThat(small.isSupersetOf(big)).isFalse();
		assertThat(small.isDisjoint(other)).isTrue();
		assertThat(small.isDisjoint(big)).isFalse();
		assertThat(small.isSubsetOf(List.of("a", "b", "z"))).isTrue();
		assertThat(small.isSubsetOf(List.of("a"))).isFalse();
		assertThat(small.isSupersetOf(List.of("a"))).isTrue();
		assertThat(small.isDisjoint(List.of("y", "z"))).isTrue();
		assertThat(small.isDisjoint(List.of("y", "a"))).isFalse();
	}

	// ---- pop and randomElement

	@Test
	void popRemovesAMemberAndThrowsWhenEmpty() {
		RedisSet<String> set = this.collections.set(newKey(), String.class).create(List.of("a", "b"));
		Set<String> popped = new HashSet<>(List.of(set.pop(), set.pop()));
		assertThat(popped).containsExactlyInAnyOrder("a", "b");
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(set::pop);
	}

	@Test
	void randomElementKeepsTheMemberAndThrowsWhenEmpty() {
		RedisSet<String> set = this.collections.set(newKey(), String.class).create(List.of("a"));
		assertThat(set.randomElement()).isEqualTo("a");
		assertThat(set).containsExactly("a");
		set.clear();
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(set::randomElement);
	}

	@Test
	void untypedSetDecodesNaturalTypes() {
		RedisSet<Object> set = this.collections.set(newKey());
		set.addAll(List.of(1, "x", List.of(1, 2)));
		assertThat(set).containsExactlyInAnyOrder(1, "x", List.of(1, 2));
	}

}
