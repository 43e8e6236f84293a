package dev.pottery.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.scheduler.Schedulers;

/**
 * The release notifications of one {@link Masters} set: a single Pub/Sub connection per master, shared by every lock
 * waiting on these masters (not one per lock or per thread), opened on the first contended wait (never while beans
 * are created), on which a channel is subscribed while at least one waiter of this process waits on it, and for
 * about a second after the last one left: under contention a process waits on the same lock again within
 * milliseconds, and then finds the channel subscribed, so its wait costs no {@code SUBSCRIBE} round trip (nor the
 * {@code SUBSCRIBE}/{@code UNSUBSCRIBE} churn on the masters).
 *
 * <p>Lock releases publish on their lock's channel (see {@code release.lua}); a waiter {@linkplain Waiter#arm() arms}
 * before each attempt and, when the attempt fails, waits for {@link Waiter#signal()}, which completes on the next
 * message on its channel from any master, on a release through these masters in this process, or when a Pub/Sub
 * connection (re)connects (messages may have been lost while it was down). Notifications are a hint only: a waiter
 * still retries after its random delay, so lost messages and holders that never publish (Python pottery) are waited
 * out as before.
 *
 * <p>It also bounds barging: a release that reached waiters (its {@code PUBLISH} had receivers) makes the next
 * acquisition of the same lock through these masters {@linkplain #yieldBefore(String) yield} for about two round
 * trips, so a waiter woken by that release gets its attempt in before the releaser takes the lock again.
 *
 * <p>And it orders woken waiters by seniority, without any key on the masters: a notification carries the released
 * token and the number of processes subscribed to the channel ({@code release.lua}), so each waiter counts the
 * releases it has seen while waiting (its {@linkplain Waiter#seniorityDelayNanos(long) seniority}) and knows about
 * how many wait with it. Under steady contention the longest waiter has seen one release fewer than there are
 * other subscribers: it attempts at once, and each more junior waiter one round trip later per release it has not
 * seen, so the senior one's attempt reaches the masters first (a woken waiter's attempt otherwise wins by the
 * scheduling luck of its threads, and the unluckiest waits many hand-overs).
 *
 * <p>Internal to Pottery's locks; thread-safe; nothing here blocks.
 *
 * @since 0.1.0
 */
