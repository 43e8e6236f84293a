package dev.pottery.collections;

import java.util.Iterator;
import java.util.List;
import java.util.ListIterator;
import java.util.Map;
import java.util.RandomAccess;
import java.util.stream.IntStream;

import dev.pottery.KeyExistsException;
import dev.pottery.WrongTypeException;
import dev.pottery.test.CommandStats;
import dev.pottery.test.Concurrently;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisList} beyond the JDK contract ({@link RedisListContractTests}): wire format, round trips,
 * atomic index writes, views, creation and errors.
 */
@RealRedis
class RedisListTests extends RedisCollectionsTestSupport {

	RedisListTests(RedisServer redis) {
		super(redis);
	}

	// ---- wire format

	@Test
	void elementsAreStoredAsCanonicalJsonHeadFirst() {
		String key = newKey();
		RedisList<Object> list = this.collections.list(key);
		list.addAll(List.of("a", 1, 1.0, Map.of("z", 1, "a", 2)));
		list.add(null);
		list.add(0, "head");
		assertThat(this.redis.commands().lrange(key, 0, -1)).containsExactly("\"head\"", "\"a\"", "1", "1.0",
				"{\"a\": 2, \"z\": 1}", "null");
	}

	@Test
	void elementsWrittenAsPythonWouldAreRead() {
		String key = newKey();
		this.redis.commands().rpush(key, "1", "4", "9");
		RedisList<Integer> squares = this.collections.list(key, Integer.class);
		assertThat(squares).containsExactly(1, 4, 9);
		assertThat(squares.get(2)).isEqualTo(9);
	}

	// ---- replaceAll and sort: atomic as a whole

	@Test
	void replaceAllRewritesEveryElementWithOneReadAndOneScript() {
		String key = newKey();
		RedisList<Integer> list = this.collections.list(key, Integer.class).create(List.of(1, 2, 3));
		list.replaceAll((n) -> n * 10);
		CommandStats stats = CommandStats.start(this.redis.commands());
		list.replaceAll((n) -> n + 1);
		// two round trips: LRANGE, then EVALSHA (whose script runs LRANGE, PTTL, DEL, RPUSH inside Redis)
		assertThat(stats.since()).isEqualTo(
				Map.of("lrange", 2L, "evalsha", 1L, "pttl", 1L, "del", 1L, "rpush", 1L));
		assertThat(this.redis.commands().lrange(key, 0, -1)).containsExactly("11", "21", "31");
	}

	@Test
	void sortOrdersNaturallyOrByComparatorAndKeepsTheTtl() {
		String key = newKey();
		RedisList<String> list = this.collections.list(key, String.class).create(List.of("pear", "fig", "apple"));
		this.redis.commands().pexpire(key, 60_000);
		list.sort(null);
		assertThat(this.redis.commands().lrange(key, 0, -1)).containsExactly("\"apple\"", "\"fig\"", "\"pear\"");
		list.sort(java.util.Comparator.comparing(String::length).reversed());
		assertThat(list).containsExactly("apple", "pear", "fig");
		assertThat(this.redis.commands().pttl(key)).isBetween(1L, 60_000L);
	}

	@Test
	void replaceAllWithAValueThatCannotBeEncodedWritesNothing() {
		String key = newKey();
		RedisList<Object> list = this.collections.list(key, Object.class).create(List.of(1, 2));
		assertThatExceptionOfType(RuntimeException.class).isThrownBy(() -> list.replaceAll((n) -> new Object()));
		assertThat(this.redis.commands().lrange(key, 0, -1)).containsExactly("1", "2");
	}

	@Test
	void replaceAllOnAnEmptyListWritesNothing() {
		String key = newKey();
		RedisList<Integer> list = this.collections.list(key, Integer.class);
		list.replaceAll((n) -> n + 1);
		list.sort(null);
		assertThat(this.redis.commands().exists(key)).isZero();
	}

	@Test
	void concurrentReplaceAllFromTwoInstancesLosesNoUpdate() throws InterruptedException {
		String key = newKey();
		this.collections.list(key, Integer.class).create(List.of(0, 100, 200));
		int rounds = 200;
		// each thread its own instance, as two JVMs would have
		RedisList<Integer> first = this.collections.list(key, Integer.class);
		RedisList<Integer> second = this.collections.list(key, Integer.class);
		Concurrently.run(List.of(first, second).stream().map((list) -> (Concurrently.ThrowingRunnable) () -> {
			for (int i = 0; i < rounds; i++) {
				list.replaceAll((n) -> n + 1);
			}
		}).toList());
		assertThat(this.redis.commands().lrange(key, 0, -1)).containsExactly("400", "500", "600");
	}

	// ---- creation and errors

	@Test
	void createWithInitialElementsOnAnExistingKeyThrowsKeyExistsAndWritesNothing() {
		String key = newKey();
		this.redis.commands().rpush(key, "0");
		assertThatExceptionOfType(KeyExistsException.class)
			.isThrownBy(() -> this.collections.list(key, Integer.class).create(List.of(1, 2)));
		assertThat(this.redis.commands().lrange(key, 0, -1)).containsExactly("0");
	}

