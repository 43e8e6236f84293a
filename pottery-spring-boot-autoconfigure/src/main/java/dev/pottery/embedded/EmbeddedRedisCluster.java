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

	private EmbeddedRedisCluster(List<EmbeddedRedisServer> nodes) {
		this.nodes = List.copyOf(nodes);
	}

	/**
	 * Start {@code masters} cluster nodes (in parallel), give each an equal share of the slots, join them and wait
	 * until the cluster is ready on every node. If anything fails, the nodes already started are stopped.
	 * @param masters how many masters, at least 1
	 * @return the running cluster
	 * @throws EmbeddedRedisException if a node does not start or the cluster does not form within 30 s
	 */
	public static EmbeddedRedisCluster start(int masters) {
		Assert.isTrue(masters >= 1, "'masters' must be at least 1");
		List<EmbeddedRedisServer> started = launch(masters);
		try {
			for (int i = 0; i < masters; i++) {
				int first = i * SLOTS / masters;
				int last = (i + 1) * SLOTS / masters - 1;
				expectOk(started.get(i), "CLUSTER", "ADDSLOTSRANGE", Integer.toString(first), Integer.toString(last));
			}
			EmbeddedRedisServer seed = started.get(0);
			for (EmbeddedRedisServer node : started.subList(1, masters)) {
				expectOk(seed, "CLUSTER", "MEET", node.host(), Integer.toString(node.port()),
						Integer.toString(node.clusterBusPort()));
			}
			awaitReady(started);
		}
		catch (RuntimeException ex) {
			started.forEach(EmbeddedRedisServer::close);
			throw ex;
		}
		return new EmbeddedRedisCluster(started);
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
						() -> EmbeddedRedisServer.builder().clusterNode(NODE_TIMEOUT).start(), executor));
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
	}

	@Override
	public String toString() {
		return "EmbeddedRedisCluster" + nodes();
	}

}
