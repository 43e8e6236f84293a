package dev.pottery.internal;

import java.time.Duration;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import dev.pottery.NotReplicatedException;
import dev.pottery.Durability;
import io.lettuce.core.AbstractRedisClient;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.RedisClusterClient;
import io.lettuce.core.cluster.SlotHash;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.cluster.models.partitions.RedisClusterNode;
import io.lettuce.core.codec.ByteArrayCodec;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/**
 * The writes of structures with a {@link Durability}: each runs on a dedicated connection lent to the calling thread
 * (so that {@code WAIT}, which blocks the connection it is sent on, never holds up the commands of other threads on
 * the shared connection), followed by {@code WAIT numreplicas timeout} on that same connection (on a Redis Cluster,
 * on the same connection to the node that owns the key's slot). Connections are kept in a small pool of idle ones.
 */
public final class DurableWrites implements AutoCloseable {

	private static final int MAX_IDLE = Math.max(4, Runtime.getRuntime().availableProcessors());

	private final LettuceConnectionFactory factory;

	private final ThreadLocal<StatefulConnection<byte[], byte[]>> lent = new ThreadLocal<>();

	private final ConcurrentLinkedDeque<StatefulConnection<byte[], byte[]>> idle = new ConcurrentLinkedDeque<>();

	private final AtomicInteger idleCount = new AtomicInteger();

	private volatile boolean closed;

	DurableWrites(LettuceConnectionFactory factory) {
		this.factory = factory;
	}

	/** The connection lent to the calling thread for a durable write, or {@code null}. */
	@Nullable StatefulConnection<byte[], byte[]> lent() {
		return this.lent.get();
	}

	/**
	 * Run a write on a connection of its own, then wait for the replicas.
	 * @param support the structure (its key routes {@code WAIT} on a cluster; it names itself in the exception)
	 * @param durability how many replicas, how long
	 * @param write the write, which runs its commands through the factory's connections as usual
	 * @return the write's result
	 * @throws NotReplicatedException if too few replicas confirmed the write in time
	 */
	<T> T run(StructureSupport support, Durability durability, Supplier<T> write) {
		if (this.lent.get() != null) {
			// a write inside a write (one structure operation calling another): the outer one waits for both
			return write.get();
		}
		StatefulConnection<byte[], byte[]> connection = borrow();
		try {
			T result;
			this.lent.set(connection);
			try {
				result = write.get();
			}
			finally {
				this.lent.remove();
			}
			awaitReplicas(connection, support, durability);
			return result;
		}
		finally {
			giveBack(connection);
		}
	}

	private void awaitReplicas(StatefulConnection<byte[], byte[]> connection, StructureSupport support,
			Durability durability) {
		int required = durability.replicas();
		Duration timeout = durability.timeout();
		long confirmed;
		try {
			RedisFuture<Long> reply = waitCommand(connection, support.key(), required, timeout.toMillis());
			long limit = timeout.toMillis() + this.factory.getTimeout();
			Long answer = LettuceFutures.awaitOrCancel(reply, limit, TimeUnit.MILLISECONDS);
			confirmed = (answer != null) ? answer : 0;
		}
		catch (RuntimeException ex) {
			if (Thread.currentThread().isInterrupted() || ex.getCause() instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			throw new NotReplicatedException(support.key(), support.structureName(), required, -1, timeout, ex);
		}
		if (confirmed < required) {
			throw new NotReplicatedException(support.key(), support.structureName(), required, (int) confirmed,
					timeout, null);
		}
	}

	@SuppressWarnings("unchecked")
	private static RedisFuture<Long> waitCommand(StatefulConnection<byte[], byte[]> connection, String key,
			int replicas, long timeoutMillis) {
		if (connection instanceof StatefulRedisClusterConnection<?, ?> cluster) {
			// the same connection the cluster client routed the write through: keyed by the slot master's host and port
			RedisClusterNode node = cluster.getPartitions().getPartitionBySlot(SlotHash.getSlot(key));
			if (node == null) {
				throw new IllegalStateException("No cluster node serves the slot of key '" + key + "'");
			}
			RedisURI uri = node.getUri();
			StatefulRedisConnection<byte[], byte[]> nodeConnection = (StatefulRedisConnection<byte[], byte[]>) cluster
				.getConnection(uri.getHost(), uri.getPort());
			return nodeConnection.async().waitForReplication(replicas, timeoutMillis);
		}
		return ((StatefulRedisConnection<byte[], byte[]>) connection).async().waitForReplication(replicas,
				timeoutMillis);
	}

	private StatefulConnection<byte[], byte[]> borrow() {
		if (this.closed) {
			throw new IllegalStateException("Pottery's connection factory was closed");
		}
		for (StatefulConnection<byte[], byte[]> connection; (connection = this.idle.pollFirst()) != null;) {
			this.idleCount.decrementAndGet();
			if (connection.isOpen()) {
				return connection;
			}
			connection.closeAsync();
		}
		AbstractRedisClient client = this.factory.getRequiredNativeClient();
		// nothing is sent before the connection exists: keep trying (for example while Sentinel promotes a replica)
		// for up to the command timeout, like a command refused while Pottery's shared connection reconnects
		long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(this.factory.getTimeout());
		long pause = 1;
		while (true) {
			try {
				if (client instanceof RedisClusterClient cluster) {
					return cluster.connect(ByteArrayCodec.INSTANCE);
				}
				return ((RedisClient) client).connect(ByteArrayCodec.INSTANCE);
			}
			catch (RuntimeException ex) {
				if (System.nanoTime() - deadline >= 0 || this.closed || Thread.currentThread().isInterrupted()) {
					throw new RedisConnectionFailureException("Could not open a connection for a durable write "
							+ "(nothing was sent, so nothing was applied): " + ex.getMessage(), ex);
				}
			}
			try {
				Thread.sleep(pause);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			pause = Math.min(pause * 2, 50);
		}
	}

	private void giveBack(StatefulConnection<byte[], byte[]> connection) {
		if (!this.closed && connection.isOpen()) {
			if (this.idleCount.incrementAndGet() <= MAX_IDLE) {
				this.idle.offerFirst(connection);
				if (this.closed) {
					drain();
				}
				return;
			}
			this.idleCount.decrementAndGet();
		}
		connection.closeAsync();
	}

	/** How many idle connections the pool keeps (for tests). */
	public int idleConnections() {
		return this.idle.size();
	}

	/** Close the idle connections (the factory stops: its client is about to shut down). */
	void drain() {
		for (StatefulConnection<byte[], byte[]> connection; (connection = this.idle.pollFirst()) != null;) {
			this.idleCount.decrementAndGet();
			connection.closeAsync();
		}
	}

	@Override
	public void close() {
		this.closed = true;
		drain();
	}

}
