package dev.pottery.collections;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import dev.pottery.KeyExistsException;
import dev.pottery.WrongTypeException;
import dev.pottery.test.CommandStats;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * Tests for {@link RedisSimpleQueue}: the {@code BlockingQueue} semantics testlib has no builder for (blocking in
 * Redis, timeouts, interruption, drainTo, exactly-once delivery), wire format, creation and errors.
 */
@RealRedis
class RedisSimpleQueueTests extends RedisCollectionsTestSupport {

	RedisSimpleQueueTests(RedisServer redis) {
		super(redis);
	}

	@org.junit.jupiter.api.BeforeEach
	void noClientIsBlocked() {
		// consumers of an earlier test may still be in a short XREAD BLOCK
		await().atMost(10, TimeUnit.SECONDS).until(() -> blockedClients().isEmpty());
	}

	// ---- wire format

	@Test
	void itemsAreStreamEntriesWithOneItemField() throws InterruptedException {
		String key = newKey();
		RedisSimpleQueue<Object> queue = this.collections.queue(key);
		CommandStats stats = CommandStats.start(this.redis.commands());
		queue.put("toyota");
		queue.offer(Map.of("b", 2, "a", 1.0));
		assertThat(stats.since()).isEqualTo(Map.of("xadd", 2L));
		List<StreamMessage<String, String>> entries = this.redis.commands().xrange(key, io.lettuce.core.Range.create("-", "+"));
		assertThat(entries).extracting(StreamMessage::getBody)
			.containsExactly(Map.of("item", "\"toyota\""), Map.of("item", "{\"a\": 1.0, \"b\": 2}"));
		assertThat(this.redis.commands().type(key)).isEqualTo("stream");
	}

	@Test
	void itemsWrittenAsPythonWouldAreTakenInOrder() throws InterruptedException {
		String key = newKey();
		this.redis.commands().xadd(key, Map.of("item", "\"honda\""));
		this.redis.commands().xadd(key, Map.of("item", "\"toyota\""));
		RedisSimpleQueue<String> queue = this.collections.queue(key, String.class);
		assertThat(queue.size()).isEqualTo(2);
		assertThat(queue.peek()).isEqualTo("honda");
		assertThat(queue.take()).isEqualTo("honda");
		assertThat(queue.poll()).isEqualTo("toyota");
		assertThat(queue.poll()).isNull();
		assertThat(this.redis.commands().type(key)).isEqualTo("stream");
	}

	// ---- blocking

