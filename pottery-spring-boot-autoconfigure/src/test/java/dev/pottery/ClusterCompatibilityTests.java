package dev.pottery;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import dev.pottery.cache.RedisCache;
import dev.pottery.collections.CachedOrderedMap;
import dev.pottery.collections.RedisCounter;
import dev.pottery.collections.RedisDeque;
import dev.pottery.collections.RedisList;
import dev.pottery.collections.RedisMap;
import dev.pottery.collections.RedisSet;
import dev.pottery.collections.RedisSimpleQueue;
import dev.pottery.probabilistic.BloomFilter;
import dev.pottery.probabilistic.BloomFilterMismatchException;
import dev.pottery.probabilistic.HyperLogLog;
import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedisCluster;
import dev.pottery.test.RedisCluster;
import io.lettuce.core.cluster.SlotHash;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Every structure's operations that run a script or touch more than one key, on a real Redis Cluster of 3 masters
 * through a {@code LettuceConnectionFactory} on a {@code RedisClusterConfiguration} (DESIGN §5.5: an operation touches
 * its own key or keys of its slot; operations across structures run server-side within a slot and client-side across
 * slots).
 */
@RealRedisCluster
class ClusterCompatibilityTests {

	private final RedisCluster cluster;

	private final Pottery collections;

	private final Pottery structures;

	private final List<String> keys = new ArrayList<>();

	ClusterCompatibilityTests(RedisCluster cluster) {
		this.cluster = cluster;
		this.collections = Pottery.create(cluster.connectionFactory());
		this.structures = Pottery.create(cluster.connectionFactory());
	}

	/** A fresh key in a random slot, deleted after the test. */
	private String newKey() {
		return track(this.cluster.newKey());
	}

	/** Fresh keys sharing a slot (a common hash tag), deleted after the test. */
	private List<String> newKeysInOneSlot(int count) {
		List<String> fresh = this.cluster.newKeysInOneSlot(count);
		fresh.forEach(this::track);
		return fresh;
	}

	/** A fresh key on another master than {@code key}, deleted after the test. */
	private String newKeyOnAnotherMaster(String key) {
		return track(this.cluster.newKeyOnAnotherMaster(key));
	}

	private String track(String key) {
		this.keys.add(key);
		return key;
	}

	@AfterEach
	void deleteKeys() {
		if (!this.keys.isEmpty()) {
			// Lettuce splits a multi-key DEL by slot
			this.cluster.commands().del(this.keys.toArray(String[]::new));
		}
	}

	// ---- the cluster itself

	@Test
	void clusterHasThreeMastersAndTheFactoryIsClusterAware() {
		assertThat(this.cluster.nodes()).hasSize(3);
		assertThat(this.cluster.connectionFactory().isClusterAware()).isTrue();
		assertThat(this.cluster.commands().clusterInfo()).contains("cluster_state:ok", "cluster_known_nodes:3");
		String key = newKey();
		String other = newKeyOnAnotherMaster(key);
		assertThat(SlotHash.getSlot(key)).isNotEqualTo(SlotHash.getSlot(other));
		this.cluster.commands().set(key, "a");
		this.cluster.commands().set(other, "b");
		assertThat(this.cluster.masterOf(key).get(key)).isEqualTo("a");
		assertThat(this.cluster.masterOf(other).get(other)).isEqualTo("b");
	}

	// ---- RedisMap

