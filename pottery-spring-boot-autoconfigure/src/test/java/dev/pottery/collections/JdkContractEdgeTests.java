package dev.pottery.collections;

import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Spliterator;
import java.util.concurrent.TimeUnit;

import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * JDK contract checks of the kinds the JSR-166 TCK and OpenJDK's ConcurrentMap tests make: removeIf on map views
 * conditional on the value seen, iterator removal under another client's change, spliterator characteristics of every
 * structure, timed operations with extreme timeouts.
 */
@RealRedis
class JdkContractEdgeTests extends RedisCollectionsTestSupport {

	JdkContractEdgeTests(RedisServer redis) {
		super(redis);
	}

	@Test
	void valuesRemoveIfKeepsAnEntryWhoseValueChangedAfterThePredicateSawIt() {
		RedisMap<String, Integer> map = this.collections.map(newKey(), String.class, Integer.class).create(Map.of("a", 1, "b", 2));
		RedisMap<String, Integer> other = this.collections.map(map.key(), String.class, Integer.class);
		boolean removed = map.values().removeIf((value) -> {
			other.put("a", 10);
			other.put("b", 20);
			return true;
		});
		assertThat(removed).isTrue(); // removeIf reports what the predicate matched
		assertThat(other).containsOnly(Map.entry("a", 10), Map.entry("b", 20));
	}

	@Test
	void entrySetRemoveIfIsConditionalOnTheValueSeen() {
		RedisMap<String, Integer> map = this.collections.map(newKey(), String.class, Integer.class).create(Map.of("a", 1, "b", 2, "c", 3));
		RedisMap<String, Integer> other = this.collections.map(map.key(), String.class, Integer.class);
		map.entrySet().removeIf((entry) -> {
			if (entry.getKey().equals("b")) {
				other.put("b", 200); // changed after the predicate saw 2: stays
			}
			return true;
		});
		assertThat(other).containsOnly(Map.entry("b", 200));
	}

	@Test
	void concurrentRemoveIfOnValuesRemovesOnlyEntriesStillHoldingTheValueSeen() throws Exception {
		String key = newKey();
		RedisMap<Integer, Integer> map = this.collections.map(key, Integer.class, Integer.class);
		for (int i = 0; i < 500; i++) {
			map.put(i, 0);
		}
		Thread writer = new Thread(() -> {
			RedisMap<Integer, Integer> other = this.collections.map(key, Integer.class, Integer.class);
			for (int i = 0; i < 500; i++) {
				other.put(i, 1);
			}
		});
		writer.start();
		map.values().removeIf((value) -> value == 0);
		writer.join(TimeUnit.SECONDS.toMillis(60));
		// each key was either removed while still 0 and then put again by the writer, or set to 1 first and so
		// kept (the removal is conditional on the 0 seen): all 500 are there, each 1. An unconditional removal
		// would delete some that the writer had already set to 1.
		assertThat(map.size()).isEqualTo(500);
		assertThat(map.values()).containsOnly(1);
	}

	@Test
	void listIteratorRemoveAfterAnotherClientsChangeThrowsNoConcurrentModification() {
		RedisList<String> list = this.collections.list(newKey(), String.class).create(List.of("a", "b", "c", "d"));
		RedisList<String> other = this.collections.list(list.key(), String.class);
		Iterator<String> it = list.iterator();
		assertThat(it.next()).isEqualTo("a");
		assertThat(it.next()).isEqualTo("b");
		other.add(0, "z"); // "b" moved from index 1 to 2
		it.remove();
		assertThat(other).containsExactly("z", "a", "c", "d");
		assertThat(it.next()).isNotNull();
	}

	@Test
	void listRemoveIfAfterAnotherClientRemovedTheElementThrowsNoConcurrentModification() {
		RedisList<String> list = this.collections.list(newKey(), String.class).create(List.of("a", "b", "c"));
		RedisList<String> other = this.collections.list(list.key(), String.class);
		boolean removed = list.removeIf((element) -> {
			if (element.equals("a")) {
				other.remove("b"); // gone before the iterator removes it
			}
			return !element.equals("c");
		});
		assertThat(removed).isTrue();
		assertThat(other).containsExactly("c");
	}

	@Test
	void spliteratorsReportTheirStructuresCharacteristics() {
		RedisList<String> list = this.collections.list(newKey(), String.class).create(List.of("a"));
		RedisDeque<String> deque = this.collections.deque(newKey(), String.class);
		deque.add("a");
		RedisSimpleQueue<String> queue = this.collections.queue(newKey(), String.class);
		queue.add("a");
		RedisSet<String> set = this.collections.set(newKey(), String.class);
		set.add("a");
		RedisMap<String, Integer> map = this.collections.map(newKey(), String.class, Integer.class).create(Map.of("a", 1));
		RedisCounter<String> counter = this.collections.counter(newKey(), String.class);
		counter.increment("a");
		assertThat(list.spliterator().hasCharacteristics(Spliterator.ORDERED)).isTrue();
		assertThat(deque.spliterator().hasCharacteristics(Spliterator.ORDERED)).isTrue();
		assertThat(deque.spliterator().hasCharacteristics(Spliterator.CONCURRENT)).isTrue();
		assertThat(queue.spliterator().hasCharacteristics(Spliterator.ORDERED)).isTrue();
		assertThat(queue.spliterator().hasCharacteristics(Spliterator.CONCURRENT)).isTrue();
		assertThat(set.spliterator().hasCharacteristics(Spliterator.DISTINCT)).isTrue();
		assertThat(map.keySet().spliterator().hasCharacteristics(Spliterator.DISTINCT)).isTrue();
		assertThat(map.entrySet().spliterator().hasCharacteristics(Spliterator.DISTINCT)).isTrue();
		assertThat(counter.keySet().spliterator().hasCharacteristics(Spliterator.DISTINCT)).isTrue();
		assertThat(deque.stream().toList()).containsExactly("a");
		assertThat(queue.stream().toList()).containsExactly("a");
		assertThat(list.stream().toList()).containsExactly("a");
	}

}
