package dev.pottery.collections;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import dev.pottery.KeyExistsException;
import dev.pottery.PotteryException;
import dev.pottery.WrongTypeException;
import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link RedisDeque}: the {@code Deque} methods testlib has no builder for, bounded behaviour, rotation,
 * wire format, concurrency, creation and errors.
 */
@RealRedis
class RedisDequeTests extends RedisCollectionsTestSupport {

	RedisDequeTests(RedisServer redis) {
		super(redis);
	}

	// ---- both ends

	@Test
	void insertsAndRemovesAtBothEnds() {
		String key = newKey();
		RedisDeque<String> deque = this.collections.deque(key, String.class);
		deque.addLast("b");
		deque.addFirst("a");
		assertThat(deque.offerLast("c")).isTrue();
		assertThat(deque.offerFirst("0")).isTrue();
		deque.push("-1");
		assertThat(this.redis.commands().lrange(key, 0, -1)).containsExactly("\"-1\"", "\"0\"", "\"a\"", "\"b\"",
				"\"c\"");
		assertThat(deque.peekFirst()).isEqualTo("-1");
		assertThat(deque.peekLast()).isEqualTo("c");
		assertThat(deque.getFirst()).isEqualTo("-1");
		assertThat(deque.getLast()).isEqualTo("c");
		assertThat(deque.pop()).isEqualTo("-1");
		assertThat(deque.pollLast()).isEqualTo("c");
		assertThat(deque.removeLast()).isEqualTo("b");
		assertThat(deque.removeFirst()).isEqualTo("0");
		assertThat(deque.pollFirst()).isEqualTo("a");
		assertThat(deque.pollFirst()).isNull();
		assertThat(deque.pollLast()).isNull();
		assertThat(deque.peekFirst()).isNull();
		assertThat(deque.peekLast()).isNull();
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(deque::removeFirst);
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(deque::removeLast);
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(deque::getFirst);
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(deque::getLast);
		assertThatExceptionOfType(NoSuchElementException.class).isThrownBy(deque::pop);
	}