	@Test
	void mapScriptsAndBatchesRunOnTheKeysMaster() {
		RedisMap<String, Integer> tel = this.collections.map(newKey(), String.class, Integer.class).create(Map.of("jack", 4098, "sape", 4139));
		assertThat(tel.put("guido", 4127)).isNull();
		assertThat(tel.put("guido", 4128)).isEqualTo(4127);
		assertThat(tel.putIfAbsent("guido", 1)).isEqualTo(4128);
		assertThat(tel.putIfAbsent("irv", 4127)).isNull();
		assertThat(tel.replace("irv", 1)).isEqualTo(4127);
		assertThat(tel.replace("irv", 1, 2)).isTrue();
		assertThat(tel.remove("irv", 3)).isFalse();
		assertThat(tel.remove("irv", 2)).isTrue();
		assertThat(tel.remove("sape")).isEqualTo(4139);
		assertThat(tel.merge("jack", 1, Integer::sum)).isEqualTo(4099);
		assertThat(tel.compute("jack", (name, number) -> number + 1)).isEqualTo(4100);
		assertThat(tel.computeIfAbsent("tim", (name) -> 7)).isEqualTo(7);
		assertThat(tel.computeIfPresent("tim", (name, number) -> null)).isNull();
		Map<String, Integer> many = new LinkedHashMap<>();
		for (int i = 0; i < 2500; i++) {
			many.put("user" + i, i);
		}
		tel.putAll(many);
		assertThat(tel.getAll(List.of("user0", "user2499", "nobody"))).containsOnly(Map.entry("user0", 0),
				Map.entry("user2499", 2499));
		assertThat(tel).hasSize(2502);
		int seen = 0;
		for (Iterator<Map.Entry<String, Integer>> entries = tel.entrySet().iterator(); entries.hasNext();) {
			Map.Entry<String, Integer> entry = entries.next();
			seen++;
			if (entry.getKey().startsWith("user")) {
				entries.remove();
			}
		}
		assertThat(seen).isEqualTo(2502);
		assertThat(tel.toMap()).containsOnly(Map.entry("jack", 4100), Map.entry("guido", 4128));
		assertThat(this.cluster.commands().hget(tel.key(), "\"jack\"")).isEqualTo("4100");
		tel.clear();
		assertThat(this.cluster.commands().exists(tel.key())).isZero();
	}

	@Test
	void mapWithARandomKeyWorksAndIsDeletedByClear() {
		RedisMap<String, String> map = this.collections.map(null, String.class, String.class);
		assertThat(map.key()).startsWith("pottery:");
		track(map.key());
		map.put("a", "b");
		assertThat(map.putIfAbsent("a", "c")).isEqualTo("b");
		map.clear();
		assertThat(this.cluster.commands().exists(map.key())).isZero();
	}

	// ---- random keys

	@Test
	void everyStructureWorksOnARandomKey() {
		RedisSet<String> set = this.collections.set(null, String.class);
		RedisList<String> list = this.collections.list(null, String.class);
		RedisDeque<String> deque = this.collections.deque(null, 2, String.class);
		RedisCounter<String> counter = this.collections.counter(null, String.class);
		RedisSimpleQueue<String> queue = this.collections.queue(null, String.class);
		BloomFilter<String> bloom = this.structures.bloomFilter(null, 10, 0.1, String.class);
		HyperLogLog<String> hll = this.structures.hyperLogLog(null, String.class);
		RedisCache<String> cache = RedisCache.builder(this.cluster.connectionFactory()).build(String.class);
		List<String> randomKeys = List.of(set.key(), list.key(), deque.key(), counter.key(), queue.key(), bloom.key(),
				hll.key(), cache.key());
		randomKeys.forEach(this::track);
		assertThat(randomKeys).allMatch((key) -> key.matches("pottery:[0-9a-f-]{36}")).doesNotHaveDuplicates();
		set.add("a");
		list.add(0, "a");
		deque.addAll(List.of("a", "b", "c"));
		counter.update(List.of("a", "a"));
		queue.add("a");
		bloom.add("a");
		hll.add("a");
		cache.get(List.of(1), () -> "a");
		assertThat(set.containsMany("a", "b")).containsExactly(true, false);
		assertThat(list.toList()).containsExactly("a");
		assertThat(deque.toList()).containsExactly("b", "c");
		assertThat(counter.count("a")).isEqualTo(2);
		assertThat(queue.poll()).isEqualTo("a");
		assertThat(bloom.mightContain("a")).isTrue();
		assertThat(hll.contains("a")).isTrue();
		assertThat(cache.get(List.of(1), () -> "b")).isEqualTo("a");
		// no parameter record for a random-key filter
		assertThat(this.cluster.commands().exists(bloom.key() + ":bloom-params")).isZero();
		set.clear();
		list.clear();
		deque.clear();
		counter.clear();
		queue.clear();
		bloom.clear();
		hll.clear();
		cache.clear();
		assertThat(this.cluster.commands().exists(randomKeys.toArray(String[]::new))).isZero();
	}