	@Test
	void operationOnAKeyOfAnotherTypeThrowsWrongType() {
		String key = newKey();
		this.redis.commands().sadd(key, "1");
		RedisList<Integer> list = this.collections.list(key, Integer.class);
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> list.add(1))
			.withMessageContaining(key)
			.withMessageContaining("set")
			.withMessageContaining("list");
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> list.add(0, 1));
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> list.remove(0));
	}

	@Test
	void isNotRandomAccess() {
		assertThat(this.collections.list(newKey(), Integer.class)).isNotInstanceOf(RandomAccess.class);
	}

	// ---- index writes

	@Test
	void addAtIndexInsertsBeforeThatIndexInOneScript() {
		String key = newKey();
		RedisList<String> list = this.collections.list(key, String.class).create(List.of("a", "b", "c"));
		list.get(0);
		list.add(1, "warm-up");
		list.remove(1);
		CommandStats stats = CommandStats.start(this.redis.commands());
		list.add(1, "x");
		assertThat(stats.calls("evalsha")).isEqualTo(1);
		list.add(3, "y");
		list.add(0, "first");
		list.add(list.size(), "last");
		assertThat(list).containsExactly("first", "a", "x", "b", "y", "c", "last");
		list.addAll(2, List.of("p", "q"));
		assertThat(list.toList()).containsExactly("first", "a", "p", "q", "x", "b", "y", "c", "last");
	}

	@Test
	void removeAtIndexKeepsDuplicatesElsewhere() {
		RedisList<String> list = this.collections.list(newKey(), String.class).create(List.of("a", "b", "a", "b"));
		assertThat(list.remove(2)).isEqualTo("a");
		assertThat(list).containsExactly("a", "b", "b");
		assertThat(list.remove("b")).isTrue();
		assertThat(list).containsExactly("a", "b");
	}

	@Test
	void setReturnsTheOldElement() {
		RedisList<String> list = this.collections.list(newKey(), String.class).create(List.of("a", "b"));
		assertThat(list.set(1, "c")).isEqualTo("b");
		assertThat(list).containsExactly("a", "c");
		assertThatExceptionOfType(IndexOutOfBoundsException.class).isThrownBy(() -> list.set(2, "x"));
	}

	@Test
	void subListIsALiveWriteThroughView() {
		String key = newKey();
		RedisList<Integer> list = this.collections.list(key, Integer.class).create(List.of(0, 1, 2, 3, 4, 5));
		List<Integer> middle = list.subList(1, 5);
		assertThat(middle).containsExactly(1, 2, 3, 4);
		middle.set(0, 10);
		middle.remove(Integer.valueOf(3));
		middle.add(99);
		assertThat(list).containsExactly(0, 10, 2, 4, 99, 5);
		middle.subList(1, 3).clear();
		assertThat(this.redis.commands().lrange(key, 0, -1)).containsExactly("0", "10", "99", "5");
	}

	@Test
	void removeAllAndRetainAllAreOneScriptAndKeepOrder() {
		RedisList<Integer> list = this.collections.list(newKey(), Integer.class).create(List.of(1, 2, 3, 2, 1));
		assertThat(list.removeAll(List.of(2))).isTrue();
		assertThat(list).containsExactly(1, 3, 1);
		assertThat(list.retainAll(List.of(1))).isTrue();
		assertThat(list).containsExactly(1, 1);
	}

	// ---- iteration and round trips

	@Test
	void addAllIsOneRpush() {
		RedisList<Integer> list = this.collections.list(newKey(), Integer.class);
		CommandStats stats = CommandStats.start(this.redis.commands());
		list.addAll(IntStream.range(0, 10_000).boxed().toList());
		assertThat(stats.since()).isEqualTo(Map.of("rpush", 1L));
	}

	@Test
	void iterationOfTenThousandElementsIsTenLrangeWindows() {
		RedisList<Integer> list = this.collections.list(newKey(), Integer.class);
		list.addAll(IntStream.range(0, 10_000).boxed().toList());
		CommandStats stats = CommandStats.start(this.redis.commands());
		int expected = 0;
		for (int value : list) {
			assertThat(value).isEqualTo(expected++);
		}
		assertThat(expected).isEqualTo(10_000);
		assertThat(stats.since()).isEqualTo(Map.of("lrange", 10L));
	}

	@Test
	void listIteratorSetAddRemoveAndPrevious() {
		RedisList<Integer> list = this.collections.list(newKey(), Integer.class);
		list.addAll(IntStream.range(0, 2500).boxed().toList());
		ListIterator<Integer> iterator = list.listIterator();
		while (iterator.hasNext()) {
			int value = iterator.next();
			if (value % 500 == 0) {
				iterator.remove();
			}
			else if (value % 500 == 1) {
				iterator.set(-value);
			}
			else if (value == 2499) {
				iterator.add(2500);
			}
		}
		assertThat(list).hasSize(2496);
		assertThat(list.get(0)).isEqualTo(-1);
		assertThat(list.get(2495)).isEqualTo(2500);
		int count = 0;
		while (iterator.hasPrevious()) {
			iterator.previous();
			count++;
		}
		assertThat(count).isEqualTo(2496);
	}

	@Test
	void iteratorRemoveOfAnElementAnotherClientReplacedRemovesNothingAndDoesNotThrow() {
		String key = newKey();
		RedisList<String> list = this.collections.list(key, String.class).create(List.of("a", "b"));
		Iterator<String> iterator = list.iterator();
		iterator.next();
		this.redis.commands().lset(key, 0, "\"z\"");
		iterator.remove(); // weakly consistent, as RedisList's Javadoc says: no ConcurrentModificationException
		assertThat(list).containsExactly("z", "b");
	}

	@Test
	void indexOfAndLastIndexOfUseCanonicalJson() {
		RedisList<Object> list = this.collections.list(newKey());
		list.addAll(List.of(1, "1", 1.0, 1));
		assertThat(list.indexOf(1L)).isZero();
		assertThat(list.lastIndexOf(1)).isEqualTo(3);
		assertThat(list.indexOf("1")).isEqualTo(1);
		assertThat(list.indexOf(new Object())).isEqualTo(-1);
	}

}
