package dev.pottery;

import java.time.Duration;

import dev.pottery.collections.RedisMap;

import org.springframework.util.Assert;

/**
 * How many replicas must confirm a structure's write before the call returns: after each write, Pottery sends
 * Redis' {@code WAIT numreplicas timeout} on the connection that carried the write, and fails the call with a
 * {@link dev.pottery.NotReplicatedException} ("written to the primary, not confirmed by N replicas: may be lost on
 * failover") when fewer replicas confirm it in time.
 *
 * <p>{@link #NONE} (the default, {@code pottery.durability.replicas: 0}) is what Redis does by itself: a write
 * acknowledged by the primary is lost if the primary fails over before a replica has it. With {@code replicas(1,
 * timeout)}, a write that returned is on the primary and on at least one replica, so a Sentinel or Cluster failover
 * that promotes an up-to-date replica keeps it (Redis promotes the replica with the most data it can reach).
 *
 * <p>Cost: a durable write runs on a dedicated connection (borrowed from a small pool, so that {@code WAIT} never
 * holds up other commands on the shared connection), and {@code WAIT} is one more round trip after the write's,
 * lasting until the replicas have acknowledged it. Reads are unchanged.
 *
 * <pre>{@code
 * Pottery durable = pottery.withDurability(Durability.replicas(1, Duration.ofSeconds(1)));
 * RedisMap<String, Integer> balances = durable.map("balances", String.class, Integer.class);
 * }</pre>
 *
 * @param replicas how many replicas must confirm each write, {@code 0} for none
 * @param timeout how long to wait for them (only used when {@code replicas > 0})
 * @since 0.1.0
 */
public record Durability(int replicas, Duration timeout) {

	/** No waiting for replicas: Redis' own asynchronous replication. */
	public static final Durability NONE = new Durability(0, Duration.ofSeconds(1));

	/**
	 * Validate the values.
	 * @param replicas how many replicas must confirm each write, {@code 0} for none
	 * @param timeout how long to wait for them
	 */
	public Durability {
		Assert.isTrue(replicas >= 0, () -> "Durability replicas must not be negative, got " + replicas
				+ " (pottery.durability.replicas: 0 turns waiting off)");
		Assert.notNull(timeout, "'timeout' must not be null");
		Assert.isTrue(timeout.toMillis() >= 1, () -> "Durability timeout must be at least 1 ms, got " + timeout
				+ " (Redis' WAIT with 0 would wait forever)");
	}

	/**
	 * Wait for {@code replicas} replicas after each write, up to {@code timeout}.
	 * @param replicas how many replicas must confirm each write
	 * @param timeout how long to wait for them
	 * @return the durability level
	 */
	public static Durability replicas(int replicas, Duration timeout) {
		return new Durability(replicas, timeout);
	}

	/**
	 * Whether writes wait for replicas.
	 * @return {@code true} if {@link #replicas()} is positive
	 */
	public boolean waitsForReplicas() {
		return this.replicas > 0;
	}

}