	// ---- RedisCounter

	@Test
	void counterUpdatesRunInOneScriptOnTheKeysMaster() {
		RedisCounter<Character> letters = this.collections.counter(newKey(), Character.class).create(List.of('g', 'a', 'l', 'a'));
		for (char letter : "hadl".toCharArray()) {
			letters.increment(letter);
		}
		letters.update(List.of('a', 'b', 'c'));
		letters.subtract(Map.of('a', 4));
		assertThat(letters.count('a')).isZero();
		assertThat(letters.count('l')).isEqualTo(2);
		assertThat(letters.mostCommon(1)).containsExactly(Map.entry('l', 2L));
		assertThat(letters.total()).isEqualTo(7);
		letters.clear();
		assertThat(this.cluster.commands().exists(letters.key())).isZero();
	}

	// ---- CachedOrderedMap

	@Test
	void cachedOrderedMapHydratesFromACacheOnTheCluster() {
		RedisMap<Integer, String> cache = this.collections.map(newKey(), Integer.class, String.class);
		cache.put(1, "Document 1");
		CachedOrderedMap<Integer, String> results = this.collections.cachedOrderedMap(cache, List.of(3, 1, 2));
		assertThat(results.misses()).containsExactly(3, 2);
		results.put(3, "Document 3");
		results.putAll(Map.of(2, "Document 2"));
		assertThat(results.putIfAbsent(2, "other")).isEqualTo("Document 2");
		assertThat(new ArrayList<>(results.values())).containsExactly("Document 3", "Document 1", "Document 2");
		assertThat(cache.toMap()).hasSize(3);
	}

	// ---- RedisSet

	@Test
	void setScriptsRunOnTheKeysMaster() {
		RedisSet<String> basket = this.collections.set(newKey(), String.class).create(List.of("apple", "orange", "apple", "pear", "orange", "banana"));
		assertThat(basket.containsMany("apple", "tomato")).containsExactly(true, false);
		assertThat(basket.containsAll(List.of("apple", "pear"))).isTrue();
		assertThat(basket.retainAll(List.of("apple", "pear", "banana"))).isTrue();
		assertThat(basket.removeAll(List.of("banana"))).isTrue();
		List<String> iterated = new ArrayList<>();
		basket.forEach(iterated::add);
		assertThat(iterated).containsExactlyInAnyOrder("apple", "pear");
		basket.clear();
	}

	@Test
	void setAlgebraWithinOneSlotRunsServerSideInOneCommand() {
		List<String> slot = newKeysInOneSlot(3);
		RedisSet<Integer> a = this.collections.set(slot.get(0), Integer.class).create(List.of(1, 2, 3));
		RedisSet<Integer> b = this.collections.set(slot.get(1), Integer.class).create(List.of(2, 3, 4));
		CommandStats stats = CommandStats.start(this.cluster.masterOf(slot.get(0)));
		assertThat(a.union(b)).containsExactlyInAnyOrder(1, 2, 3, 4);
		assertThat(a.intersection(b)).containsExactlyInAnyOrder(2, 3);
		assertThat(a.difference(b)).containsExactlyInAnyOrder(1);
		assertThat(stats.since()).containsOnly(Map.entry("sunion", 1L), Map.entry("sinter", 1L),
				Map.entry("sdiff", 1L));
		RedisSet<Integer> stored = a.unionStore(slot.get(2), b);
		assertThat(stored).containsExactlyInAnyOrder(1, 2, 3, 4);
		assertThat(a.intersectionStore(slot.get(2), b)).containsExactlyInAnyOrder(2, 3);
		assertThat(a.differenceStore(slot.get(2), b)).containsExactlyInAnyOrder(1);
		// stored now holds the difference, {1}
		assertThat(a.isDisjoint(b)).isFalse();
		assertThat(a.isSubsetOf(b)).isFalse();
		assertThat(stored.isSubsetOf(a)).isTrue();
		assertThat(a.isSupersetOf(stored)).isTrue();
		assertThat(stored.isDisjoint(b)).isTrue();
	}

