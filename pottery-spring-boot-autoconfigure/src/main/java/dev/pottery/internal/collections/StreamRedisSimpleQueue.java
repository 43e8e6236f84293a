package dev.pottery.internal.collections;

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
import dev.pottery.collections.RedisSimpleQueue;
import dev.pottery.internal.StructureSupport;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.stream.ReadOffset;
import org.springframework.data.redis.connection.stream.StreamOffset;
import org.springframework.data.redis.connection.stream.StreamReadOptions;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * A {@link RedisSimpleQueue} over a Redis stream.
 */
public final class StreamRedisSimpleQueue<E> extends AbstractQueue<E> implements RedisSimpleQueue<E> {

	public static final String REDIS_TYPE = "stream";

	public static final String STRUCTURE = "RedisSimpleQueue";

	/** The stream field holding an item, as pottery names it. */
	static final String FIELD = "item";

	/** Entries per XRANGE window and per drain script. */
	static final int BATCH = 1000;

	static final long MAX_BLOCK_MILLIS = 10_000;

	/** The companion sorted set of claims being handed over: score = lease deadline (ms), member = "id item". */
	public static final String CLAIMS_SUFFIX = ":claims";

	/** The companion dead-letter stream of foreign and undecodable entries. */
	public static final String DEAD_SUFFIX = ":dead";

	/** How long a claim may stay unsettled before another consumer returns it to the queue. */
	static final Duration DEFAULT_LEASE = Duration.ofSeconds(30);

	private static final Long ONE = 1L;

	private static final Log logger = LogFactory.getLog(StreamRedisSimpleQueue.class);

	private final StructureSupport support;

	private final JavaType elementType;

	/** The longest single XREAD BLOCK, below the connection's command timeout. */
	private final long blockMillis;

	private final Duration lease;

	/** The stream, the claim set and the dead-letter stream, all in one hash slot. */
	private final List<String> keys;

	private StreamRedisSimpleQueue(StructureSupport support, JavaType elementType, Duration lease) {
		this.support = support;
		this.elementType = elementType;
		this.blockMillis = blockMillis(support.template().getConnectionFactory());
		this.lease = lease;
		this.keys = List.of(support.key(), support.companionKey(CLAIMS_SUFFIX), support.companionKey(DEAD_SUFFIX));
	}

	public static <E> StreamRedisSimpleQueue<E> open(StructureSupport support, JavaType elementType) {
		return open(support, elementType, DEFAULT_LEASE);
	}

