package dev.pottery.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.Lock;

import dev.pottery.embedded.EmbeddedRedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.redisson.RedissonMultiLock;
import org.redisson.RedissonRedLock;
import org.redisson.api.RLock;
import org.redisson.api.RedissonClient;

import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.integration.redis.util.RedisLockRegistry;

/**
 * The peer libraries' locks, measured the way {@link RedlockBenchmark#acquireRelease} measures Pottery's: uncontended
 * acquire + release ({@code tryLock()} then {@code unlock()}, returning whether it was acquired), single caller
 * thread, on embedded masters. One method per library:
 * <ul>
 * <li>{@code redissonLock}: a Redisson {@code RLock} ({@code client.getLock(name)}) on 1 master;</li>
 * <li>{@code redissonMultiLock}: a {@link RedissonMultiLock} over 5 masters, each master its own Redisson client
 * (single-server config). Redisson's {@link RedissonRedLock} is deprecated in the version used (4.7.0: superseded by
 * {@code RLock}), so this is the supported multi-master lock; note that it needs all 5 masters, not a majority, and
 * its {@code tryLock()} takes the masters one after another;</li>
 * <li>{@code redissonRedLock}: the deprecated {@link RedissonRedLock} (a majority of the 5 masters) on the same 5
 * clients, still measured because it is the algorithm Pottery's {@code Redlock} implements;</li>
 * <li>{@code springIntegrationLock}: Spring Integration's {@link RedisLockRegistry} (default spin lock) on 1 master,
 * over a Lettuce connection factory as an application would have it: {@code obtain(key)} on every call, then
 * {@code tryLock()} and {@code unlock()}.</li>
 * </ul>
 * Every method's trial starts the same 5 masters and clients; the single-master locks use the first. Redisson runs
 * with the threads {@link PeerClients} sets. Divide by {@link RoundTripBenchmark#get} from the same run, and compare
 * with {@code RedlockBenchmark.acquireRelease} at {@code masters} 1 and 5 (the same warm-up as it).
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'RoundTripBenchmark.get|RedlockBenchmark|PeerLockBenchmark' -f 1 -wi 3 -i 5
 * </pre>
 */
// the same warm-up as RedlockBenchmark, so that the locks are compared in the same state
@Warmup(iterations = 5, time = 3)
public class PeerLockBenchmark extends BenchmarkSettings {

	static final int MASTERS = 5;

	static final String REDISSON_NAME = "pottery-bench:peer:redisson";

	static final String MULTI_LOCK_NAME = "pottery-bench:peer:redisson-multi";

	static final String RED_LOCK_NAME = "pottery-bench:peer:redisson-red";

	static final String REGISTRY_KEY = "pottery-bench:peer:spring-integration";

	static final String LOCK_KEY = "lock";

	private final List<EmbeddedRedisServer> servers = new ArrayList<>();

	private final List<RedissonClient> clients = new ArrayList<>();

	private RLock redissonLock;

	private RLock multiLock;

	private RLock redLock;

	private LettuceConnectionFactory connectionFactory;

	private RedisLockRegistry registry;

	@Setup(Level.Trial)
	@SuppressWarnings("deprecation") // RedissonRedLock, measured on purpose
	public void setUp() {
		for (int i = 0; i < MASTERS; i++) {
			EmbeddedRedisServer server = EmbeddedRedisServer.start();
			this.servers.add(server);
			this.clients.add(PeerClients.redisson(server.url()));
		}
		this.redissonLock = this.clients.get(0).getLock(REDISSON_NAME);
		this.multiLock = new RedissonMultiLock(
				this.clients.stream().map((client) -> client.getLock(MULTI_LOCK_NAME)).toArray(RLock[]::new));
		this.redLock = new RedissonRedLock(
				this.clients.stream().map((client) -> client.getLock(RED_LOCK_NAME)).toArray(RLock[]::new));
		this.connectionFactory = PeerClients.lettuceConnectionFactory(this.servers.get(0).url());
		this.registry = new RedisLockRegistry(this.connectionFactory, REGISTRY_KEY);
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		if (this.registry != null) {
			this.registry.destroy();
		}
		if (this.connectionFactory != null) {
			this.connectionFactory.destroy();
		}
		this.clients.forEach(RedissonClient::shutdown);
		this.clients.clear();
		this.servers.forEach(EmbeddedRedisServer::close);
		this.servers.clear();
	}

	@Benchmark
	public boolean redissonLock() {
		return acquireRelease(this.redissonLock);
	}

	@Benchmark
	public boolean redissonMultiLock() {
		return acquireRelease(this.multiLock);
	}

	@Benchmark
	public boolean redissonRedLock() {
		return acquireRelease(this.redLock);
	}

	@Benchmark
	public boolean springIntegrationLock() {
		return acquireRelease(this.registry.obtain(LOCK_KEY));
	}

	private static boolean acquireRelease(Lock lock) {
		boolean acquired = lock.tryLock();
		if (acquired) {
			lock.unlock();
		}
		return acquired;
	}

	/** How many keys the masters hold, locks included (for the smoke test). */
	long keysLeft() {
		long keys = 0;
		RedisClient client = RedisClient.create();
		try {
			for (EmbeddedRedisServer server : this.servers) {
				try (StatefulRedisConnection<String, String> connection = client.connect(RedisURI.create(server.url()))) {
					keys += connection.sync().dbsize();
				}
			}
		}
		finally {
			client.shutdown();
		}
		return keys;
	}

}