	@Test
	void takeBlocksUntilAnItemIsPut() throws Exception {
		RedisSimpleQueue<String> queue = this.collections.queue(newKey(), String.class);
		CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> {
			try {
				return queue.take();
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		awaitBlockedXread();
		assertThat(taken).isNotDone();
		queue.put("toyota");
		assertThat(taken.get(10, TimeUnit.SECONDS)).isEqualTo("toyota");
		assertThat(queue).isEmpty();
	}

	@Test
	void blockingWaitUsesADedicatedConnection() throws Exception {
		RedisSimpleQueue<String> queue = this.collections.queue(newKey(), String.class);
		CompletableFuture<String> taken = CompletableFuture.supplyAsync(() -> {
			try {
				return queue.poll(30, TimeUnit.SECONDS);
			}
			catch (InterruptedException ex) {
				throw new IllegalStateException(ex);
			}
		});
		String blocked = awaitBlockedXread();
		// the shared connection still answers while the consumer is blocked on its own connection
		assertThat(queue.size()).isZero();
		assertThat(blockedClients()).contains(blocked);
		queue.offer("x");
		assertThat(taken.get(10, TimeUnit.SECONDS)).isEqualTo("x");
	}

	@Test
	void pollWithTimeoutReturnsNullAfterTheTimeout() throws InterruptedException {
		RedisSimpleQueue<String> queue = this.collections.queue(newKey(), String.class);
		assertThat(queue.poll(200, TimeUnit.MILLISECONDS)).isNull();
		assertThat(queue.poll(0, TimeUnit.MILLISECONDS)).isNull();
		assertThat(queue.poll()).isNull();
		queue.put("a");
		assertThat(queue.poll(1, TimeUnit.SECONDS)).isEqualTo("a");
	}

	@Test
	void interruptingATakeThrowsInterruptedException() throws Exception {
		RedisSimpleQueue<String> queue = this.collections.queue(newKey(), String.class);
		AtomicReference<Throwable> failure = new AtomicReference<>();
		Thread consumer = new Thread(() -> {
			try {
				queue.take();
			}
			catch (Throwable ex) {
				failure.set(ex);
			}
		});
		consumer.start();
		awaitBlockedXread();
		consumer.interrupt();
		consumer.join(10_000);
		assertThat(consumer.isAlive()).isFalse();
		assertThat(failure.get()).isInstanceOf(InterruptedException.class);
		await().atMost(10, TimeUnit.SECONDS).until(() -> blockedClients().isEmpty());
	}

	@Test
	void drainToMovesItemsInOrder() {
		RedisSimpleQueue<Integer> queue = this.collections.queue(newKey(), Integer.class);
		queue.addAll(java.util.stream.IntStream.range(0, 2500).boxed().toList());
		List<Integer> drained = new ArrayList<>();
		assertThat(queue.drainTo(drained, 3)).isEqualTo(3);
		assertThat(drained).containsExactly(0, 1, 2);
		assertThat(queue.drainTo(drained)).isEqualTo(2497);
		assertThat(drained).hasSize(2500).isSorted();
		assertThat(queue).isEmpty();
		assertThat(queue.remainingCapacity()).isEqualTo(Integer.MAX_VALUE);
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(() -> queue.drainTo(queue));
	}

	@Test
	void addAllIsOneScript() {
		RedisSimpleQueue<Integer> queue = this.collections.queue(newKey(), Integer.class);
		queue.addAll(List.of(0));
		CommandStats stats = CommandStats.start(this.redis.commands());
		queue.addAll(java.util.stream.IntStream.range(0, 1000).boxed().toList());
		assertThat(stats.calls("evalsha")).isEqualTo(1);
		assertThat(queue.size()).isEqualTo(1001);
	}

	@Test
	void nullItemsAreRejected() {
		RedisSimpleQueue<String> queue = this.collections.queue(newKey(), String.class);
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> queue.put(null));
		assertThatExceptionOfType(NullPointerException.class).isThrownBy(() -> queue.offer(null));
	}

	@Test
	void fourConsumersGetEachOfFortyThousandItemsExactlyOnce() throws Exception {
		String key = newKey();
		int producers = 4;
		int perProducer = 10_000;
		int total = producers * perProducer;
		ConcurrentLinkedQueue<Integer> received = new ConcurrentLinkedQueue<>();
		AtomicInteger remaining = new AtomicInteger(total);
		ExecutorService pool = Executors.newFixedThreadPool(producers + 4);
		try {
			List<Future<?>> futures = new ArrayList<>();
			for (int c = 0; c < 4; c++) {
				RedisSimpleQueue<Integer> queue = this.collections.queue(key, Integer.class);
				futures.add(pool.submit(() -> {
					while (remaining.get() > 0) {
						Integer item = queue.poll(200, TimeUnit.MILLISECONDS);
						if (item != null) {
							received.add(item);
							remaining.decrementAndGet();
						}
					}
					return null;
				}));
			}
			for (int p = 0; p < producers; p++) {
				int producer = p;
				RedisSimpleQueue<Integer> queue = this.collections.queue(key, Integer.class);
				futures.add(pool.submit(() -> {
					for (int i = 0; i < perProducer; i++) {
						queue.put(producer * perProducer + i);
					}
					return null;
				}));
			}
			for (Future<?> future : futures) {
				future.get(120, TimeUnit.SECONDS);
			}
		}
		finally {
			pool.shutdownNow();
		}
		Set<Integer> distinct = new HashSet<>(received);
		assertThat(received).hasSize(total);
		assertThat(distinct).hasSize(total);
		assertThat(this.redis.commands().xlen(key)).isZero();
	}

	// ---- creation and errors

	@Test
	void createWithInitialItemsOnAnExistingKeyThrowsKeyExists() {
		String key = newKey();
		this.redis.commands().xadd(key, Map.of("item", "1"));
		assertThatExceptionOfType(KeyExistsException.class)
			.isThrownBy(() -> this.collections.queue(key, Integer.class).create(List.of(2)));
		assertThat(this.redis.commands().xlen(key)).isEqualTo(1);
		String fresh = newKey();
		assertThat(this.collections.queue(fresh, Integer.class).create(List.of(1, 2))).containsExactly(1, 2);
	}

	@Test
	void operationOnAKeyOfAnotherTypeThrowsWrongType() {
		String key = newKey();
		this.redis.commands().rpush(key, "1");
		RedisSimpleQueue<Integer> queue = this.collections.queue(key, Integer.class);
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> queue.put(1))
			.withMessageContaining("list")
			.withMessageContaining("stream");
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(queue::poll);
		assertThatExceptionOfType(WrongTypeException.class).isThrownBy(() -> queue.poll(10, TimeUnit.MILLISECONDS));
	}

	// ---- helpers

	/** Wait until a client is blocked in XREAD; return its id. */
	private String awaitBlockedXread() {
		AtomicReference<String> id = new AtomicReference<>();
		await().atMost(10, TimeUnit.SECONDS).until(() -> {
			List<String> blocked = blockedClients();
			if (blocked.isEmpty()) {
				return false;
			}
			id.set(blocked.get(0));
			return true;
		});
		return id.get();
	}

	private List<String> blockedClients() {
		List<String> ids = new ArrayList<>();
		for (String line : this.redis.commands().clientList().split("\n")) {
			if (line.contains("cmd=xread") && line.matches(".* flags=\\w*b\\w* .*")) {
				ids.add(line.substring(line.indexOf("id=") + 3, line.indexOf(' ')));
			}
		}
		return ids;
	}

}
