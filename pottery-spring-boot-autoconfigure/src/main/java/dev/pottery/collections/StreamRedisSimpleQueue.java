package dev.pottery.collections;

import java.time.Duration;
import java.util.AbstractQueue;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

import dev.pottery.EncodingException;
import dev.pottery.KeyExistsException;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;

/**
 * A {@link RedisSimpleQueue} over a Redis stream.
 */
final class StreamRedisSimpleQueue<E> extends AbstractQueue<E> implements RedisSimpleQueue<E> {

	static final String REDIS_TYPE = "stream";

	static final String STRUCTURE = "RedisSimpleQueue";

	/** The stream field holding an item, as pottery names it. */
	static final String FIELD = "item";

	/** Entries per XRANGE window and per drain script. */
	static final int BATCH = 1000;

	static final long MAX_BLOCK_MILLIS = 10_000;

	private final StructureSupport support;

	private final JavaType elementType;

	/** The longest single XREAD BLOCK, below the connection's command timeout. */
	private final long blockMillis;

	private StreamRedisSimpleQueue(StructureSupport support, JavaType elementType) {
		this.support = support;
		this.elementType = elementType;
		this.blockMillis = blockMillis(support.template().getConnectionFactory());
	}

	static <E> StreamRedisSimpleQueue<E> open(StructureSupport support, JavaType elementType,
			@Nullable Collection<? extends E> initial) {
		StreamRedisSimpleQueue<E> queue = new StreamRedisSimpleQueue<>(support, elementType);
		if (initial != null) {
			Long added = queue.append("create", initial);
			if (added == null || added < 0) {
				throw new KeyExistsException(support.key());
			}
		}
		support.unlinkWhenUnreachable(queue);
		return queue;
	}

	private static long blockMillis(@Nullable RedisConnectionFactory factory) {
		if (factory instanceof LettuceConnectionFactory lettuce && lettuce.getTimeout() > 0) {
			return Math.max(1, Math.min(MAX_BLOCK_MILLIS, lettuce.getTimeout() / 2));
		}
		return 1000;
	}

	@Override
	public String key() {
		return this.support.key();
	}

	private StringRedisTemplate template() {
		return this.support.template();
	}

	private String encode(@Nullable E item) {
		Objects.requireNonNull(item, "RedisSimpleQueue does not permit null items");
		return this.support.encode(item);
	}

	/**
	 * An item; a JSON {@code null} (pottery's {@code None}) is refused like any undecodable entry, since
	 * {@code BlockingQueue} reserves {@code null} for "no item".
	 */
	@SuppressWarnings("unchecked")
	private E decode(String json) {
		E item = (E) this.support.decode(json, this.elementType);
		if (item == null) {
			throw new EncodingException(key(), "RedisSimpleQueue '" + key() + "' holds the item null (Python's None), "
					+ "which a BlockingQueue cannot return (null means \"no item\"); put a value instead of None",
					null);
		}
		return item;
	}

	private <T> T run(RedisScript<T> script, String... args) {
		return this.support.execute(() -> template().execute(script, List.of(key()), (Object[]) args));
	}

	// ---- producers

	@Override
	public boolean offer(E e) {
		String item = encode(e);
		this.support.execute(() -> template().opsForStream().add(key(), Map.of(FIELD, item)));
		return true;
	}

	@Override
	public void put(E e) {
		offer(e);
	}

	@Override
	public boolean offer(E e, long timeout, TimeUnit unit) {
		return offer(e);
	}

	@Override
	public boolean addAll(Collection<? extends E> c) {
		Objects.requireNonNull(c, "'c' must not be null");
		if (c == this) {
			throw new IllegalArgumentException("A queue cannot be added to itself");
		}
		Long added = append("append", c);
		return added != null && added > 0;
	}

	private Long append(String mode, Collection<? extends E> items) {
		List<String> args = new ArrayList<>(items.size() + 1);
		args.add(mode);
		for (E item : items) {
			args.add(encode(item));
		}
		return run(QueueScripts.ADD, args.toArray(String[]::new));
	}

	@Override
	public int remainingCapacity() {
		return Integer.MAX_VALUE;
	}

	// ---- consumers

	/** Take up to {@code max} oldest items, atomically (the claim script). */
	private List<String> claim(int max) {
		List<Object> items = run(QueueScripts.POLL, Integer.toString(max));
		List<String> claimed = new ArrayList<>((items != null) ? items.size() : 0);
		if (items != null) {
			items.forEach((item) -> claimed.add((String) item));
		}
		return claimed;
	}

	@Override
	public @Nullable E poll() {
		List<String> items = claim(1);
		return items.isEmpty() ? null : decode(items.get(0));
	}

	@Override
	public E take() throws InterruptedException {
		E item = poll(Long.MAX_VALUE, TimeUnit.NANOSECONDS);
		if (item == null) {
			throw new IllegalStateException("RedisSimpleQueue '" + key() + "' returned no item without a timeout");
		}
		return item;
	}

