package dev.pottery.lock;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.pottery.internal.Master;
import dev.pottery.internal.MasterGroup;
import dev.pottery.observation.PotteryRecorder;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.util.Assert;

/**
 * A fixed set of N independent Redis masters for {@code Redlock} and {@code NextId}: not replicas of one another,
 * not a cluster, but separate servers (5 in production, see the README), each reached through one shared,
 * thread-safe Lettuce connection. A <em>quorum</em> is a strict majority, {@code N / 2 + 1}: 1 of 1, 2 of 3, 3 of 5.
 *
 * <p>Build it from URLs ({@code redis://}, {@code rediss://}, {@code redis://user:password@host:port/db}), from
 * existing {@link LettuceConnectionFactory}s (each master then opens its own connection from the factory's Lettuce
 * client, so URI, credentials and TLS are the factory's: the application's own Redis can serve as the single
 * master), or from open Lettuce
 * connections. Connections are opened lazily, on the first command, so a master that is down at start-up does not
 * prevent the others from working. Passwords are masked ({@code redis://user:****@host:port}) in {@link #urls()},
 * {@link #toString()}, exceptions and logs.
 *
 * <p>When the application's only Redis cannot serve as a master (a Redis Cluster or a Sentinel-managed server),
 * {@link #ofApplicationRedis} gives {@linkplain #isAvailable() unavailable} masters instead of failing: the
 * application starts, and only creating a Redlock or NextId on them fails, with a message saying what to configure.
 *
 * <p>Thread-safe. {@link #close()} closes what this object created (connections, client, client resources) and
 * nothing it was given.
 *
 * <pre>{@code
 * try (Masters masters = Masters.of("redis://r1:6379", "redis://r2:6379", "redis://r3:6379")) {
 *     Redlock printer = Redlock.of(masters, "printer");
 *     // ...
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Masters implements MasterGroup, AutoCloseable {

	private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(2);

	private final List<Master> masters;

	private final List<String> urls;

	private final @Nullable RedisClient client;

	private final @Nullable ClientResources ownedResources;

	private volatile PotteryRecorder recorder = PotteryRecorder.NONE;

	/** Commands sent (or chained to be sent) by the quorum engine and not answered yet; {@link #close()} waits. */
	private final AtomicInteger inFlight = new AtomicInteger();

	private volatile boolean closing;

	private volatile boolean closed;

	private final java.util.concurrent.atomic.AtomicBoolean persistenceChecked = new java.util.concurrent.atomic.AtomicBoolean();

	/** Why there are no masters ({@link #unavailable}), or {@code null}. */
	private final @Nullable String unavailable;

	/** The release notifications of locks on these masters (Pub/Sub, opened on the first contended wait). */
	private final ReleaseNotifications releaseNotifications;

	private Masters(List<Master> masters, @Nullable RedisClient client, @Nullable ClientResources ownedResources) {
		this(masters, client, ownedResources, List.of());
	}

	private Masters(List<Master> masters, @Nullable RedisClient client, @Nullable ClientResources ownedResources,
			List<Supplier<CompletableFuture<StatefulRedisPubSubConnection<String, String>>>> pubSub) {
		Assert.notEmpty(masters, "'masters' must not be empty");
		this.releaseNotifications = new ReleaseNotifications(pubSub);
		this.masters = List.copyOf(masters);
		this.urls = this.masters.stream().map(Master::url).toList();
		this.client = client;
		this.ownedResources = ownedResources;
		this.unavailable = null;
	}

	private Masters(String unavailable) {
		this.masters = List.of();
		this.urls = List.of();
		this.client = null;
		this.ownedResources = null;
		this.unavailable = unavailable;
		this.releaseNotifications = new ReleaseNotifications(List.of());
	}

	/**
	 * A stand-in for masters that cannot be had: it has no master, and {@link #requireAvailable()} (which Redlock,
	 * NextId and the quorum engine call before they use masters) throws an {@link IllegalStateException} with the
	 * reason, so that only the code that needs masters fails.
	 * @param reason why there are no masters and what to configure, for the exception's message
	 * @return the unavailable masters
	 */
	public static Masters unavailable(String reason) {
		Assert.hasText(reason, "'reason' must not be empty");
		return new Masters(reason);
	}

	/**
	 * The application's own Redis as the single master, as Pottery uses it when no masters are configured
	 * ({@link #ofConnectionFactories}); or, when that connection is a Redis Cluster or a Sentinel-managed server,
	 * which cannot serve as a Redlock master, {@linkplain #unavailable unavailable} masters whose reason says so and
	 * ends with {@code advice}, so that an application on a cluster still starts.
	 * @param connectionFactory the application's connection factory, a {@link LettuceConnectionFactory}
	 * @param advice what to do instead, for example which property to set
	 * @return the masters
	 * @throws IllegalArgumentException if the factory is not a {@link LettuceConnectionFactory}
	 */
	public static Masters ofApplicationRedis(RedisConnectionFactory connectionFactory, String advice) {
		if (connectionFactory instanceof LettuceConnectionFactory lettuce
				&& (lettuce.isClusterAware() || lettuce.isRedisSentinelAware())) {
			return unavailable("No Redlock masters: the application's Redis connection is "
					+ (lettuce.isClusterAware() ? "a Redis Cluster" : "managed by Redis Sentinel")
					+ ", which cannot serve as a Redlock master (a master must be one standalone server, independent of "
					+ "the others). " + advice);
		}
		return ofConnectionFactories(List.of(connectionFactory));
	}

	/**
	 * Masters at the given URLs, with client resources of their own.
	 * @param urls one {@code redis://} or {@code rediss://} URL per master
	 * @return the masters; connections open on first use
	 * @throws IllegalArgumentException if there is no URL or one cannot be parsed (the message masks passwords)
	 */
	public static Masters of(String... urls) {
		return of(Arrays.asList(urls));
	}

	/**
	 * Masters at the given URLs, with client resources of their own.
	 * @param urls one {@code redis://} or {@code rediss://} URL per master
	 * @return the masters; connections open on first use
	 * @throws IllegalArgumentException if there is no URL or one cannot be parsed (the message masks passwords)
	 */
	public static Masters of(List<String> urls) {
		return of(urls, null);
	}

	/**
	 * Masters at the given URLs, sharing the application's Lettuce client resources (event loops, timers), which
	 * {@link #close()} leaves running.
	 * @param urls one {@code redis://} or {@code rediss://} URL per master
	 * @param resources the resources to share, or {@code null} to create (and later shut down) our own
	 * @return the masters; connections open on first use
	 * @throws IllegalArgumentException if there is no URL or one cannot be parsed (the message masks passwords)
	 */
	public static Masters of(List<String> urls, @Nullable ClientResources resources) {
		Assert.notEmpty(urls, "'urls' must not be empty");
		List<RedisURI> uris = new ArrayList<>(urls.size());
		for (String url : urls) {
			Assert.hasText(url, "'urls' must not contain empty URLs");
			checkPort(url);
			try {
				uris.add(RedisURI.create(url));
			}
			catch (RuntimeException ex) {
				throw new IllegalArgumentException("Invalid Redis master URL '" + mask(url)
						+ "'; expected redis://[[user]:password@]host[:port][/database] or rediss://...");
			}
		}
		checkDistinct(urls, uris);
		ClientResources owned = null;
		ClientResources used = resources;
		if (used == null) {
			// reconnect quickly: a restarted master should count again within a fraction of a second
			owned = DefaultClientResources.builder()
				.reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
				.build();
			used = owned;
		}
		RedisClient client = RedisClient.create(used);
		// a disconnected master must fail at once (it counts as an error) instead of queueing our commands
		client.setOptions(ClientOptions.builder()
			.autoReconnect(true)
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.build());
		List<Master> masters = new ArrayList<>(uris.size());
		List<Supplier<CompletableFuture<StatefulRedisPubSubConnection<String, String>>>> pubSub = new ArrayList<>();
		for (int i = 0; i < uris.size(); i++) {
			RedisURI uri = uris.get(i);
			masters.add(new Master(mask(urls.get(i)),
					() -> client.connectAsync(StringCodec.UTF8, uri).toCompletableFuture()));
			pubSub.add(() -> client.connectPubSubAsync(StringCodec.UTF8, uri).toCompletableFuture());
		}
		return connectAll(new Masters(masters, client, owned, pubSub));
	}

	/**
	 * Reject a port Lettuce would silently replace by 6379, such as {@code redis://host:notaport}.
	 */
	private static void checkPort(String url) {
		int scheme = url.indexOf("://");
		if (scheme < 0) {
			return;
		}
		String authority = url.substring(scheme + 3);
		int end = authority.length();
		for (char stop : new char[] { '/', '?', '#' }) {
			int at = authority.indexOf(stop);
			if (at >= 0) {
				end = Math.min(end, at);
			}
		}
		authority = authority.substring(0, end);
		authority = authority.substring(authority.lastIndexOf('@') + 1);
		int colon = authority.lastIndexOf(':');
		if (colon < 0 || authority.lastIndexOf(']') > colon) {
			return;
		}
		String port = authority.substring(colon + 1);
		boolean valid = !port.isEmpty() && port.length() <= 5 && port.chars().allMatch(Character::isDigit)
				&& Integer.parseInt(port) >= 1 && Integer.parseInt(port) <= 65535;
		if (!valid) {
			throw new IllegalArgumentException("Invalid port '" + port + "' in Redis master URL '" + mask(url)
					+ "'; give a number from 1 to 65535, or no port for 6379");
		}
	}

	/**
	 * Reject the same server listed twice: it would count twice towards every majority, and the lock would no
	 * longer be safe.
	 */
	private static void checkDistinct(List<String> urls, List<RedisURI> uris) {
		java.util.Map<String, Integer> seen = new java.util.HashMap<>();
		for (int i = 0; i < uris.size(); i++) {
			RedisURI uri = uris.get(i);
			String server = (uri.getSocket() != null) ? uri.getSocket()
					: uri.getHost().toLowerCase(java.util.Locale.ROOT) + ":" + uri.getPort() + "/" + uri.getDatabase();
			Integer first = seen.putIfAbsent(server, i);
			if (first != null) {
				throw new IllegalArgumentException("Redis master URLs '" + mask(urls.get(first)) + "' and '"
						+ mask(urls.get(i)) + "' name the same server (" + server + "); every master must be a separate, "
						+ "independent server, or one server would count twice towards every majority");
			}
		}
	}

	/** Open the connections in the background now, so that the first command does not pay for them. */
	private static Masters connectAll(Masters masters) {
		masters.masters.forEach(Master::connect);
		return masters;
	}

	/**
	 * Masters on the servers the given Spring connection factories point at, for example the application's own
	 * factory when no masters are configured. Each master opens one connection of its own from its factory's Lettuce
	 * client (so the factory's URI, credentials, TLS and client options apply) on first use, after the factory has
	 * started; {@link #close()} closes those connections and leaves the factories alone.
	 * @param factories one {@link LettuceConnectionFactory} per master
	 * @return the masters
	 * @throws IllegalArgumentException if a factory is not a {@link LettuceConnectionFactory} or is configured for
	 * Sentinel or Cluster (a Redlock master must be one standalone server)
	 */
	public static Masters ofConnectionFactories(List<? extends RedisConnectionFactory> factories) {
		Assert.notEmpty(factories, "'factories' must not be empty");
		List<Master> masters = new ArrayList<>(factories.size());
		List<Supplier<CompletableFuture<StatefulRedisPubSubConnection<String, String>>>> pubSub = new ArrayList<>();
		for (RedisConnectionFactory factory : factories) {
			if (!(factory instanceof LettuceConnectionFactory lettuce)) {
				throw new IllegalArgumentException("A master's connection factory must be a LettuceConnectionFactory, not "
						+ factory.getClass().getName());
			}
			Assert.isTrue(!lettuce.isClusterAware() && !lettuce.isRedisSentinelAware(),
					"A master's connection factory must be configured for one standalone server, not Sentinel or Cluster");
			masters.add(new Master(maskedUrl(lettuce), () -> CompletableFuture.supplyAsync(() -> connect(lettuce))));
			pubSub.add(() -> CompletableFuture.supplyAsync(() -> connectPubSub(lettuce)));
		}
		return connectAll(new Masters(masters, null, null, pubSub));
	}

	/**
	 * A new connection from the factory's own Lettuce client, so that its URI, credentials, TLS and client options
	 * all apply (blocking, so run off the caller's thread).
	 */
	private static StatefulRedisConnection<String, String> connect(LettuceConnectionFactory factory) {
		if (!(factory.getRequiredNativeClient() instanceof RedisClient client)) {
			throw new IllegalStateException("The connection factory's client is not a standalone RedisClient");
		}
		return client.connect(StringCodec.UTF8);
	}

	/** A Pub/Sub connection from the factory's own Lettuce client, for release notifications (blocking). */
	private static StatefulRedisPubSubConnection<String, String> connectPubSub(LettuceConnectionFactory factory) {
		if (!(factory.getRequiredNativeClient() instanceof RedisClient client)) {
			throw new IllegalStateException("The connection factory's client is not a standalone RedisClient");
		}
		return client.connectPubSub(StringCodec.UTF8);
	}

	private static String maskedUrl(LettuceConnectionFactory factory) {
		StringBuilder url = new StringBuilder(factory.isUseSsl() ? "rediss://" : "redis://");
		if (factory.getPassword() != null) {
			url.append(":****@");
		}
		url.append(factory.getHostName()).append(':').append(factory.getPort());
		if (factory.getDatabase() != 0) {
			url.append('/').append(factory.getDatabase());
		}
		return url.toString();
	}

	/**
	 * Masters on connections the caller opened and will close; {@link #close()} leaves them open. Without a client to
	 * open Pub/Sub connections from, lock waiters here are woken only by releases made through these masters in this
	 * process; other releases are noticed by their random retries and the holder's remaining lease.
	 * @param connections one open connection per master, with String keys and values
	 * @param urls the URL of each, for messages (passwords are masked)
	 * @return the masters
	 */
	public static Masters ofConnections(List<StatefulRedisConnection<String, String>> connections, List<String> urls) {
		Assert.notEmpty(connections, "'connections' must not be empty");
		Assert.isTrue(connections.size() == urls.size(), "'connections' and 'urls' must have the same size");
		List<Master> masters = new ArrayList<>(connections.size());
		for (int i = 0; i < connections.size(); i++) {
			masters.add(new Master(connections.get(i), urls.get(i)));
		}
		return new Masters(masters, null, null);
	}

	/**
	 * Whether there are masters to use; {@code false} only for {@link #unavailable} masters.
	 * @return {@code true} when Redlocks and NextIds can run here
	 */
	public boolean isAvailable() {
		return this.unavailable == null;
	}

	/**
	 * Fail unless there are masters to use; Redlock, NextId and the quorum engine call this first.
	 * @return these masters
	 * @throws IllegalStateException for {@link #unavailable} masters, with the reason given there
	 */
	public Masters requireAvailable() {
		if (this.unavailable != null) {
			throw new IllegalStateException(this.unavailable);
		}
		if (this.closed) {
			throw new IllegalStateException("These masters " + this.urls + " are closed; a Redlock or NextId must not "
					+ "be used after its Masters (or the application context that created them) was closed");
		}
		return this;
	}

	/**
	 * The masters, in configuration order. {@code Master} is internal (the quorum engine's, for diagnostics such as
	 * the health indicator); its methods may change in any release.
	 * @return an unmodifiable list, empty for {@link #unavailable} masters
	 */
	@Override
	public List<Master> list() {
		return this.masters;
	}

	/**
	 * How many masters there are.
	 * @return N
	 */
	public int size() {
		return this.masters.size();
	}

	/**
	 * How many masters make a majority.
	 * @return {@code N / 2 + 1}
	 */
	public int quorum() {
		return this.masters.size() / 2 + 1;
	}

	/**
	 * The URLs of the masters with passwords masked.
	 * @return one URL per master, in order
	 */
	public List<String> urls() {
		return this.urls;
	}

	/**
	 * Where Redlocks, NextIds and the quorum engine on these masters report timings, outcomes and masters' errors
	 * (Spring Boot sets an observation-based recorder when an {@code ObservationRegistry} bean exists).
	 * @return the recorder, {@link PotteryRecorder#NONE} unless set
	 */
	public PotteryRecorder getRecorder() {
		return this.recorder;
	}

	/**
	 * Set where Redlocks, NextIds and the quorum engine on these masters report; takes effect for operations started
	 * afterwards.
	 * @param recorder the recorder, {@link PotteryRecorder#NONE} to record nothing
	 */
	public void setRecorder(PotteryRecorder recorder) {
		Assert.notNull(recorder, "'recorder' must not be null");
		this.recorder = recorder;
	}

	/**
	 * The release notifications of locks on these masters: one Pub/Sub connection per master, shared by all waiting
	 * locks, opened on the first contended wait.
	 * @return the notifications
	 */
	ReleaseNotifications releaseNotifications() {
		return this.releaseNotifications;
	}

	/**
	 * Close the connections, client and client resources this object created; connections and resources it was
	 * given stay open. Commands still in flight, such as a release chained after a slow master's acquisition, get up
	 * to 2 s to complete first, so that they still reach their master.
	 */
	@Override
	public void close() {
		awaitInFlight();
		this.closed = true;
		this.releaseNotifications.close();
		this.masters.forEach(Master::close);
		if (this.client != null) {
			this.client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
		}
		if (this.ownedResources != null) {
			this.ownedResources.shutdown(0, 2, TimeUnit.SECONDS);
		}
	}

	/**
	 * On the first call only, look (asynchronously, best effort) at whether every master persists every write
	 * ({@code appendonly yes}, {@code appendfsync always}) and log a warning naming each that does not: fencing tokens
	 * and NextId call this on first use, since counters lost in a restart weaken their guarantee (see the README).
	 * Later calls cost one volatile read.
	 */
	public void checkPersistenceOnce() {
		if (!this.persistenceChecked.get() && this.persistenceChecked.compareAndSet(false, true)) {
			PersistenceCheck.run(this);
		}
	}

	/** Count a quorum run as in flight until {@link #finished()}, so that {@link #close()} can wait for it. */
	@Override
	public void started() {
		this.inFlight.incrementAndGet();
	}

	@Override
	public void finished() {
		if (this.inFlight.decrementAndGet() == 0 && this.closing) {
			synchronized (this.inFlight) {
				this.inFlight.notifyAll();
			}
		}
	}

	private void awaitInFlight() {
		this.closing = true;
		long deadline = System.nanoTime() + CLOSE_TIMEOUT.toNanos();
		synchronized (this.inFlight) {
			long remaining;
			while (this.inFlight.get() > 0 && (remaining = deadline - System.nanoTime()) > 0) {
				try {
					TimeUnit.NANOSECONDS.timedWait(this.inFlight, remaining);
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
					return;
				}
			}
		}
	}

	@Override
	public String toString() {
		return (this.unavailable != null) ? "Masters[unavailable]" : "Masters" + this.urls;
	}

	/**
	 * A URL with any password replaced by {@code ****}, for messages.
	 * @param url a URL, possibly unparseable
	 * @return the masked URL
	 */
	public static String mask(String url) {
		return Master.mask(url);
	}

}