final class ReleaseNotifications implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(ReleaseNotifications.class);

	/** The most a releaser yields to woken waiters. */
	private static final long MAX_YIELD_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

	/** How long a channel stays subscribed after its last waiter in this process left. */
	static final Duration LINGER = Duration.ofSeconds(1);

	private final List<Supplier<CompletableFuture<StatefulRedisPubSubConnection<String, String>>>> connectors;

	/** Per master, the tail of the commands sent on its Pub/Sub connection (so they go out in order). */
	private final List<@Nullable CompletableFuture<StatefulRedisPubSubConnection<String, String>>> connections;

	/** Channel to its waiters in this process; changed under {@code this}, read by the listeners without it. */
	private final Map<String, Set<Waiter>> channels = new ConcurrentHashMap<>();

	/** Per channel, per master, the confirmation of its latest {@code SUBSCRIBE}; changed under {@code this}. */
	private final Map<String, CompletableFuture<?>[]> confirmations = new ConcurrentHashMap<>();

	/** Channels without waiters, still subscribed, to the time (nanoTime) their last waiter left; under {@code this}. */
	private final Map<String, Long> idle = new ConcurrentHashMap<>();

	/** Whether a sweep of idle channels is scheduled; under {@code this}. */
	private boolean sweeping;

	/** Lock key to the yield of its next acquisition after a release through these masters that woke waiters. */
	private final Map<String, Yield> yields = new ConcurrentHashMap<>();

	private volatile boolean closed;

	ReleaseNotifications(List<Supplier<CompletableFuture<StatefulRedisPubSubConnection<String, String>>>> connectors) {
		this.connectors = List.copyOf(connectors);
		this.connections = new ArrayList<>();
		connectors.forEach((connector) -> this.connections.add(null));
	}

	/**
	 * The channel a lock's release is published on: {@code {redlock:<key>}:released}.
	 * @param lockKey the lock's Redis key, {@code redlock:<key>}
	 * @return the channel
	 */
	public static String channel(String lockKey) {
		return "{" + lockKey + "}:released";
	}

	/**
	 * Whether these masters can subscribe at all (masters on connections the caller opened cannot).
	 * @return {@code true} when waiters are woken by releases in other processes too
	 */
	public boolean isSubscribable() {
		return !this.connectors.isEmpty();
	}

	/**
	 * Start waiting on a lock's channel, subscribing to it unless a waiter of this process already does.
	 * @param lockKey the lock's Redis key
	 * @param timeout how long {@link Waiter#ready()} waits for the masters to confirm the subscription
	 * @return the waiter; {@linkplain Waiter#close() close} it when the wait ends
	 */
	public Waiter register(String lockKey, Duration timeout) {
		String channel = channel(lockKey);
		Waiter waiter = new Waiter(channel, null);
		List<CompletableFuture<?>> subscriptions = new ArrayList<>();
		synchronized (this) {
			Set<Waiter> waiters = this.channels.get(channel);
			boolean first = waiters == null;
			if (first) {
				waiters = ConcurrentHashMap.newKeySet();
				this.channels.put(channel, waiters);
			}
			waiters.add(waiter);
			this.idle.remove(channel);
			if (!this.closed) {
				for (int i = 0; i < this.connectors.size(); i++) {
					CompletableFuture<?> subscribed = subscribe(i, channel, first);
					if (subscribed != null) {
						subscriptions.add(subscribed);
					}
				}
			}
		}
		if (subscriptions.isEmpty()) {
			waiter.ready.complete(!this.connectors.isEmpty() && !this.closed);
		}
		else {
			long nanos = timeout.toNanos();
			CompletableFuture<?>[] confirmed = subscriptions.stream()
				.map((future) -> future.copy()
					.orTimeout(nanos, TimeUnit.NANOSECONDS)
					.handle((done, ex) -> (ex == null) ? Boolean.TRUE : Boolean.FALSE))
				.toArray(CompletableFuture[]::new);
			CompletableFuture.allOf(confirmed)
				.thenRun(() -> waiter.ready.complete(
						java.util.Arrays.stream(confirmed).anyMatch((future) -> Boolean.TRUE.equals(future.join()))));
		}
		return waiter;
	}

	/**
	 * Subscribe to {@code channel} on master {@code index} (called under {@code this}): on a new connection every
	 * channel with waiters (read when the connection is open), on an open one only {@code channel} and only when it
	 * had no waiters yet.
	 * @return the confirmation, or {@code null} when nothing was sent
	 */
	private @Nullable CompletableFuture<?> subscribe(int index, String channel, boolean first) {
		CompletableFuture<StatefulRedisPubSubConnection<String, String>> tail = this.connections.get(index);
		boolean reopen = tail == null || tail.isCompletedExceptionally();
		if (!reopen && !first) {
			// already subscribed (or being subscribed) for an earlier waiter, or lingering after the last one
			CompletableFuture<?>[] confirmed = this.confirmations.get(channel);
			CompletableFuture<?> confirmation = (confirmed != null) ? confirmed[index] : null;
			return (confirmation != null) ? confirmation : tail;
		}
		if (reopen) {
			tail = open(index);
		}
		CompletableFuture<Void> subscribed = new CompletableFuture<>();
		for (String confirmed : reopen ? this.channels.keySet() : Set.of(channel)) {
			CompletableFuture<?>[] perMaster = this.confirmations.computeIfAbsent(confirmed,
					(key) -> new CompletableFuture<?>[this.connectors.size()]);
			perMaster[index] = subscribed;
		}
		this.connections.set(index, tail.thenApply((connection) -> {
			// dispatched in order on the connection: a SUBSCRIBE never overtakes an earlier UNSUBSCRIBE
			String[] subscribe = reopen ? this.channels.keySet().toArray(String[]::new) : new String[] { channel };
			if (subscribe.length == 0) {
				subscribed.complete(null);
				return connection;
			}
			connection.async().subscribe(subscribe).whenComplete((done, ex) -> {
				if (ex != null) {
					subscribed.completeExceptionally(ex);
				}
				else {
					subscribed.complete(null);
				}
			});
			return connection;
		}).whenComplete((connection, ex) -> {
			if (ex != null) {
				subscribed.completeExceptionally(ex);
			}
		}));
		return subscribed;
	}

	private CompletableFuture<StatefulRedisPubSubConnection<String, String>> open(int index) {
		CompletableFuture<StatefulRedisPubSubConnection<String, String>> opened;
		try {
			opened = this.connectors.get(index).get();
		}
		catch (RuntimeException ex) {
			opened = CompletableFuture.failedFuture(ex);
		}
		return opened.thenApply((connection) -> {
			connection.addListener(new RedisPubSubAdapter<String, String>() {

				@Override
				public void message(String channel, String message) {
					signal(channel, message);
				}

			});
			connection.addListener(new RedisConnectionStateListener() {

				@Override
				public void onRedisConnected(RedisChannelHandler<?, ?> connection,
						java.net.SocketAddress socketAddress) {
					// messages published while we were disconnected are lost: let every waiter try again
					signalAll();
				}

			});
			return connection;
		});
	}

	private void unregister(Waiter waiter) {
		boolean schedule = false;
		synchronized (this) {
			Set<Waiter> waiters = this.channels.get(waiter.channel);
			if (waiters == null || !waiters.remove(waiter) || !waiters.isEmpty()) {
				return;
			}
			if (this.closed) {
				this.channels.remove(waiter.channel);
				this.confirmations.remove(waiter.channel);
				return;
			}
			// keep the channel subscribed for a while: the next wait on this lock is likely to come soon
			this.idle.put(waiter.channel, System.nanoTime());
			if (!this.sweeping) {
				this.sweeping = true;
				schedule = true;
			}
		}
		if (schedule) {
			scheduleSweep(LINGER.toNanos());
		}
	}

	private void scheduleSweep(long delayNanos) {
		Schedulers.parallel().schedule(this::sweep, delayNanos, TimeUnit.NANOSECONDS);
	}

	/** Unsubscribe the channels that have had no waiter for {@link #LINGER}; runs on a Reactor timer, never blocks. */
	private void sweep() {
		long next = -1;
		synchronized (this) {
			long now = System.nanoTime();
			long linger = LINGER.toNanos();
			for (Map.Entry<String, Long> entry : List.copyOf(this.idle.entrySet())) {
				String channel = entry.getKey();
				long left = entry.getValue() + linger - now;
				Set<Waiter> waiters = this.channels.get(channel);
				if (waiters != null && !waiters.isEmpty()) {
					this.idle.remove(channel);
				}
				else if (left <= 0 || this.closed) {
					this.idle.remove(channel);
					this.channels.remove(channel);
					this.confirmations.remove(channel);
					unsubscribe(channel);
				}
				else if (next < 0 || left < next) {
					next = left;
				}
			}
			this.sweeping = next >= 0;
		}
		if (next >= 0) {
			scheduleSweep(next);
		}
	}

	/** Unsubscribe {@code channel} on every open connection (called under {@code this}). */
	private void unsubscribe(String channel) {
		if (this.closed) {
			return;
		}
		for (int i = 0; i < this.connections.size(); i++) {
			CompletableFuture<StatefulRedisPubSubConnection<String, String>> tail = this.connections.get(i);
			if (tail != null && !tail.isCompletedExceptionally()) {
				this.connections.set(i, tail.thenApply((connection) -> {
					connection.async().unsubscribe(channel);
					return connection;
				}));
			}
		}
	}

	/**
	 * Join the wait on a lock's channel if this process still has it subscribed (it has waiters, or had them less
	 * than {@link #LINGER} ago and the masters confirmed the subscription), without any I/O: the waiter is armed and
	 * ready at once, so a contended acquisition can wait on it right after its first attempt.
	 * @param lockKey the lock's Redis key
	 * @param ownToken a token this process just released, whose notifications are not news to the waiter; or
	 * {@code null}
	 * @return the waiter, to be {@linkplain Waiter#close() closed}; {@code null} when the channel is not subscribed
	 */
	public @Nullable Waiter joinIfSubscribed(String lockKey, @Nullable String ownToken) {
		if (this.channels.isEmpty()) {
			// the uncontended fast path: nothing to look up
			return null;
		}
		String channel = channel(lockKey);
		synchronized (this) {
			Set<Waiter> waiters = this.channels.get(channel);
			CompletableFuture<?>[] confirmed = this.confirmations.get(channel);
			if (this.closed || waiters == null || confirmed == null) {
				return null;
			}
			for (CompletableFuture<?> confirmation : confirmed) {
				if (confirmation == null || !confirmation.isDone() || confirmation.isCompletedExceptionally()) {
					return null;
				}
			}
			for (CompletableFuture<StatefulRedisPubSubConnection<String, String>> tail : this.connections) {
				if (tail == null || !tail.isDone() || tail.isCompletedExceptionally()) {
					return null;
				}
			}
			Waiter waiter = new Waiter(channel, ownToken);
			waiter.ready.complete(true);
			waiters.add(waiter);
			this.idle.remove(channel);
			return waiter;
		}
	}

	/**
	 * Whether a release's {@code PUBLISH}, as counted in {@code release.lua}'s reply ({@code 1 +} receivers), reached
	 * a process that waits: this process's own subscription counts only while it has waiters (a channel lingering
	 * here after its last waiter left is no one to yield to).
	 * @param lockKey the lock's Redis key
	 * @param reply one master's reply to the release
	 * @return {@code true} when some other waiter was reached
	 */
	public boolean reachedWaiters(String lockKey, long reply) {
		long receivers = reply - 1;
		if (receivers <= 0) {
			return false;
		}
		String channel = channel(lockKey);
		Set<Waiter> waiters = this.channels.get(channel);
		boolean lingeringHere = waiters != null && waiters.isEmpty();
		return receivers > (lingeringHere ? 1 : 0);
	}

	/**
	 * Wake every waiter of this process on a lock's channel, for a release made through these masters.
	 * @param lockKey the lock's Redis key
	 */
	public void released(String lockKey) {
		signal(channel(lockKey), null);
	}

	/**
	 * Note that a release of {@code lockKey} reached waiters: the next acquisition through these masters yields.
	 * @param lockKey the lock's Redis key
	 * @param token the released token
	 * @param roundTripNanos how long the release took, the measure of the yield
	 */
	public void yieldAfterRelease(String lockKey, String token, long roundTripNanos) {
		long now = System.nanoTime();
		if (this.yields.size() > 1024) {
			this.yields.values().removeIf((yield) -> yield.until() - now <= 0);
		}
		long yieldNanos = Math.min(MAX_YIELD_NANOS, 2 * roundTripNanos + TimeUnit.MILLISECONDS.toNanos(1));
		this.yields.put(lockKey, new Yield(now + yieldNanos, token));
	}

	/**
	 * The yield an acquisition of {@code lockKey} owes waiters woken by a recent release through these masters, if
	 * any: the acquisition waits until it ends before its first attempt.
	 * @param lockKey the lock's Redis key
	 * @return the yield, or {@code null} (mostly)
	 */
	public @Nullable Yield yieldBefore(String lockKey) {
		if (this.yields.isEmpty()) {
			return null;
		}
		Yield yield = this.yields.remove(lockKey);
		return (yield != null && yield.until() - System.nanoTime() > 0) ? yield : null;
	}

	/**
	 * A yield owed to woken waiters.
	 * @param until when it ends ({@link System#nanoTime()})
	 * @param token the token whose release woke them
	 */
	public record Yield(long until, String token) {

		/**
		 * How long is left of it.
		 * @return the nanoseconds left, at least 0
		 */
		public long remainingNanos() {
			return Math.max(0, this.until - System.nanoTime());
		}

	}

	private void signal(String channel, @Nullable String message) {
		Set<Waiter> waiters = this.channels.get(channel);
		if (waiters != null) {
			waiters.forEach((waiter) -> waiter.wake(message));
		}
	}

	private void signalAll() {
		this.channels.values().forEach((waiters) -> waiters.forEach((waiter) -> waiter.wake(null)));
	}

	/** Close the Pub/Sub connections; waiters fall back to their random retries. */
	@Override
	public void close() {
		List<CompletableFuture<StatefulRedisPubSubConnection<String, String>>> open = new ArrayList<>();
		synchronized (this) {
			this.closed = true;
			for (int i = 0; i < this.connections.size(); i++) {
				CompletableFuture<StatefulRedisPubSubConnection<String, String>> tail = this.connections.get(i);
				if (tail != null) {
					open.add(tail);
				}
				this.connections.set(i, null);
			}
		}
		for (CompletableFuture<StatefulRedisPubSubConnection<String, String>> tail : open) {
			tail.thenAccept((connection) -> {
				try {
					// a connection from the application's factory is closed with it, maybe before us: close it once
					if (connection.isOpen()) {
						connection.close();
					}
				}
				catch (RuntimeException ex) {
					logger.debug("Could not close a release notification connection", ex);
				}
			});
		}
	}

	/** Whether a channel is subscribed in this process: it has waiters, or had them less than {@link #LINGER} ago. */
	boolean isSubscribed(String lockKey) {
		return this.channels.containsKey(channel(lockKey));
	}

	/** Whether a release recorded a yield for the next acquisition of {@code lockKey}, spent or not (for tests). */
	boolean isYieldRecorded(String lockKey) {
		return this.yields.containsKey(lockKey);
	}

	/** Whether a channel has waiters in this process (for tests). */
	boolean hasWaiters(String lockKey) {
		Set<Waiter> waiters = this.channels.get(channel(lockKey));
		return waiters != null && !waiters.isEmpty();
	}

	/**
	 * One waiting acquisition: {@link #arm()} before each attempt, {@link #signal()} after a failed one.
	 */
	public final class Waiter implements AutoCloseable {

		/** The most releases a junior waiter defers to (each a round trip of its attempt). */
		static final int MAX_DEFERRED = 4;

		/** Bounds of the deferral per release a waiter has not seen. */
		static final long MIN_DEFER_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

		static final long MAX_DEFER_NANOS = TimeUnit.MILLISECONDS.toNanos(2);

		private final String channel;

		/** A token this process just released: its notifications are not news to this waiter. */
		private final @Nullable String ownToken;

		private final CompletableFuture<Boolean> ready = new CompletableFuture<>();

		private final AtomicReference<CompletableFuture<Void>> signal = new AtomicReference<>(new CompletableFuture<>());

		private final AtomicBoolean closed = new AtomicBoolean();

		/** The latest release notified, by its token (every master publishes it); guarded by {@code this}. */
		private @Nullable String lastToken;

		/** The releases seen during this wait before the latest one; guarded by {@code this}. */
		private int seen = -1;

		/** The processes subscribed to the channel, as the latest notification counted them; guarded by {@code this}. */
		private long subscribers;

		Waiter(String channel, @Nullable String ownToken) {
			this.channel = channel;
			this.ownToken = ownToken;
		}

		/**
		 * Completes once the masters confirmed the subscription, or failed to, or the timeout passed.
		 * @return {@code true} when at least one master confirmed it
		 */
		public CompletableFuture<Boolean> ready() {
			return this.ready;
		}

		/** Forget earlier notifications: call before an attempt, so one arriving during it is not lost. */
		public void arm() {
			CompletableFuture<Void> current = this.signal.get();
			if (current.isDone()) {
				this.signal.compareAndSet(current, new CompletableFuture<>());
			}
		}

		/**
		 * Completes on the first notification since the last {@link #arm()}.
		 * @return the signal
		 */
		public CompletableFuture<Void> signal() {
			return this.signal.get();
		}

		/**
		 * How long to defer the attempt that follows the latest notification, so that more senior waiters go first:
		 * one {@code roundTripNanos} (within 0.1 to 2 ms) per release this waiter has not seen and the most senior
		 * other waiter has, estimated as the subscribers other than the releaser and this waiter, less the releases
		 * this waiter saw before the latest (at most {@value #MAX_DEFERRED} round trips; 0 when the notification did
		 * not say, as after a reconnect or from an older release script).
		 * @param roundTripNanos this waiter's latest attempt's round trip
		 * @return the nanoseconds to defer, 0 for the most senior waiter
		 */
		public synchronized long seniorityDelayNanos(long roundTripNanos) {
			if (this.seen < 0 || this.subscribers <= 2) {
				return 0;
			}
			long deferred = Math.min(MAX_DEFERRED, Math.max(0, this.subscribers - 2 - this.seen));
			return deferred * Math.max(MIN_DEFER_NANOS, Math.min(MAX_DEFER_NANOS, roundTripNanos));
		}

		/**
		 * Wake on a release; {@code message} is {@code release.lua}'s {@code <token>:<subscribers>}, or {@code null}
		 * when unknown (a reconnect, a release through these masters without Pub/Sub): wake, without seniority.
		 */
		void wake(@Nullable String message) {
			if (message != null) {
				int colon = message.lastIndexOf(':');
				String token = (colon >= 0) ? message.substring(0, colon) : message;
				synchronized (this) {
					if (token.equals(this.ownToken) || (!token.isEmpty() && token.equals(this.lastToken))) {
						// our own release, or the same release published by another master
						return;
					}
					this.lastToken = token;
					this.seen++;
					this.subscribers = parseSubscribers(message, colon);
				}
			}
			else {
				synchronized (this) {
					this.subscribers = 0;
				}
			}
			this.signal.get().complete(null);
		}

		private static long parseSubscribers(String message, int colon) {
			if (colon < 0) {
				return 0;
			}
			try {
				return Long.parseLong(message, colon + 1, message.length(), 10);
			}
			catch (NumberFormatException ex) {
				return 0;
			}
		}

		/** Stop waiting; unsubscribes when this was the channel's last waiter in this process. */
		@Override
		public void close() {
			if (this.closed.compareAndSet(false, true)) {
				unregister(this);
			}
		}

	}

}