	public static <E> StreamRedisSimpleQueue<E> open(StructureSupport support, JavaType elementType, Duration lease) {
		StreamRedisSimpleQueue<E> queue = new StreamRedisSimpleQueue<>(support, elementType, lease);
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
	public RedisSimpleQueue<E> create(Collection<? extends E> initial) {
		Assert.notNull(initial, "'initial' must not be null");
		Long added = append("create", initial);
		if (added == null || added < 0) {
			throw new KeyExistsException(this.support.key());
		}
		return this;
	}

	@Override
	public String key() {
		return this.support.key();
	}

	@Override
	public String deadLetterKey() {
		return this.keys.get(2);
	}

	/** The key of the claim set. */
	String claimsKey() {
		return this.keys.get(1);
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
		this.support.write(() -> template().opsForStream().add(key(), Map.of(FIELD, item)));
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
		return this.support.write(() -> template().execute(QueueScripts.ADD, List.of(key()), (Object[]) args.toArray(String[]::new)));
	}

	@Override
	public int remainingCapacity() {
		return Integer.MAX_VALUE;
	}

	// ---- consumers

	/**
	 * Claim up to {@code max} oldest items (step 1 of 2, see queue_claim.lua): they leave the stream and are leased
	 * to this consumer until {@link #settle settled}. Logs one WARN when entries went to the dead-letter stream.
	 */
	private List<Claim> claim(int max) {
		List<Object> reply = this.support.execute(() -> template().execute(QueueScripts.CLAIM, this.keys,
				Integer.toString(max), Long.toString(this.lease.toMillis())));
		if (reply == null || reply.size() < 2) {
			return List.of();
		}
		long recovered = (Long) reply.get(0);
		long dead = (Long) reply.get(1);
		if (recovered > 0) {
			logger.info("Returned " + recovered + " expired claim(s) of RedisSimpleQueue '" + key()
					+ "' to the queue (a consumer did not hand them over within " + this.lease + ")");
		}
		if (dead > 0) {
			logger.warn("Moved " + dead + " entr" + ((dead == 1) ? "y" : "ies") + " without an 'item' field from "
					+ "RedisSimpleQueue '" + key() + "' to the dead-letter stream '" + deadLetterKey()
					+ "' (written by something other than a queue); inspect them there with XRANGE");
		}
		List<Claim> claims = new ArrayList<>((reply.size() - 2) / 2);
		for (int i = 2; i + 1 < reply.size(); i += 2) {
			claims.add(new Claim((String) reply.get(i), (String) reply.get(i + 1)));
		}
		return claims;
	}

	/**
	 * Settle claims (step 2 of 2, see queue_settle.lua), uninterruptibly: an interrupt that arrives meanwhile is
	 * kept for the caller, and a call it cut short is sent again. Returns, per claim, whether it was still this
	 * consumer's; after a call cut short, a claim already gone counts as this consumer's (the first call may have
	 * settled it).
	 */
	private List<Object> settle(String mode, String reason, List<Claim> claims) {
		if (claims.isEmpty()) {
			return List.of();
		}
		String[] args = new String[claims.size() + 2];
		args[0] = mode;
		args[1] = reason;
		for (int i = 0; i < claims.size(); i++) {
			args[i + 2] = claims.get(i).member();
		}
		boolean interrupted = Thread.interrupted();
		boolean uncertain = false;
		try {
			while (true) {
				try {
					List<Object> settled = this.support
						.execute(() -> template().execute(QueueScripts.SETTLE, this.keys, (Object[]) args));
					if (settled == null || uncertain) {
						return java.util.Collections.nCopies(claims.size(), ONE);
					}
					return settled;
				}
				catch (RuntimeException ex) {
					if (!(Thread.interrupted() | isInterruption(ex))) {
						throw ex;
					}
					interrupted = true;
					uncertain = true;
				}
			}
		}
		finally {
			if (interrupted) {
				Thread.currentThread().interrupt();
			}
		}
	}

	/**
	 * Decode one claimed item and acknowledge it, so that the caller can hand it over: an empty list when the entry
	 * was undecodable (it is now in the dead-letter stream) or is no longer this consumer's (its lease ran out and
	 * another consumer returned it to the queue). When the acknowledgement cannot be confirmed (the connection was
	 * lost), the item is handed over anyway: it may be delivered a second time after its lease, but never lost.
	 */
	private List<E> takeClaimed(Claim claim) {
		E item;
		try {
			item = decode(claim.item());
		}
		catch (EncodingException ex) {
			deadLetter(claim, ex);
			return List.of();
		}
		try {
			List<Object> mine = settle("ack", "", List.of(claim));
			if (!ONE.equals(mine.get(0))) {
				return List.of();
			}
		}
		catch (RuntimeException ex) {
			warnUnacknowledged(1, ex);
		}
		List<E> taken = new ArrayList<>(1);
		taken.add(item);
		return taken;
	}

	/**
	 * Decode claimed items, add them to {@code sink} in order, then acknowledge those added. Undecodable items go to
	 * the dead-letter stream; when {@code sink} throws, the items not yet added go back to the queue.
	 * @return the number of items added
	 */
	private int drainClaimed(List<Claim> claims, Collection<? super E> sink) {
		List<Claim> valid = new ArrayList<>(claims.size());
		List<E> items = new ArrayList<>(claims.size());
		for (Claim claim : claims) {
			try {
				items.add(decode(claim.item()));
				valid.add(claim);
			}
			catch (EncodingException ex) {
				deadLetter(claim, ex);
			}
		}
		int added = 0;
		try {
			for (E item : items) {
				sink.add(item);
				added++;
			}
		}
		finally {
			if (added < valid.size()) {
				settle("release", "", valid.subList(added, valid.size()));
			}
			try {
				settle("ack", "", valid.subList(0, added));
			}
			catch (RuntimeException ex) {
				warnUnacknowledged(added, ex);
			}
		}
		return added;
	}

	private void warnUnacknowledged(int count, RuntimeException ex) {
		logger.warn("Could not acknowledge " + count + " item(s) taken from RedisSimpleQueue '" + key()
				+ "'; handed over anyway: they may be delivered again once their lease of " + this.lease
				+ " runs out", ex);
	}

	private void deadLetter(Claim claim, EncodingException ex) {
		settle("dead", "undecodable: " + ex.getMessage(), List.of(claim));
		logger.warn("Moved an undecodable entry (" + claim.id() + ") of RedisSimpleQueue '" + key()
				+ "' to the dead-letter stream '" + deadLetterKey() + "': " + ex.getMessage());
	}

	@Override
	public @Nullable E poll() {
		while (true) {
			List<Claim> claims = claim(1);
			if (claims.isEmpty()) {
				return null;
			}
			List<E> taken = takeClaimed(claims.get(0));
			if (!taken.isEmpty()) {
				return taken.get(0);
			}
			// the entry was undecodable (now dead-lettered) or no longer ours: try the next one
		}
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
		Objects.requireNonNull(unit, "'unit' must not be null");
		long nanos = unit.toNanos(timeout);
		boolean forever = nanos == Long.MAX_VALUE;
		long start = System.nanoTime();
		while (true) {
			if (Thread.interrupted()) {
				throw new InterruptedException();
			}
			List<Claim> claims = interruptibly(() -> claim(1));
			if (!claims.isEmpty()) {
				List<E> taken = takeClaimed(claims.get(0));
				if (!taken.isEmpty()) {
					return taken.get(0);
				}
				continue;
			}
			if (nanos <= 0) {
				return null; // java.util.concurrent: a timeout <= 0 means "do not wait"
			}
			// elapsed time, not a deadline: start + nanos would overflow for timeouts near Long.MAX_VALUE
			long remaining = forever ? Long.MAX_VALUE : nanos - (System.nanoTime() - start);
			if (remaining <= 0) {
				return null;
			}
			long millis = Math.max(1, Math.min(this.blockMillis, TimeUnit.NANOSECONDS.toMillis(remaining) + 1));
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
			List<Claim> claims = claim(batch);
			drained += drainClaimed(claims, c);
			if (claims.size() < batch) {
				break;
			}
		}
		return drained;
	}

	/** A claimed entry: its stream id and item, and its member in the claim set. */
	private record Claim(String id, String item) {

		String member() {
			return this.id + " " + this.item;
		}

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
		this.support.write(() -> template().unlink(this.keys.subList(0, 2)));
	}

	/**
	 * Weakly consistent, like the iterator, in queue order: {@code ORDERED} and {@code CONCURRENT} (other clients may
	 * change the key while it runs), not {@code SIZED}.
	 */
	@Override
	public java.util.Spliterator<E> spliterator() {
		return java.util.Spliterators.spliteratorUnknownSize(iterator(),
				java.util.Spliterator.ORDERED | java.util.Spliterator.CONCURRENT);
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
			StreamRedisSimpleQueue.this.support.write(() -> template().opsForStream().delete(key(), id));
		}

	}

}
