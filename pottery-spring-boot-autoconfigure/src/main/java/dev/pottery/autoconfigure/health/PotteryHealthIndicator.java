package dev.pottery.autoconfigure.health;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.pottery.internal.Master;
import dev.pottery.lock.Masters;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.util.Assert;

/**
 * Health of the Redlock masters, the {@code pottery} health contributor: sends {@code PING} to every master of the
 * default group and of every named group at once, each with the per-master timeout
 * ({@code pottery.redlock.master-timeout}: a master too slow to answer a PING in time cannot take part in a lock
 * either; a master whose connection is still being opened gets 2 s).
 *
 * <p><strong>Status:</strong> {@link Status#UP} when every master answers; {@link #DEGRADED} when in every group a
 * majority ({@code N / 2 + 1}) answers but some master does not, so locks and NextIds still work but one more failure
 * may stop them; {@link Status#DOWN} when some group has no majority; {@link Status#UNKNOWN} when no group has masters
 * at all (an application on a Redis Cluster with no {@code pottery.redlock.masters}: see
 * {@link Masters#ofApplicationRedis}). {@code DEGRADED} is not in Spring Boot's default
 * status order, so the aggregate {@code /actuator/health} ignores it (and stays {@code UP} when the rest is up) and
 * its HTTP status is 200; to make it count, add it to the order:
 * {@code management.endpoint.health.status.order=down,out-of-service,degraded,up,unknown}.
 *
 * <p><strong>Details:</strong> {@code masters} (the default group) and, when groups are configured, {@code groups}
 * by name; each group has {@code quorum} (how many must answer), {@code answered}, and per master URL (password
 * masked) {@code status} plus {@code latencyMillis} or {@code error} (masked too); a group without masters has
 * {@code available: false} and the {@code reason}. When the application's Redis is managed by Redis Sentinel,
 * {@code sentinel} has the monitored {@code master} name, the {@code primary} the Sentinels name ({@code host:port}),
 * its {@code replicas} and how many are {@code replicasInSync} (online, acknowledged within the last second); it does
 * not change the status.
 *
 * <p>Thread-safe; one health check costs one parallel round trip per master and blocks at most the longest timeout.
 *
 * <pre>{@code
 * HealthIndicator health = new PotteryHealthIndicator(masters, Map.of(), Duration.ofMillis(50));
 * Status status = health.health().getStatus();
 * }</pre>
 *
 * @since 0.1.0
 */
public class PotteryHealthIndicator extends AbstractHealthIndicator {

	/** Every group has a majority of masters answering, but not every master answers. */
	public static final Status DEGRADED = new Status("DEGRADED",
			"A majority of the Redlock masters answers, but not all of them");

