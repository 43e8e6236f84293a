package dev.pottery.embedded;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.springframework.util.Assert;

/**
 * A real Redis Cluster of N embedded masters (no replicas) on {@code 127.0.0.1}, for development and tests: each
 * master is an {@link EmbeddedRedisServer} started as a {@linkplain EmbeddedRedisServer.Builder#clusterNode(Duration)
 * cluster node} (no persistence, its own {@code nodes.conf}), the 16384 slots are split evenly with
 * {@code CLUSTER ADDSLOTSRANGE}, the nodes are joined with {@code CLUSTER MEET}, and {@link #start(int)} returns once
 * {@code CLUSTER INFO} says {@code cluster_state:ok}, with every slot assigned and all N nodes known, on every node.
 * That takes about 2 s: a Redis master waits that long after starting before it declares its cluster writable.
 *
 * <p>Connect with any seed node, for example {@code spring.data.redis.cluster.nodes} set to {@link #nodes()}.
 * Closing the cluster stops every node.
 *
 * <pre>{@code
 * try (EmbeddedRedisCluster cluster = EmbeddedRedisCluster.start(3)) {
 *     List<String> nodes = cluster.nodes();     // 127.0.0.1:<port>, one per master
 *     // ... connect with a RedisClusterConfiguration(nodes) ...
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EmbeddedRedisCluster implements AutoCloseable, Iterable<EmbeddedRedisServer> {

	/** The number of hash slots of a Redis Cluster. */
	public static final int SLOTS = 16384;

	/** Short enough for fault tests to see a failure quickly, long enough not to see one on a loaded machine. */
	private static final Duration NODE_TIMEOUT = Duration.ofSeconds(2);

	private static final Duration FORMATION_TIMEOUT = Duration.ofSeconds(30);

	private final List<EmbeddedRedisServer> nodes;

	/** The replicas of each master, by the master's position; empty lists without replicas. */
	private final List<List<EmbeddedRedisServer>> replicas;

	private EmbeddedRedisCluster(List<EmbeddedRedisServer> nodes, List<List<EmbeddedRedisServer>> replicas) {
		this.nodes = List.copyOf(nodes);
		this.replicas = replicas.stream().map(List::copyOf).toList();
	}

	/**
	 * Start {@code masters} cluster nodes (in parallel), give each an equal share of the slots, join them and wait
	 * until the cluster is ready on every node. If anything fails, the nodes already started are stopped.
	 * @param masters how many masters, at least 1
	 * @return the running cluster
	 * @throws EmbeddedRedisException if a node does not start or the cluster does not form within 30 s
	 */
	public static EmbeddedRedisCluster start(int masters) {
		return start(masters, 0);
	}

	/**
	 * Start {@code masters} masters as {@link #start(int)} does, plus {@code replicasPerMaster} replicas of each
	 * ({@code CLUSTER REPLICATE}), and wait until every replica is in sync and every node knows every replica: a
	 * cluster that fails a killed master over to its replica (after the node timeout of 2 s; see
	 * {@link #awaitFailover}).
	 * @param masters how many masters, at least 1
	 * @param replicasPerMaster how many replicas each master gets, at least 0
	 * @return the running cluster
	 * @throws EmbeddedRedisException if a node does not start or the cluster does not form within 30 s
	 */
	public static EmbeddedRedisCluster start(int masters, int replicasPerMaster) {
		Assert.isTrue(masters >= 1, "'masters' must be at least 1");
		Assert.isTrue(replicasPerMaster >= 0, "'replicasPerMaster' must not be negative");
		List<EmbeddedRedisServer> started = launch(masters * (1 + replicasPerMaster));
		try {
			for (int i = 0; i < masters; i++) {
				int first = i * SLOTS / masters;
				int last = (i + 1) * SLOTS / masters - 1;
				expectOk(started.get(i), "CLUSTER", "ADDSLOTSRANGE", Integer.toString(first), Integer.toString(last));
			}
			EmbeddedRedisServer seed = started.get(0);
			for (EmbeddedRedisServer node : started.subList(1, started.size())) {
				expectOk(seed, "CLUSTER", "MEET", node.host(), Integer.toString(node.port()),
						Integer.toString(node.clusterBusPort()));
			}
			awaitReady(started);
			List<List<EmbeddedRedisServer>> replicas = new ArrayList<>();
			for (int i = 0; i < masters; i++) {
				EmbeddedRedisServer master = started.get(i);
				String id = call(master, "CLUSTER", "MYID");
				List<EmbeddedRedisServer> ofMaster = new ArrayList<>();
				for (int r = 0; r < replicasPerMaster; r++) {
					EmbeddedRedisServer replica = started.get(masters + i * replicasPerMaster + r);
					expectOk(replica, "CLUSTER", "REPLICATE", id);
					ofMaster.add(replica);
				}
				replicas.add(ofMaster);
			}
			if (replicasPerMaster > 0) {
				awaitReplicas(started, started.subList(0, masters), replicasPerMaster);
			}
			return new EmbeddedRedisCluster(started.subList(0, masters), replicas);
		}
		catch (RuntimeException ex) {
			started.forEach(EmbeddedRedisServer::close);
			throw ex;
		}
	}

	/**
	 * Poll until each master has its replicas connected and in sync, and every node lists them all as replicas.
	 */
	private static void awaitReplicas(List<EmbeddedRedisServer> all, List<EmbeddedRedisServer> masters,
			int replicasPerMaster) {
		int expected = masters.size() * replicasPerMaster;
		await("the replicas of the embedded Redis Cluster to be in sync", () -> {
			for (EmbeddedRedisServer master : masters) {
				String info = call(master, "INFO", "replication");
				if (!info.contains("connected_slaves:" + replicasPerMaster + "\r\n")) {
					return false;
				}
				String offset = field(info, "master_repl_offset");
				for (int r = 0; r < replicasPerMaster; r++) {
					String replica = field(info, "slave" + r);
					if (!replica.contains("state=online") || !replica.contains("offset=" + offset + ",")) {
						return false;
					}
				}
			}
			for (EmbeddedRedisServer node : all) {
				long listed = call(node, "CLUSTER", "NODES").lines().filter((line) -> line.contains(" slave ")
						|| line.contains(",slave ")).count();
				if (listed != expected || !call(node, "CLUSTER", "INFO").contains("cluster_state:ok\r\n")) {
					return false;
				}
			}
			return true;
		});
	}

	/**
	 * Wait until the slots {@code former} served are served again by another node, reported as a master by every
	 * running master, and the cluster is {@code ok}: the failover after {@code former} was killed or paused. Needs a
	 * cluster started with replicas.
	 * @param former the master that failed
	 * @param timeout how long to wait (the node timeout is 2 s; a failover takes about 3-6 s here)
	 * @return the promoted replica
	 * @throws EmbeddedRedisException if the failover does not happen in time
	 */
	public EmbeddedRedisServer awaitFailover(EmbeddedRedisServer former, Duration timeout) {
		Assert.notNull(former, "'former' must not be null");
		List<EmbeddedRedisServer> candidates = new ArrayList<>();
		this.replicas.forEach(candidates::addAll);
		candidates.addAll(this.nodes);
		candidates.remove(former);
		EmbeddedRedisServer[] promoted = new EmbeddedRedisServer[1];
		await("a failover away from " + former, timeout, () -> {
			for (EmbeddedRedisServer candidate : candidates) {
				if (candidate.isRunning() && !candidate.isPaused()
						&& call(candidate, "INFO", "replication").contains("role:master\r\n")
						&& call(candidate, "CLUSTER", "INFO").contains("cluster_state:ok\r\n")
						&& !this.nodes.contains(candidate)) {
					promoted[0] = candidate;
					return true;
				}
			}
			return false;
		});
		return promoted[0];
	}

	/**
	 * The replicas each master was given at start, by the master's position (roles change after a failover).
	 * @param index from 0 to {@code size() - 1}
	 * @return the replicas of that master, empty for a cluster without replicas
	 */
	public List<EmbeddedRedisServer> replicasOf(int index) {
		return this.replicas.get(index);
	}

	private static String field(String info, String name) {
		for (String line : info.split("\r\n")) {
			if (line.startsWith(name + ":")) {
				return line.substring(name.length() + 1);
			}
		}
		return "";
	}

	private static void await(String what, java.util.function.BooleanSupplier probe) {
		await(what, FORMATION_TIMEOUT, probe);
	}

	private static void await(String what, Duration timeout, java.util.function.BooleanSupplier probe) {
		Waiting.until(timeout, what, () -> probe.getAsBoolean() ? Boolean.TRUE : null);
	}

	private static List<EmbeddedRedisServer> launch(int masters) {
		ExecutorService executor = Executors.newFixedThreadPool(masters, (task) -> {
			Thread thread = new Thread(task, "pottery-embedded-cluster-start");
			thread.setDaemon(true);
			return thread;
		});
		try {
			List<CompletableFuture<EmbeddedRedisServer>> launches = new ArrayList<>(masters);
			for (int i = 0; i < masters; i++) {
				launches.add(CompletableFuture.supplyAsync(
						() -> EmbeddedRedisServer.builder()
					// a replica's full resynchronisation at once, not after the default 5 s wait for more replicas
					.setting("repl-diskless-sync-delay", "0")
					.clusterNode(NODE_TIMEOUT)
					.start(), executor));
			}
			List<EmbeddedRedisServer> started = new ArrayList<>(masters);
			RuntimeException failure = null;
			for (CompletableFuture<EmbeddedRedisServer> launch : launches) {
				try {
					started.add(launch.join());
				}
				catch (CompletionException ex) {
					failure = (ex.getCause() instanceof RuntimeException cause) ? cause : ex;
				}
			}
			if (failure != null) {
				started.forEach(EmbeddedRedisServer::close);
				throw failure;
			}
			return started;
		}
		finally {
			executor.shutdown();
		}
	}

	/** Poll {@code CLUSTER INFO} on every node until each reports the whole cluster ready. */
	private static void awaitReady(List<EmbeddedRedisServer> nodes) {
		long deadline = System.nanoTime() + FORMATION_TIMEOUT.toNanos();
		String expectedNodes = "cluster_known_nodes:" + nodes.size() + "\r\n";
		List<String> last = new ArrayList<>();
		while (true) {
			last.clear();
			boolean ready = true;
			for (EmbeddedRedisServer node : nodes) {
				String info = call(node, "CLUSTER", "INFO");
				last.add(node.port() + ": " + info.replace("\r\n", " "));
				ready &= info.contains("cluster_state:ok\r\n") && info.contains("cluster_slots_ok:" + SLOTS + "\r\n")
						&& info.contains(expectedNodes);
			}
			if (ready) {
				return;
			}
			if (System.nanoTime() > deadline) {
				throw new EmbeddedRedisException("The embedded Redis Cluster did not form within "
						+ FORMATION_TIMEOUT.toSeconds() + " s: " + last);
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new EmbeddedRedisException("Interrupted while waiting for the embedded Redis Cluster", ex);
			}
		}
	}

	private static void expectOk(EmbeddedRedisServer node, String... command) {
		String reply = call(node, command);
		if (!"OK".equals(reply)) {
			throw new EmbeddedRedisException(String.join(" ", command) + " on " + node + " answered: " + reply);
		}
	}

	/** One command; see {@link Resp#call}. */
	static String call(EmbeddedRedisServer node, String... command) {
		return Resp.call(node, command);
	}

	/**
	 * The master at the given position; position {@code i} of N holds slots {@code i * 16384 / N} up to (excluding)
	 * {@code (i + 1) * 16384 / N}.
	 * @param index from 0 to {@code size() - 1}
	 * @return the node
	 */
	public EmbeddedRedisServer get(int index) {
		return this.nodes.get(index);
	}

	/**
	 * How many masters the cluster has.
	 * @return the count given to {@link #start(int)}
	 */
	public int size() {
		return this.nodes.size();
	}

	/**
	 * The masters' addresses, in the form {@code spring.data.redis.cluster.nodes} and
	 * {@code RedisClusterConfiguration} take.
	 * @return one {@code 127.0.0.1:<port>} per master, in order
	 */
	public List<String> nodes() {
		return this.nodes.stream().map((node) -> node.host() + ":" + node.port()).toList();
	}

	/**
	 * The masters' URLs, in order, for clients that take seed URIs (Lettuce's {@code RedisClusterClient}).
	 * @return one {@code redis://127.0.0.1:<port>} per master
	 */
	public List<String> urls() {
		return this.nodes.stream().map(EmbeddedRedisServer::url).toList();
	}

	@Override
	public Iterator<EmbeddedRedisServer> iterator() {
		return this.nodes.iterator();
	}

	/**
	 * Stop every node. Idempotent.
	 */
	@Override
	public void close() {
		this.nodes.forEach(EmbeddedRedisServer::close);
		this.replicas.forEach((ofMaster) -> ofMaster.forEach(EmbeddedRedisServer::close));
	}

	@Override
	public String toString() {
		return "EmbeddedRedisCluster" + nodes();
	}

}