	@Test
	void setAlgebraAcrossSlotsFallsBackToClientSideWork() {
		String first = newKey();
		RedisSet<Integer> a = this.collections.set(first, Integer.class).create(List.of(1, 2, 3));
		RedisSet<Integer> b = this.collections.set(newKeyOnAnotherMaster(first), Integer.class).create(List.of(2, 3, 4));
		assertThat(a.union(b)).containsExactlyInAnyOrder(1, 2, 3, 4);
		assertThat(a.intersection(b)).containsExactlyInAnyOrder(2, 3);
		assertThat(a.difference(b)).containsExactlyInAnyOrder(1);
		String destination = newKeyOnAnotherMaster(first);
		assertThat(a.unionStore(destination, b)).containsExactlyInAnyOrder(1, 2, 3, 4);
		assertThat(a.intersectionStore(destination, b)).containsExactlyInAnyOrder(2, 3);
		assertThat(a.differenceStore(destination, b)).containsExactlyInAnyOrder(1);
		assertThat(this.cluster.commands().smembers(destination)).containsExactly("1");
		assertThat(a.isDisjoint(b)).isFalse();
		assertThat(a.isSubsetOf(b)).isFalse();
		RedisSet<Integer> all = this.collections.set(newKeyOnAnotherMaster(first), Integer.class).create(List.of(1, 2, 3, 4));
		assertThat(a.isSubsetOf(all)).isTrue();
		assertThat(all.isSupersetOf(a)).isTrue();
		assertThat(all.isSupersetOf(b)).isTrue();
	}

	@Test
	void readmeExampleSetAlgebraWithAndWithoutAHashTag() {
		LettuceConnectionFactory connectionFactory = this.cluster.connectionFactory();
		Pottery pottery = Pottery.create(connectionFactory);
		List.of("{visitors}:monday", "{visitors}:tuesday", "visitors:wednesday").forEach(this::track);
		RedisSet<String> monday = pottery.set("{visitors}:monday", String.class).create(List.of("ann", "bob"));
		RedisSet<String> tuesday = pottery.set("{visitors}:tuesday", String.class).create(List.of("bob", "eve"));
		assertThat(monday.union(tuesday)).containsExactlyInAnyOrder("ann", "bob", "eve");
		RedisSet<String> wednesday = pottery.set("visitors:wednesday", String.class).create(List.of("eve", "joe"));
		assertThat(monday.union(wednesday)).containsExactlyInAnyOrder("ann", "bob", "eve", "joe");
		assertThat(SlotHash.getSlot("{visitors}:monday")).isEqualTo(SlotHash.getSlot("visitors"))
			.isEqualTo(SlotHash.getSlot("{visitors}:tuesday"))
			.isNotEqualTo(SlotHash.getSlot("visitors:wednesday"));
		CommandStats stats = CommandStats.start(this.cluster.masterOf("visitors"));
		monday.union(tuesday);
		assertThat(stats.since()).containsOnly(Map.entry("sunion", 1L));
	}

	// ---- RedisList

	@Test
	void listScriptsRunOnTheKeysMaster() {
		RedisList<Integer> squares = this.collections.list(newKey(), Integer.class).create(List.of(1, 4, 9, 16, 25));
		squares.add(2, 5);
		assertThat(squares.remove(2)).isEqualTo(5);
		assertThat(squares.set(0, 0)).isEqualTo(1);
		squares.addAll(1, List.of(2, 3));
		assertThat(squares.removeAll(List.of(2, 3))).isTrue();
		assertThat(squares.retainAll(List.of(0, 4, 9, 16))).isTrue();
		squares.subList(0, 1).clear();
		squares.addAll(List.of(36, 49));
		assertThat(squares.toList()).containsExactly(4, 9, 16, 36, 49);
		squares.replaceAll((n) -> -n);
		squares.sort(null);
		assertThat(squares.toList()).containsExactly(-49, -36, -16, -9, -4);
		squares.replaceAll((n) -> -n);
		squares.sort(Comparator.naturalOrder());
		List<Integer> iterated = new ArrayList<>();
		squares.forEach(iterated::add);
		assertThat(iterated).containsExactly(4, 9, 16, 36, 49);
		squares.clear();
	}