	@Override
	public @Nullable E poll(long timeout, TimeUnit unit) throws InterruptedException {
		long nanos = unit.toNanos(timeout);
		boolean forever = nanos == Long.MAX_VALUE;
		long deadline = System.nanoTime() + nanos;
		while (true) {
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			List<String> items = interruptibly(() -> claim(1));
			if (!items.isEmpty()) {
				return decode(items.get(0));
			}
			long remaining = forever ? Long.MAX_VALUE : deadline - System.nanoTime();
			if (remaining <= 0) {
				return null;
			}
			long millis = Math.max(1, Math.min(this.blockMillis, TimeUnit.NANOSECONDS.toMillis(remaining + 999_999)));
			awaitEntry(millis);
		}
	}

	/**
	 * Wait in Redis until the stream has an entry or {@code millis} pass ({@code XREAD BLOCK millis COUNT 1 STREAMS
	 * key 0}: returns at once if any entry exists). Spring Data Redis runs blocking reads on a dedicated connection.
	 */
	@SuppressWarnings("unchecked")
	private void awaitEntry(long millis) throws InterruptedException {
		StreamReadOptions options = StreamReadOptions.empty().count(1).block(Duration.ofMillis(millis));
		StreamOffset<String> offset = StreamOffset.create(key(), ReadOffset.from("0-0"));
		interruptibly(() -> this.support.execute(() -> template().opsForStream().read(options, offset)));
	}

	/** Run a Redis call of a blocking method, turning Lettuce's interruption into an InterruptedException. */
	private <T> T interruptibly(java.util.function.Supplier<T> call) throws InterruptedException {
		try {
			return call.get();
		}
		catch (RuntimeException ex) {
			if (Thread.interrupted() || isInterruption(ex)) {
				InterruptedException interrupted = new InterruptedException(
						"Interrupted while waiting for an item of RedisSimpleQueue '" + key() + "'");
				interrupted.initCause(ex);
				throw interrupted;
			}
			throw ex;
		}
	}

	private static boolean isInterruption(Throwable ex) {
		for (Throwable cause = ex; cause != null; cause = cause.getCause()) {
			if (cause instanceof InterruptedException
					|| cause.getClass().getName().equals("io.lettuce.core.RedisCommandInterruptedException")) {
				return true;
			}
			if (cause.getCause() == cause) {
				break;
			}
		}
		return false;
	}

	@Override
	public int drainTo(Collection<? super E> c) {
		return drainTo(c, Integer.MAX_VALUE);
	}

	@Override
	public int drainTo(Collection<? super E> c, int maxElements) {
		Objects.requireNonNull(c, "'c' must not be null");
		if (c == this) {
			throw new IllegalArgumentException("A queue cannot be drained to itself");
		}
		int drained = 0;
		while (drained < maxElements) {
			int batch = Math.min(BATCH, maxElements - drained);
			List<String> items = claim(batch);
			for (String item : items) {
				c.add(decode(item));
			}
			drained += items.size();
			if (items.size() < batch) {
				break;
			}
		}
		return drained;
	}

	@Override
	public @Nullable E peek() {
		List<Object> window = run(QueueScripts.RANGE, "-", "1");
		return (window == null || window.isEmpty()) ? null : decode((String) window.get(1));
	}

	@Override
	public int size() {
		Long size = this.support.execute(() -> template().opsForStream().size(key()));
		return (size == null) ? 0 : (int) Math.min(size, Integer.MAX_VALUE);
	}

	@Override
	public boolean isEmpty() {
		return size() == 0;
	}

	@Override
	public void clear() {
		this.support.execute(() -> template().unlink(key()));
	}

	@Override
	public Iterator<E> iterator() {
		return new WindowIterator();
	}

	/** XRANGE windows of {@link #BATCH} entries after the last id seen; {@code remove} is XDEL of that id. */
	private final class WindowIterator implements Iterator<E> {

		private final List<String> window = new ArrayList<>();

		private int position;

		private String start = "-";

		private boolean complete;

		private @Nullable String lastId;

		@Override
		public boolean hasNext() {
			if (this.position < this.window.size()) {
				return true;
			}
			if (this.complete) {
				return false;
			}
			List<Object> reply = run(QueueScripts.RANGE, this.start, Integer.toString(BATCH));
			this.window.clear();
			this.position = 0;
			if (reply != null) {
				reply.forEach((value) -> this.window.add((String) value));
			}
			this.complete = this.window.size() < 2 * BATCH;
			if (!this.window.isEmpty()) {
				this.start = "(" + this.window.get(this.window.size() - 2);
			}
			return !this.window.isEmpty();
		}

		@Override
		public E next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			this.lastId = this.window.get(this.position);
			E item = decode(this.window.get(this.position + 1));
			this.position += 2;
			return item;
		}

		@Override
		public void remove() {
			String id = this.lastId;
			if (id == null) {
				throw new IllegalStateException("next() has not been called, or remove() was already called");
			}
			this.lastId = null;
			StreamRedisSimpleQueue.this.support.execute(() -> template().opsForStream().delete(key(), id));
		}

	}

}
