package dev.pottery.collections;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.pottery.internal.StructureSupport;
import dev.pottery.internal.collections.CollectionFactory;
import dev.pottery.internal.collections.StreamRedisSimpleQueue;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.lettuce.core.Range;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.StreamMessage;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Fault tests for {@link RedisSimpleQueue}: an item leaves Redis only when it is handed to a caller (interrupts,
 * decode errors, a consumer that dies between claim and hand-over), and foreign or corrupt entries go to the
 * dead-letter stream instead of being lost or blocking the queue.
 */
@RealRedis
class RedisSimpleQueueFaultTests extends RedisCollectionsTestSupport {

	RedisSimpleQueueFaultTests(RedisServer redis) {
		super(redis);
	}

	private <E> RedisSimpleQueue<E> queue(String key, Class<E> type, Duration lease) {
		CollectionFactory factory = new CollectionFactory(this.collections.connectionFactory(), this.collections.codec());
		return StreamRedisSimpleQueue.open(factory.support(key, StreamRedisSimpleQueue.REDIS_TYPE,
				StreamRedisSimpleQueue.STRUCTURE), this.collections.codec().constructType(type), lease);
	}

	@Test
	void interruptedConsumersLoseNoItem() throws Exception {
		int total = 3000;
		String key = newKey();
		RedisSimpleQueue<Integer> queue = queue(key, Integer.class, Duration.ofMillis(500));
		List<Integer> items = new ArrayList<>();
		for (int i = 0; i < total; i++) {
			items.add(i);
		}
		queue.addAll(items);
		Map<Integer, Integer> delivered = new ConcurrentHashMap<>();
		AtomicInteger interruptions = new AtomicInteger();
		AtomicBoolean done = new AtomicBoolean();
		List<Thread> consumers = new ArrayList<>();
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
		for (int c = 0; c < 4; c++) {
			boolean useTake = c % 2 == 0;
			consumers.add(new Thread(() -> {
				while (!done.get() && System.nanoTime() < deadline) {
					try {
						Integer item = useTake && delivered.size() < total - 50 ? queue.take()
								: queue.poll(50, TimeUnit.MILLISECONDS);
						if (item != null) {
							delivered.merge(item, 1, Integer::sum);
						}
					}
					catch (InterruptedException ex) {
						interruptions.incrementAndGet();
					}
					catch (RuntimeException ex) {
						// Lettuce's RedisCommandInterruptedException from a sync call: the same as an interrupt
						Thread.interrupted();
						interruptions.incrementAndGet();
					}
					if (delivered.size() == total) {
						done.set(true);
					}
				}
			}));
		}
		consumers.forEach(Thread::start);
		while (!done.get() && System.nanoTime() < deadline && delivered.size() < total * 9 / 10) {
			consumers.get(ThreadLocalRandom.current().nextInt(consumers.size())).interrupt();
			LockSupport.parkNanos(TimeUnit.MICROSECONDS.toNanos(300));
		}
		for (Thread consumer : consumers) {
			consumer.join(TimeUnit.SECONDS.toMillis(70));
		}
		assertThat(interruptions.get()).isPositive();
		assertThat(delivered).hasSize(total);
		assertThat(delivered.values()).containsOnly(1);
		assertThat(queue.size()).isZero();
		assertThat(this.redis.commands().zcard(key + ":claims")).isZero();
	}

	@Test
	void anUndecodableItemGoesToTheDeadLetterStreamAndPollGoesOn() {
		String key = newKey();
		this.redis.commands().xadd(key, Map.of("item", "\"not a number\""));
		this.redis.commands().xadd(key, Map.of("item", "7"));
		RedisSimpleQueue<Integer> queue = this.collections.queue(key, Integer.class);
		assertThat(queue.poll()).isEqualTo(7);
		assertThat(queue.poll()).isNull();
		List<StreamMessage<String, String>> dead = this.redis.commands().xrange(queue.deadLetterKey(),
				Range.create("-", "+"));
		assertThat(queue.deadLetterKey()).isEqualTo(key + ":dead");
		assertThat(dead).hasSize(1);
		assertThat(dead.get(0).getBody()).containsEntry("item", "\"not a number\"")
			.containsKeys("pottery-source-id", "pottery-reason");
		assertThat(dead.get(0).getBody().get("pottery-reason")).startsWith("undecodable");
	}

	@Test
	void drainToWithOneCorruptEntryDeliversEveryValidOne() {
		String key = newKey();
		for (int i = 0; i < 10; i++) {
			this.redis.commands().xadd(key, Map.of("item", (i == 2) ? "{corrupt" : Integer.toString(i)));
		}
		RedisSimpleQueue<Integer> queue = this.collections.queue(key, Integer.class);
		List<Integer> drained = new ArrayList<>();
		assertThat(queue.drainTo(drained)).isEqualTo(9);
		assertThat(drained).containsExactly(0, 1, 3, 4, 5, 6, 7, 8, 9);
		assertThat(queue.size()).isZero();
		assertThat(this.redis.commands().xlen(queue.deadLetterKey())).isEqualTo(1);
		assertThat(this.redis.commands().zcard(key + ":claims")).isZero();
	}