	/** How long a master whose connection is still being opened may take. */
	private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);

	private final Masters masters;

	private final Map<String, Masters> groups;

	private final Duration timeout;

	private final @Nullable SentinelTopology sentinel;

	/**
	 * Create the indicator.
	 * @param masters the default masters
	 * @param groups the named groups
	 * @param timeout how long each master may take to answer
	 */
	public PotteryHealthIndicator(Masters masters, Map<String, Masters> groups, Duration timeout) {
		this(masters, groups, timeout, null);
	}

	/**
	 * Create the indicator, with the {@code sentinel} detail when the application's Redis is managed by Redis
	 * Sentinel.
	 * @param masters the default masters
	 * @param groups the named groups
	 * @param timeout how long each master may take to answer
	 * @param applicationRedis the application's Redis connection, or {@code null}
	 */
	public PotteryHealthIndicator(Masters masters, Map<String, Masters> groups, Duration timeout,
			@Nullable RedisConnectionFactory applicationRedis) {
		super("Redlock masters health check failed");
		Assert.notNull(masters, "'masters' must not be null");
		Assert.notNull(groups, "'groups' must not be null");
		Assert.isTrue(timeout != null && !timeout.isNegative() && !timeout.isZero(), "'timeout' must be positive");
		this.masters = masters;
		this.groups = Map.copyOf(groups);
		this.timeout = timeout;
		this.sentinel = (applicationRedis != null) ? SentinelTopology.of(applicationRedis) : null;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		GroupCheck main = start(this.masters);
		Map<String, GroupCheck> named = new LinkedHashMap<>();
		this.groups.entrySet()
			.stream()
			.sorted(Map.Entry.comparingByKey())
			.forEach((entry) -> named.put(entry.getKey(), start(entry.getValue())));
		Map<String, Object> mainDetails = main.details();
		Map<String, Object> groupDetails = new LinkedHashMap<>();
		named.forEach((name, check) -> groupDetails.put(name, check.details()));
		List<GroupCheck> all = new ArrayList<>(named.values());
		all.add(main);
		all.removeIf((check) -> !check.masters().isAvailable());
		if (all.isEmpty()) {
			builder.unknown();
		}
		else if (all.stream().anyMatch((check) -> check.answered() < check.masters.quorum())) {
			builder.down();
		}
		else if (all.stream().anyMatch((check) -> check.answered() < check.masters.size())) {
			builder.status(DEGRADED);
		}
		else {
			builder.up();
		}
		builder.withDetail("masters", mainDetails);
		if (!groupDetails.isEmpty()) {
			builder.withDetail("groups", groupDetails);
		}
		if (this.sentinel != null) {
			builder.withDetail("sentinel", this.sentinel.details());
		}
	}

	private GroupCheck start(Masters group) {
		List<Ping> pings = new ArrayList<>(group.size());
		for (Master master : group.list()) {
			pings.add(ping(master));
		}
		return new GroupCheck(group, pings);
	}

	private Ping ping(Master master) {
		Duration limit = master.isConnected() ? this.timeout
				: (this.timeout.compareTo(CONNECT_TIMEOUT) > 0 ? this.timeout : CONNECT_TIMEOUT);
		long start = System.nanoTime();
		CompletableFuture<Long> answer;
		try {
			answer = master.execute(RedisAsyncCommands::ping)
				.copy()
				.orTimeout(limit.toNanos(), TimeUnit.NANOSECONDS)
				.thenApply((pong) -> System.nanoTime() - start);
		}
		catch (RuntimeException ex) {
			answer = CompletableFuture.failedFuture(ex);
		}
		return new Ping(master, answer);
	}

	private static String describe(Throwable error) {
		Throwable cause = error;
		while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
			cause = cause.getCause();
		}
		if (cause instanceof TimeoutException) {
			return "no answer in time";
		}
		String message = cause.getMessage();
		return Masters.mask(cause.getClass().getSimpleName() + ((message != null) ? ": " + message : ""));
	}

	/** The PING of one master, in flight. */
	private record Ping(Master master, CompletableFuture<Long> nanos) {
	}

	/** The PINGs of one group, in flight. */
	private record GroupCheck(Masters masters, List<Ping> pings) {

		int answered() {
			return (int) this.pings.stream()
				.filter((ping) -> ping.nanos().handle((nanos, ex) -> ex == null).join())
				.count();
		}

		Map<String, Object> details() {
			if (!this.masters.isAvailable()) {
				Map<String, Object> details = new LinkedHashMap<>();
				details.put("available", false);
				try {
					this.masters.requireAvailable();
				}
				catch (IllegalStateException ex) {
					details.put("reason", String.valueOf(ex.getMessage()));
				}
				return details;
			}
			Map<String, Object> perMaster = new LinkedHashMap<>();
			for (Ping ping : this.pings) {
				Map<String, Object> detail = new LinkedHashMap<>();
				ping.nanos().handle((nanos, ex) -> {
					if (ex == null) {
						detail.put("status", Status.UP.getCode());
						detail.put("latencyMillis",
								Double.parseDouble(String.format(Locale.ROOT, "%.3f", nanos / 1_000_000.0)));
					}
					else {
						detail.put("status", Status.DOWN.getCode());
						detail.put("error", describe(ex));
					}
					return null;
				}).join();
				perMaster.put(ping.master().url(), detail);
			}
			Map<String, Object> details = new LinkedHashMap<>();
			details.put("quorum", this.masters.quorum());
			details.put("answered", answered());
			details.put("masters", perMaster);
			return details;
		}

	}

}
