package dev.pottery.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import org.springframework.util.Assert;

/**
 * A real Sentinel-managed Redis on {@code 127.0.0.1}, for development and tests: one primary, N replicas
 * ({@code REPLICAOF} the primary) and M Sentinels monitoring it under the name {@value #MASTER_NAME} (quorum
 * {@code M / 2 + 1}, a primary is considered down after {@value #DOWN_AFTER_MILLIS} ms without an answer). All are
 * {@link EmbeddedRedisServer}s from the same binary (a Sentinel is {@code redis-server <config> --sentinel}), without
 * persistence. {@link #start(int, int)} returns once every replica is in sync and every Sentinel knows every replica
 * and every other Sentinel, so that a failover can be authorised at once.
 *
 * <p>Connect as an application would, through the Sentinels: {@code spring.data.redis.sentinel.master} set to
 * {@link #masterName()} and {@code spring.data.redis.sentinel.nodes} to {@link #sentinelNodes()}.
 *
 * <p>For failover tests: {@link #primary()} asks the Sentinels which data node is the primary now; kill or pause it
 * ({@link EmbeddedRedisServer#kill()}, {@link EmbeddedRedisServer#pause()}) and {@link #awaitFailover} returns the
 * replica the Sentinels promoted. Closing stops every process.
 *
 * <pre>{@code
 * try (EmbeddedRedisSentinel redis = EmbeddedRedisSentinel.start(2, 3)) {
 *     EmbeddedRedisServer primary = redis.primary();
 *     primary.kill();
 *     EmbeddedRedisServer promoted = redis.awaitFailover(primary, Duration.ofSeconds(60));
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EmbeddedRedisSentinel implements AutoCloseable {

	/** The name the Sentinels monitor the primary under ({@code spring.data.redis.sentinel.master}). */
	public static final String MASTER_NAME = "pottery";

	/** How long a primary may not answer before a Sentinel considers it down. */
	public static final long DOWN_AFTER_MILLIS = 1500;

	private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(60);

	private final List<EmbeddedRedisServer> dataNodes;

	private final List<EmbeddedRedisServer> sentinels;

	private EmbeddedRedisSentinel(List<EmbeddedRedisServer> dataNodes, List<EmbeddedRedisServer> sentinels) {
		this.dataNodes = List.copyOf(dataNodes);
		this.sentinels = List.copyOf(sentinels);
	}

	/**
	 * Start a primary, {@code replicas} replicas of it and {@code sentinels} Sentinels, and wait until the topology
	 * is complete. If anything fails, what was started is stopped.
	 * @param replicas how many replicas, at least 0
	 * @param sentinels how many Sentinels, at least 1 (3 for a failover that survives the loss of one Sentinel)
	 * @return the running topology
	 * @throws EmbeddedRedisException if a process does not start or the topology does not form within 60 s
	 */
	public static EmbeddedRedisSentinel start(int replicas, int sentinels) {
		Assert.isTrue(replicas >= 0, "'replicas' must not be negative");
		Assert.isTrue(sentinels >= 1, "'sentinels' must be at least 1");
		List<EmbeddedRedisServer> started = new ArrayList<>();
		try {
			EmbeddedRedisServer primary = dataNode();
			started.add(primary);
			List<EmbeddedRedisServer> data = new ArrayList<>(List.of(primary));
			for (int i = 0; i < replicas; i++) {
				EmbeddedRedisServer replica = dataNode();
				started.add(replica);
				expectOk(replica, "REPLICAOF", primary.host(), Integer.toString(primary.port()));
				data.add(replica);
			}
			awaitReplicasInSync(primary, replicas, FORMATION_TIMEOUT);
			// each Sentinel is told the others and the replicas up front (what it would otherwise learn from hello
			// messages every 2 s and INFO every 10 s), so that the topology is complete within a second
			List<Integer> ports = new ArrayList<>();
			List<String> ids = new ArrayList<>();
			for (int i = 0; i < sentinels; i++) {
				int port;
				do {
					port = EmbeddedRedisServer.freePort();
				}
				while (ports.contains(port));
				ports.add(port);
				ids.add(String.format("%040x", new java.math.BigInteger(160, new java.security.SecureRandom())));
			}
			List<EmbeddedRedisServer> watchers = new ArrayList<>();
			for (int i = 0; i < sentinels; i++) {
				List<String> config = new ArrayList<>(List.of("sentinel myid " + ids.get(i),
						"sentinel monitor " + MASTER_NAME + " " + primary.host() + " " + primary.port() + " "
								+ (sentinels / 2 + 1),
						"sentinel down-after-milliseconds " + MASTER_NAME + " " + DOWN_AFTER_MILLIS,
						"sentinel failover-timeout " + MASTER_NAME + " 5000",
						"sentinel parallel-syncs " + MASTER_NAME + " 1"));
				for (EmbeddedRedisServer replica : data.subList(1, data.size())) {
					config.add("sentinel known-replica " + MASTER_NAME + " " + replica.host() + " " + replica.port());
				}
				for (int j = 0; j < sentinels; j++) {
					if (j != i) {
						config.add("sentinel known-sentinel " + MASTER_NAME + " " + primary.host() + " " + ports.get(j)
								+ " " + ids.get(j));
					}
				}
				EmbeddedRedisServer sentinel = EmbeddedRedisServer.builder().port(ports.get(i)).sentinel(config).start();
				started.add(sentinel);
				watchers.add(sentinel);
			}
			EmbeddedRedisSentinel topology = new EmbeddedRedisSentinel(data, watchers);
			topology.awaitSentinelsAgree(replicas, FORMATION_TIMEOUT);
			return topology;
		}
		catch (RuntimeException ex) {
			started.forEach(EmbeddedRedisServer::close);
			throw ex;
		}
	}

	/**
	 * A data node that serves a full resynchronisation at once: without the 5 s Redis waits by default for more
	 * replicas to share a diskless transfer.
	 */
	private static EmbeddedRedisServer dataNode() {
		return EmbeddedRedisServer.builder().setting("repl-diskless-sync-delay", "0").start();
	}

	/**
	 * The name the primary is monitored under.
	 * @return {@value #MASTER_NAME}
	 */
	public String masterName() {
		return MASTER_NAME;
	}

	/**
	 * The Sentinels' addresses, in the form {@code spring.data.redis.sentinel.nodes} takes.
	 * @return one {@code 127.0.0.1:<port>} per Sentinel
	 */
	public List<String> sentinelNodes() {
		return this.sentinels.stream().map((node) -> node.host() + ":" + node.port()).toList();
	}

	/**
	 * The Sentinel processes.
	 * @return the Sentinels, in start order
	 */
	public List<EmbeddedRedisServer> sentinels() {
		return this.sentinels;
	}

	/**
	 * The data nodes: the primary started first, then the replicas; after a failover another one is the primary.
	 * @return the data nodes, in start order
	 */
	public List<EmbeddedRedisServer> dataNodes() {
		return this.dataNodes;
	}

	/**
	 * The data node the Sentinels name as the primary now (asking the running Sentinels in turn).
	 * @return the primary
	 * @throws EmbeddedRedisException if no running Sentinel answers or it names no data node of this topology
	 */
	public EmbeddedRedisServer primary() {
		EmbeddedRedisException last = null;
		for (EmbeddedRedisServer sentinel : this.sentinels) {
			if (!sentinel.isRunning() || sentinel.isPaused()) {
				continue;
			}
			try {
				return dataNode(primaryPort(sentinel));
			}
			catch (EmbeddedRedisException ex) {
				last = ex;
			}
		}
		throw (last != null) ? last : new EmbeddedRedisException("No Sentinel of " + this + " is running");
	}

	/**
	 * The data nodes other than {@link #primary()}.
	 * @return the replicas (some may be stopped)
	 */
	public List<EmbeddedRedisServer> replicas() {
		EmbeddedRedisServer primary = primary();
		return this.dataNodes.stream().filter((node) -> node != primary).toList();
	}

	/**
	 * Wait until a majority of the running Sentinels name another primary than {@code former} and that node reports
	 * {@code role:master}: the failover after {@code former} was killed or paused.
	 * @param former the primary that failed
	 * @param timeout how long to wait (a failover takes about 2-5 s here)
	 * @return the promoted primary
	 * @throws EmbeddedRedisException if the failover does not happen in time
	 */
	public EmbeddedRedisServer awaitFailover(EmbeddedRedisServer former, Duration timeout) {
		Assert.notNull(former, "'former' must not be null");
		return await(timeout, "a failover away from " + former, () -> {
			Map<Integer, Integer> votes = new HashMap<>();
			int running = 0;
			for (EmbeddedRedisServer sentinel : this.sentinels) {
				if (sentinel.isRunning() && !sentinel.isPaused()) {
					running++;
					try {
						votes.merge(primaryPort(sentinel), 1, Integer::sum);
					}
					catch (EmbeddedRedisException ex) {
						// not answering yet: no vote
					}
				}
			}
			for (Map.Entry<Integer, Integer> vote : votes.entrySet()) {
				if (vote.getKey() != former.port() && vote.getValue() > running / 2) {
					EmbeddedRedisServer promoted = dataNode(vote.getKey());
					if (promoted.isRunning() && !promoted.isPaused()
							&& Resp.call(promoted, "INFO", "replication").contains("role:master\r\n")) {
						return promoted;
					}
				}
			}
			return null;
		});
	}

	/**
	 * Wait until the current primary has {@code replicas} replicas connected and each has acknowledged everything the
	 * primary wrote (its replication offset).
	 * @param replicas how many replicas must be in sync
	 * @param timeout how long to wait
	 * @throws EmbeddedRedisException if they are not in sync in time
	 */
	public void awaitReplicasInSync(int replicas, Duration timeout) {
		awaitReplicasInSync(primary(), replicas, timeout);
	}

	private static void awaitReplicasInSync(EmbeddedRedisServer primary, int replicas, Duration timeout) {
		await(timeout, replicas + " replicas in sync with " + primary, () -> {
			String info = Resp.call(primary, "INFO", "replication");
			Map<String, String> fields = fields(info);
			if (!"master".equals(fields.get("role"))
					|| !Integer.toString(replicas).equals(fields.get("connected_slaves"))) {
				return null;
			}
			String offset = fields.get("master_repl_offset");
			for (int i = 0; i < replicas; i++) {
				String replica = fields.getOrDefault("slave" + i, "");
				if (!replica.contains("state=online") || !replica.contains("offset=" + offset + ",")) {
					return null;
				}
			}
			return Boolean.TRUE;
		});
	}

	private void awaitSentinelsAgree(int replicas, Duration timeout) {
		await(timeout, "every Sentinel to know " + replicas + " replicas and " + (this.sentinels.size() - 1)
				+ " other Sentinels", () -> {
					for (EmbeddedRedisServer sentinel : this.sentinels) {
						Object reply = Resp.command(sentinel, "SENTINEL", "MASTER", MASTER_NAME);
						if (!(reply instanceof List<?> flat)) {
							return null;
						}
						Map<String, String> master = new HashMap<>();
						for (int i = 0; i + 1 < flat.size(); i += 2) {
							master.put(String.valueOf(flat.get(i)), String.valueOf(flat.get(i + 1)));
						}
						if (!"master".equals(master.get("flags"))
								|| !Integer.toString(replicas).equals(master.get("num-slaves"))
								|| !Integer.toString(this.sentinels.size() - 1).equals(master.get("num-other-sentinels"))) {
							return null;
						}
					}
					return Boolean.TRUE;
				});
	}

	private static int primaryPort(EmbeddedRedisServer sentinel) {
		Object reply = Resp.command(sentinel, "SENTINEL", "GET-MASTER-ADDR-BY-NAME", MASTER_NAME);
		if (reply instanceof List<?> address && address.size() == 2) {
			return Integer.parseInt(String.valueOf(address.get(1)));
		}
		throw new EmbeddedRedisException("Sentinel " + sentinel + " does not know the primary: " + reply);
	}

	private EmbeddedRedisServer dataNode(int port) {
		for (EmbeddedRedisServer node : this.dataNodes) {
			if (node.port() == port) {
				return node;
			}
		}
		throw new EmbeddedRedisException("The Sentinels name port " + port + ", which is no data node of " + this);
	}

	private static Map<String, String> fields(String info) {
		Map<String, String> fields = new HashMap<>();
		for (String line : info.split("\r\n")) {
			int colon = line.indexOf(':');
			if (colon > 0) {
				fields.put(line.substring(0, colon), line.substring(colon + 1));
			}
		}
		return fields;
	}

	private static <T> T await(Duration timeout, String what, Supplier<T> probe) {
		return Waiting.until(timeout, what, probe);
	}

	private static void expectOk(EmbeddedRedisServer node, String... command) {
		String reply = Resp.call(node, command);
		if (!"OK".equals(reply)) {
			throw new EmbeddedRedisException(String.join(" ", command) + " on " + node + " answered: " + reply);
		}
	}

	/**
	 * Stop every Sentinel and data node. Idempotent.
	 */
	@Override
	public void close() {
		this.sentinels.forEach(EmbeddedRedisServer::close);
		this.dataNodes.forEach(EmbeddedRedisServer::close);
	}

	@Override
	public String toString() {
		return "EmbeddedRedisSentinel{data=" + this.dataNodes.stream().map(EmbeddedRedisServer::port).toList()
				+ ", sentinels=" + this.sentinels.stream().map(EmbeddedRedisServer::port).toList() + "}";
	}

}