	@Test
	void anEntryWithoutAnItemFieldGoesToTheDeadLetterStreamWithItsFields() {
		String key = newKey();
		String foreignId = this.redis.commands().xadd(key, Map.of("event", "signup", "user", "42"));
		this.redis.commands().xadd(key, Map.of("item", "\"honda\""));
		RedisSimpleQueue<String> queue = this.collections.queue(key, String.class);
		assertThat(queue.size()).isEqualTo(2);
		assertThat(queue.poll()).isEqualTo("honda");
		assertThat(queue.isEmpty()).isTrue();
		List<StreamMessage<String, String>> dead = this.redis.commands().xrange(key + ":dead", Range.create("-", "+"));
		assertThat(dead).hasSize(1);
		assertThat(dead.get(0).getBody()).containsEntry("event", "signup")
			.containsEntry("user", "42")
			.containsEntry("pottery-source-id", foreignId)
			.containsEntry("pottery-reason", "no item field");
	}

	@Test
	void itemsACollectionRefusesGoBackToTheQueue() {
		String key = newKey();
		RedisSimpleQueue<Integer> queue = this.collections.queue(key, Integer.class);
		queue.addAll(List.of(0, 1, 2, 3, 4, 5, 6, 7, 8, 9));
		List<Integer> sink = new ArrayList<>() {

			@Override
			public boolean add(Integer item) {
				if (size() == 3) {
					throw new IllegalStateException("full");
				}
				return super.add(item);
			}

		};
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> queue.drainTo(sink));
		assertThat(sink).containsExactly(0, 1, 2);
		List<Integer> rest = new ArrayList<>();
		queue.drainTo(rest);
		assertThat(rest).containsExactly(3, 4, 5, 6, 7, 8, 9);
	}

	/**
	 * A consumer JVM that dies between the claim and the hand-over leaves the claim in {@code <key>:claims}; once its
	 * lease has run out, the next claim of any consumer puts the item back into the stream and takes it (at least
	 * once). Until then the item is invisible to other consumers, Java or Python ({@code XREAD ... 0}).
	 */
	@Test
	void theClaimOfAConsumerThatDiedIsRecoveredAfterItsLease() throws InterruptedException {
		String key = newKey();
		RedisSimpleQueue<String> queue = queue(key, String.class, Duration.ofMillis(500));
		queue.put("toyota");
		// a consumer runs the claim script, then dies before it acknowledges
		List<Object> claimed = this.redis.commands().eval(StructureSupport.luaScript("collections/queue_claim.lua"),
				ScriptOutputType.MULTI, new String[] { key, key + ":claims", key + ":dead" }, "1", "1000");
		assertThat(claimed).hasSize(4).endsWith("\"toyota\"");
		assertThat(this.redis.commands().xlen(key)).isZero();
		assertThat(this.redis.commands().zcard(key + ":claims")).isEqualTo(1);
		assertThat(queue.poll()).isNull();
		assertThat(queue.poll(30, TimeUnit.SECONDS)).isEqualTo("toyota");
		assertThat(this.redis.commands().zcard(key + ":claims")).isZero();
		assertThat(queue.poll()).isNull();
	}

	@Test
	void clearForgetsClaimsButKeepsTheDeadLetters() throws InterruptedException {
		String key = newKey();
		this.redis.commands().xadd(key, Map.of("other", "x"));
		RedisSimpleQueue<String> queue = this.collections.queue(key, String.class);
		queue.put("a");
		this.redis.commands().eval(StructureSupport.luaScript("collections/queue_claim.lua"), ScriptOutputType.MULTI,
				new String[] { key, key + ":claims", key + ":dead" }, "1", "60000");
		queue.put("b");
		queue.clear();
		assertThat(this.redis.commands().exists(key, key + ":claims")).isZero();
		assertThat(this.redis.commands().xlen(key + ":dead")).isEqualTo(1);
		assertThat(queue.poll()).isNull();
	}

	@Test
	void extremeTimeoutsFollowTheBlockingQueueContract() throws InterruptedException {
		RedisSimpleQueue<String> queue = this.collections.queue(newKey(), String.class);
		assertThat(queue.poll(Long.MIN_VALUE, TimeUnit.NANOSECONDS)).isNull();
		assertThat(queue.poll(Long.MIN_VALUE, TimeUnit.DAYS)).isNull();
		assertThat(queue.poll(-1, TimeUnit.SECONDS)).isNull();
		assertThat(queue.poll(0, TimeUnit.SECONDS)).isNull();
		assertThat(queue.offer("a", Long.MIN_VALUE, TimeUnit.NANOSECONDS)).isTrue();
		assertThat(queue.offer("b", Long.MAX_VALUE, TimeUnit.DAYS)).isTrue();
		assertThat(queue.poll(Long.MIN_VALUE, TimeUnit.MILLISECONDS)).isEqualTo("a");
		assertThat(queue.poll(Long.MAX_VALUE, TimeUnit.DAYS)).isEqualTo("b");
	}

	@Test
	void pollWithANearlyInfiniteTimeoutWaitsForAnItem() throws Exception {
		RedisSimpleQueue<String> queue = this.collections.queue(newKey(), String.class);
		Set<String> got = ConcurrentHashMap.newKeySet();
		Thread consumer = new Thread(() -> {
			try {
				got.add(queue.poll(Long.MAX_VALUE - 1, TimeUnit.NANOSECONDS));
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		consumer.start();
		queue.put("late");
		consumer.join(TimeUnit.SECONDS.toMillis(30));
		assertThat(got).containsExactly("late");
	}

}