	@Test
	void nullElementsAreRejected() {
		RedisDeque<String> deque = this.collections.deque(newKey(), String.class);
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> deque.addFirst(null));
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> deque.offerLast(null));
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> deque.addAll(java.util.Arrays.asList("a", null)));
		assertThat(deque).isEmpty();
	}

	@Test
	void removeFirstAndLastOccurrence() {
		RedisDeque<String> deque = this.collections.deque(newKey(), String.class).create(List.of("a", "b", "a", "b", "a"));
		assertThat(deque.removeFirstOccurrence("a")).isTrue();
		assertThat(deque.removeLastOccurrence("a")).isTrue();
		assertThat(deque).containsExactly("b", "a", "b");
		assertThat(deque.removeLastOccurrence("z")).isFalse();
		assertThat(deque.removeFirstOccurrence(null)).isFalse();
	}

	@Test
	void descendingIteratorWalksFromTheTailAndRemoves() {
		RedisDeque<Integer> deque = this.collections.deque(newKey(), Integer.class);
		deque.addAll(IntStream.range(0, 2500).boxed().toList());
		Iterator<Integer> descending = deque.descendingIterator();
		int expected = 2499;
		while (descending.hasNext()) {
			int value = descending.next();
			assertThat(value).isEqualTo(expected--);
			if (value % 2 == 0) {
				descending.remove();
			}
		}
		assertThat(expected).isEqualTo(-1);
		assertThat(deque).hasSize(1250).allMatch((value) -> value % 2 == 1);
		assertThat(deque.peekFirst()).isEqualTo(1);
		assertThat(deque.peekLast()).isEqualTo(2499);
	}

	@Test
	void iteratorRemoveStillRemovesTheRightElementAfterAConcurrentPop() {
		RedisDeque<String> deque = this.collections.deque(newKey(), String.class).create(List.of("a", "b", "c"));
		Iterator<String> iterator = deque.iterator();
		iterator.next();
		assertThat(iterator.next()).isEqualTo("b");
		this.collections.deque(deque.key(), String.class).pollFirst();
		iterator.remove();
		assertThat(deque).containsExactly("c");
	}

	// ---- bounded

	@Test
	void boundedDequeDiscardsFromTheOppositeEnd() {
		String key = newKey();
		RedisDeque<Integer> deque = this.collections.deque(key, 3, Integer.class);
		assertThat(deque.maxLength()).hasValue(3);
		deque.addAll(List.of(1, 2, 3, 4));
		assertThat(deque).containsExactly(2, 3, 4);
		deque.addFirst(1);
		assertThat(deque).containsExactly(1, 2, 3);
		deque.offerLast(5);
		assertThat(deque).containsExactly(2, 3, 5);
		deque.push(0);
		assertThat(this.redis.commands().lrange(key, 0, -1)).containsExactly("0", "2", "3");
	}

	@Test
	void boundedOfferIsOneScript() {
		RedisDeque<Integer> deque = this.collections.deque(newKey(), 3, Integer.class);
		deque.offer(0);
		CommandStats stats = CommandStats.start(this.redis.commands());
		deque.offer(1);
		assertThat(stats.since()).containsOnlyKeys("evalsha", "rpush", "ltrim", "llen").containsEntry("evalsha", 1L);
	}

	@Test
	void unboundedOfferIsOneCommand() {
		RedisDeque<Integer> deque = this.collections.deque(newKey(), Integer.class);
		CommandStats stats = CommandStats.start(this.redis.commands());
		deque.offer(1);
		deque.offerFirst(0);
		assertThat(stats.since()).isEqualTo(Map.of("rpush", 1L, "lpush", 1L));
	}

	@Test
	void maxLengthZeroKeepsNothing() {
		String key = newKey();
		RedisDeque<Integer> deque = this.collections.deque(key, 0, Integer.class);
		assertThat(deque.offer(1)).isTrue();
		deque.addFirst(2);
		deque.addAll(List.of(3, 4));
		assertThat(deque).isEmpty();
		assertThat(this.redis.commands().exists(key)).isZero();
	}

	@Test
	void initialContentsKeepOnlyTheLastMaxLength() {
		String key = newKey();
		this.collections.deque(key, 3, Integer.class).create(List.of(1, 2, 3, 4));
		assertThat(this.redis.commands().lrange(key, 0, -1)).containsExactly("2", "3", "4");
		String empty = newKey();
		this.collections.deque(empty, 0, Integer.class).create(List.of(1, 2));
		assertThat(this.redis.commands().exists(empty)).isZero();
	}

	@Test
	void openingAListLongerThanMaxLengthThrows() {
		String key = newKey();
		this.redis.commands().rpush(key, "1", "2", "3");
		assertThatExceptionOfType(PotteryException.class).isThrownBy(() -> this.collections.deque(key, 2, Integer.class))
			.withMessageContaining(key)
			.withMessageContaining("3 elements")
			.withMessageContaining("maxLength 2");
		assertThat(this.collections.deque(key, 3, Integer.class)).containsExactly(1, 2, 3);
	}

	@Test
	void concurrentAppendsNeverExceedMaxLength() throws Exception {
		String key = newKey();
		int maxLength = 10;
		RedisDeque<Integer> deque = this.collections.deque(key, maxLength, Integer.class);
		AtomicBoolean running = new AtomicBoolean(true);
		AtomicLong longest = new AtomicLong();
		ExecutorService pool = Executors.newFixedThreadPool(9);
		try {
			Future<?> watcher = pool.submit(() -> {
				while (running.get()) {
					longest.accumulateAndGet(this.redis.commands().llen(key), Math::max);
				}
			});
			List<Future<?>> writers = new ArrayList<>();
			for (int t = 0; t < 8; t++) {
				int thread = t;
				writers.add(pool.submit(() -> {
					for (int i = 0; i < 500; i++) {
						if (i % 2 == 0) {
							deque.addLast(thread * 1000 + i);
						}
						else {
							deque.addFirst(thread * 1000 + i);
						}
						assertThat(deque.size()).isLessThanOrEqualTo(maxLength);
					}
				}));
			}
			for (Future<?> writer : writers) {
				writer.get();
			}
			running.set(false);
			watcher.get();
		}
		finally {
			pool.shutdownNow();
		}
		assertThat(longest.get()).isBetween(1L, (long) maxLength);
		assertThat(deque).hasSize(maxLength);
	}

	// ---- rotate

	@Test
	void rotateMovesElementsLikePython() {
		RedisDeque<Integer> deque = this.collections.deque(newKey(), Integer.class).create(List.of(1, 2, 3, 4, 5));
		deque.rotate(1);
		assertThat(deque).containsExactly(5, 1, 2, 3, 4);
		deque.rotate(-2);
		assertThat(deque).containsExactly(2, 3, 4, 5, 1);
		deque.rotate(4);
		assertThat(deque).containsExactly(3, 4, 5, 1, 2);
		deque.rotate(12);
		assertThat(deque).containsExactly(1, 2, 3, 4, 5);
		deque.rotate(-5);
		assertThat(deque).containsExactly(1, 2, 3, 4, 5);
		RedisDeque<Integer> empty = this.collections.deque(newKey(), Integer.class);
		empty.rotate(3);
		assertThat(empty).isEmpty();
	}

	// ---- creation and errors

	@Test
	void createWithInitialElementsOnAnExistingKeyThrowsKeyExists() {
		String key = newKey();
		this.redis.commands().rpush(key, "1");
		assertThatExceptionOfType(KeyExistsException.class)
			.isThrownBy(() -> this.collections.deque(key, Integer.class).create(List.of(2)));
		assertThat(this.redis.commands().lrange(key, 0, -1)).containsExactly("1");
	}

	@Test
	void operationOnAKeyOfAnotherTypeThrowsWrongType() {
		String key = newKey();
		this.redis.commands().hset(key, "a", "1");
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> this.collections.deque(key, 5, Integer.class))
			.withMessageContaining("hash");
		RedisDeque<Integer> deque = this.collections.deque(key, Integer.class);
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> deque.offer(1));
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> deque.rotate(1));
	}

}