	// ---- RedisDeque

	@Test
	void boundedDequeScriptsRunOnTheKeysMaster() {
		RedisDeque<String> recent = this.collections.deque(newKey(), 3, String.class).create(List.of("a", "b", "c"));
		recent.addLast("d");
		assertThat(recent.toList()).containsExactly("b", "c", "d");
		recent.addFirst("a");
		assertThat(recent.toList()).containsExactly("a", "b", "c");
		recent.addAll(List.of("x", "y"));
		assertThat(recent.toList()).containsExactly("c", "x", "y");
		recent.rotate(1);
		assertThat(recent.toList()).containsExactly("y", "c", "x");
		assertThat(recent.removeFirstOccurrence("c")).isTrue();
		assertThat(recent.pollLast()).isEqualTo("x");
		Iterator<String> descending = recent.descendingIterator();
		assertThat(descending.next()).isEqualTo("y");
		descending.remove();
		assertThat(recent).isEmpty();
	}

	// ---- RedisSimpleQueue

	@Test
	void queueScriptsAndBlockingReadsRunOnTheKeysMaster() throws InterruptedException {
		RedisSimpleQueue<String> cars = this.collections.queue(newKey(), String.class).create(List.of("toyota"));
		cars.put("honda");
		cars.addAll(List.of("tesla", "bmw"));
		assertThat(cars.peek()).isEqualTo("toyota");
		assertThat(cars.take()).isEqualTo("toyota");
		assertThat(cars.poll(1, TimeUnit.SECONDS)).isEqualTo("honda");
		List<String> iterated = new ArrayList<>();
		cars.forEach(iterated::add);
		assertThat(iterated).containsExactly("tesla", "bmw");
		List<String> drained = new ArrayList<>();
		assertThat(cars.drainTo(drained)).isEqualTo(2);
		assertThat(drained).containsExactly("tesla", "bmw");
		assertThat(cars.poll(10, TimeUnit.MILLISECONDS)).isNull();
		cars.clear();
	}

	@Test
	void queueTakeWaitsInRedisUntilAnotherThreadPuts() throws Exception {
		RedisSimpleQueue<Integer> jobs = this.collections.queue(newKey(), Integer.class);
		CompletableFuture<Integer> taken = CompletableFuture.supplyAsync(() -> {
			try {
				return jobs.take();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		});
		jobs.put(42);
		assertThat(taken.get(30, TimeUnit.SECONDS)).isEqualTo(42);
		jobs.clear();
	}

	// ---- BloomFilter

	@Test
	void bloomFilterOpensAddsAndTestsOnTheCluster() {
		String key = newKey();
		BloomFilter<String> dilberts = this.structures.bloomFilter(key, 100, 0.01, String.class);
		track(key + ":bloom-params");
		assertThat(dilberts.containsMany("rajiv", "raj", "dan")).containsExactly(false, false, false);
		assertThat(dilberts.add("rajiv")).isTrue();
		assertThat(dilberts.addAll(List.of("raj", "dan"))).isTrue();
		assertThat(dilberts.mightContain("rajiv")).isTrue();
		assertThat(dilberts.containsMany("rajiv", "raj", "dan", "eric")).containsExactly(true, true, true, false);
		assertThat(dilberts.approximateSize()).isEqualTo(3);
		// more than one BITFIELD (1,000 values each), pipelined on the cluster connection
		BloomFilter<Integer> big = this.structures.bloomFilter(null, 5000, 0.01, Integer.class);
		track(big.key());
		assertThat(big.addAll(IntStream.range(0, 2500).boxed().toList())).isTrue();
		assertThat(big.containsMany(IntStream.range(0, 2500).boxed().toList())).containsOnly(true);
		big.clear();
		// the bit string is pottery's, at the filter's own key; the parameter record usually lives in another slot,
		// which is fine: no command touches both (opening reads or writes the record, everything else the bits)
		assertThat(this.cluster.commands().getbit(key, 183)).isEqualTo(1);
		assertThat(this.cluster.masterOf(key + ":bloom-params").get(key + ":bloom-params"))
			.isEqualTo("{\"false_positives\": 0.01, \"k\": 7, \"m\": 959, \"num_elements\": 100}");
		// reopening with the same parameters checks the record; other parameters are refused
		assertThat(this.structures.bloomFilter(key, 100, 0.01, String.class).mightContain("raj")).isTrue();
		assertThatExceptionOfType(BloomFilterMismatchException.class)
			.isThrownBy(() -> this.structures.bloomFilter(key, 1000, 0.01, String.class));
		dilberts.clear();
	}

	// ---- HyperLogLog

	@Test
	void hyperLogLogContainsRunsItsScratchCopyInTheKeysSlot() {
		HyperLogLog<String> searches = this.structures.hyperLogLog(newKey(), String.class);
		searches.addAll(List.of("snake", "pac-man", "minesweeper"));
		assertThat(searches.add("pong")).isTrue();
		assertThat(searches.size()).isEqualTo(4);
		assertThat(searches.contains("snake")).isTrue();
		assertThat(searches.containsMany(List.of("snake", "tetris"))).containsExactly(true, false);
		searches.clear();
	}

	@Test
	void hyperLogLogUnionWithinOneSlotRunsServerSide() {
		List<String> slot = newKeysInOneSlot(2);
		HyperLogLog<String> y2025 = this.structures.hyperLogLog(slot.get(0), String.class);
		HyperLogLog<String> y2026 = this.structures.hyperLogLog(slot.get(1), String.class);
		y2025.addAll(List.of("a", "b"));
		y2026.addAll(List.of("b", "c"));
		CommandStats stats = CommandStats.start(this.cluster.masterOf(slot.get(0)));
		assertThat(y2025.unionSize(y2026)).isEqualTo(3);
		y2025.union(y2026);
		assertThat(stats.since()).containsOnly(Map.entry("pfcount", 1L), Map.entry("pfmerge", 1L));
		assertThat(y2025.size()).isEqualTo(3);
	}

	@Test
	void hyperLogLogUnionAcrossSlotsFallsBackToClientSideWork() {
		List<String> slot = newKeysInOneSlot(2);
		HyperLogLog<String> y2025 = this.structures.hyperLogLog(slot.get(0), String.class);
		HyperLogLog<String> sameSlot = this.structures.hyperLogLog(slot.get(1), String.class);
		HyperLogLog<String> y2026 = this.structures.hyperLogLog(newKeyOnAnotherMaster(slot.get(0)), String.class);
		HyperLogLog<String> missing = this.structures.hyperLogLog(newKeyOnAnotherMaster(slot.get(0)), String.class);
		y2025.addAll(List.of("a", "b"));
		sameSlot.addAll(List.of("e"));
		y2026.addAll(List.of("b", "c", "d"));
		CommandStats elsewhere = CommandStats.start(this.cluster.masterOf(y2026.key()));
		assertThat(y2025.unionSize(y2026)).isEqualTo(4);
		// the other slot's HyperLogLog is read with one GET in its own slot, the rest runs in this key's slot
		assertThat(elsewhere.since()).containsOnly(Map.entry("get", 1L));
		assertThat(y2025.unionSize(y2026, missing, sameSlot)).isEqualTo(5);
		assertThat(y2025.size()).isEqualTo(2);
		y2025.union(y2026, missing, sameSlot);
		assertThat(y2025.size()).isEqualTo(5);
		assertThat(y2026.size()).isEqualTo(3);
		assertThat(this.cluster.commands().exists(missing.key())).isZero();
		// only missing HyperLogLogs elsewhere: counted in place; merged into a new, empty HyperLogLog
		assertThat(sameSlot.unionSize(missing)).isEqualTo(1);
		HyperLogLog<String> fresh = this.structures.hyperLogLog(newKeyOnAnotherMaster(y2026.key()), String.class);
		fresh.union(missing);
		assertThat(this.cluster.commands().type(fresh.key())).isEqualTo("string");
		fresh.union(y2026);
		assertThat(fresh.size()).isEqualTo(3);
		assertThat(this.cluster.commands().get(fresh.key())).isEqualTo(this.cluster.commands().get(y2026.key()));
	}

	@ParameterizedTest
	@ValueSource(strings = { "plain:%s", "{%s}rest", "a{b:%s", "{}x:%s", "a}b:%s", "x{}y{z%s}", "caf\u00e9:%s" })
	void hyperLogLogScratchCopiesShareTheSlotOfAnyKeyShape(String shape) {
		String key = track("pottery:test:" + shape.formatted(UUID.randomUUID()));
		HyperLogLog<Integer> hll = this.structures.hyperLogLog(key, Integer.class);
		hll.addAll(IntStream.range(0, 50).boxed().toList());
		assertThat(hll.containsMany(List.of(1, 49, 1000))).containsExactly(true, true, false);
		HyperLogLog<Integer> elsewhere = this.structures.hyperLogLog(newKeyOnAnotherMaster(key), Integer.class);
		elsewhere.addAll(List.of(1000, 1001));
		assertThat(hll.unionSize(elsewhere)).isEqualTo(52);
		hll.union(elsewhere);
		assertThat(hll.contains(1001)).isTrue();
	}

	@Test
	void hyperLogLogUnionAcrossSlotsNamesAKeyOfAnotherType() {
		String first = newKey();
		HyperLogLog<String> hll = this.structures.hyperLogLog(first, String.class);
		hll.add("a");
		String list = newKeyOnAnotherMaster(first);
		this.cluster.commands().rpush(list, "x");
		HyperLogLog<String> notOne = this.structures.hyperLogLog(list, String.class);
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> hll.union(notOne))
			.withMessageContaining(list)
			.withMessageContaining("list");
		String plain = newKeyOnAnotherMaster(first);
		this.cluster.commands().set(plain, "not a HyperLogLog");
		HyperLogLog<String> corrupt = this.structures.hyperLogLog(plain, String.class);
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> hll.unionSize(corrupt));
		assertThat(hll.size()).isOne();
	}

	// ---- RedisCache

	@Test
	void cacheLooksUpAndStoresWithItsSlidingTimeoutOnTheCluster() {
		RedisCache<Integer> cache = RedisCache.builder(this.cluster.connectionFactory())
			.key(newKey())
			.timeout(Duration.ofSeconds(60))
			.build(Integer.class);
		assertThat(cache.get(List.of(5), () -> 25)).isEqualTo(25);
		assertThat(cache.get(List.of(5), () -> 0)).isEqualTo(25);
		assertThat(cache.bypass(List.of(5), () -> 26)).isEqualTo(26);
		assertThat(cache.info().hits()).isEqualTo(1);
		assertThat(cache.info().currentSize()).isEqualTo(1);
		assertThat(this.cluster.commands().pttl(cache.key())).isPositive();
		cache.clear();
	}

	// ---- the Pottery facade

	@Test
	void facadeCreatesStructuresOnAClusterAndRefusesRedlocksWithoutMasters() {
		Pottery pottery = Pottery.create(this.cluster.connectionFactory());
		RedisMap<String, Integer> map = pottery.map(newKey(), String.class, Integer.class);
		map.put("a", 1);
		assertThat(map.merge("a", 1, Integer::sum)).isEqualTo(2);
		assertThat(pottery.set(newKey(), String.class).add("x")).isTrue();
		assertThat(pottery.masters().isAvailable()).isFalse();
		assertThatIllegalStateException().isThrownBy(() -> pottery.redlock("printer"))
			.withMessageContaining("Redis Cluster")
			.withMessageContaining("Masters.of(");
		assertThatIllegalStateException().isThrownBy(() -> pottery.nextId("orders"))
			.withMessageContaining("Redis Cluster");
	}

}
