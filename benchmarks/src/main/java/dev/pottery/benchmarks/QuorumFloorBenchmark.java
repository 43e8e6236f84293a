package dev.pottery.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

import dev.pottery.embedded.EmbeddedRedisServer;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.TearDown;

/**
 * What the machine allows, with no Pottery code: raw Lettuce, one connection per master, single caller thread, so
 * that the Redlock and NextId ratios can be read against the cost of the same Redis work done by hand.
 * {@code parallelGet} sends a GET to every master at once and waits for a majority of replies (the floor of one
 * quorum round trip); {@code parallelScript} does the same with NextId's compare-and-set script, and
 * {@code parallelScriptHearingAll} waits for every reply, as NextId and fenced acquisitions do;
 * {@code parallelNextIdScriptHearingAll} and {@code parallelLockPair} do NextId's and Redlock's exact Redis work (their
 * own scripts and commands, the same replies to parse) with raw Lettuce, and {@code parallelLockPairChained} also keeps
 * Redlock's ordering rule (a master's release is sent once its acquisition has answered); {@code lockPair} is
 * the hand-written single-master lock: SET NX PX, then a compare-and-delete script (on the first master only).
 * Divide by {@link RoundTripBenchmark#get}.
 *
 * <p>Run (after {@code mvn -B -pl benchmarks -am package -DskipTests}):
 * <pre>
 * java -jar benchmarks/target/benchmarks.jar 'RoundTripBenchmark.get|QuorumFloorBenchmark' -f 1 -wi 3 -i 5
 * </pre>
 */
public class QuorumFloorBenchmark extends BenchmarkSettings {

	static final String KEY = "pottery:bench:floor";

	private static final String[] LOCK_KEY = { KEY + ":redlock" };

	static final String RELEASE = "if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0";

	static final String PROPOSE = "local stored = redis.call('GET', KEYS[1]) "
			+ "if (not stored) or tonumber(stored) < tonumber(ARGV[1]) then redis.call('SET', KEYS[1], ARGV[1]) return 1 end return 0";

	/** How many independent masters. */
	@Param({ "1", "5" })
	public int masters;

	private final List<EmbeddedRedisServer> servers = new ArrayList<>();

	private final List<StatefulRedisConnection<String, String>> connections = new ArrayList<>();

	private RedisClient client;

	private String releaseSha;

	private String proposeSha;

	private String nextIdSha;

	private String redlockReleaseSha;

	private long proposal;

	@Setup(Level.Trial)
	public void setUp() {
		this.client = RedisClient.create();
		for (int i = 0; i < this.masters; i++) {
			EmbeddedRedisServer server = EmbeddedRedisServer.start();
			this.servers.add(server);
			StatefulRedisConnection<String, String> connection = this.client.connect(RedisURI.create(server.url()));
			connection.sync().set(KEY, "Redis for Humans....");
			this.connections.add(connection);
		}
		this.releaseSha = this.connections.get(0).sync().scriptLoad(RELEASE);
		String nextId = resource("dev/pottery/lua/id/next.lua");
		String redlockRelease = resource("dev/pottery/lua/lock/release.lua");
		for (StatefulRedisConnection<String, String> connection : this.connections) {
			this.proposeSha = connection.sync().scriptLoad(PROPOSE);
			this.nextIdSha = connection.sync().scriptLoad(nextId);
			this.redlockReleaseSha = connection.sync().scriptLoad(redlockRelease);
		}
	}

	/** One of Pottery's own scripts, read from its jar (the floor runs the very same Redis work). */
	static String resource(String path) {
		try (InputStream in = QuorumFloorBenchmark.class.getClassLoader().getResourceAsStream(path)) {
			if (in == null) {
				throw new IllegalStateException("No " + path + " on the class path");
			}
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.connections.forEach(StatefulRedisConnection::close);
		this.client.shutdown();
		this.servers.forEach(EmbeddedRedisServer::close);
	}

	@Benchmark
	public int parallelGet() {
		int quorum = this.masters / 2 + 1;
		CompletableFuture<Void> majority = new CompletableFuture<>();
		AtomicInteger replies = new AtomicInteger();
		for (StatefulRedisConnection<String, String> connection : this.connections) {
			connection.async().get(KEY).whenComplete((value, ex) -> {
				if (replies.incrementAndGet() == quorum) {
					majority.complete(null);
				}
			});
		}
		majority.join();
		return replies.get();
	}

	/** NextId's shape with raw Lettuce: a compare-and-set script on every master, wait for a majority. */
	@Benchmark
	public int parallelScript() {
		int quorum = this.masters / 2 + 1;
		String[] keys = { KEY + ":id" };
		String value = Long.toString(++this.proposal);
		CompletableFuture<Void> majority = new CompletableFuture<>();
		AtomicInteger replies = new AtomicInteger();
		for (StatefulRedisConnection<String, String> connection : this.connections) {
			connection.async().<Long>evalsha(this.proposeSha, ScriptOutputType.INTEGER, keys, value).whenComplete((stored, ex) -> {
				if (replies.incrementAndGet() == quorum) {
					majority.complete(null);
				}
			});
		}
		majority.join();
		return replies.get();
	}

	/**
	 * NextId's shape since it hears every master (so that no answering master's counter is passed over): the same
	 * script on every master, waiting for every reply.
	 */
	@Benchmark
	public int parallelScriptHearingAll() {
		return hearAll(this.proposeSha, ScriptOutputType.INTEGER, KEY + ":id");
	}

	/**
	 * NextId's exact Redis work with raw Lettuce: Pottery's own {@code next.lua} (which replies the previous value as
	 * well) on every master, read as a multi-bulk reply, waiting for every reply.
	 */
	@Benchmark
	public int parallelNextIdScriptHearingAll() {
		return hearAll(this.nextIdSha, ScriptOutputType.MULTI, KEY + ":nextid");
	}

	/** A script with the next proposal on every master at once, waiting for every reply. */
	private int hearAll(String sha, ScriptOutputType output, String key) {
		String[] keys = { key };
		String value = Long.toString(++this.proposal);
		CompletableFuture<?>[] all = new CompletableFuture<?>[this.connections.size()];
		for (int i = 0; i < all.length; i++) {
			all[i] = this.connections.get(i).async().evalsha(sha, output, keys, value).toCompletableFuture();
		}
		CompletableFuture.allOf(all).join();
		return all.length;
	}

	/**
	 * Redlock's exact Redis work with raw Lettuce, the way Redlock orders it: {@code SET NX PX} with a fresh UUID on
	 * every master, wait for a majority of replies; then Pottery's own {@code release.lua} (compare-and-delete, then
	 * {@code PUBSUB NUMSUB}) on every master, wait for a majority. Every connection keeps its order, so each master's
	 * release runs after its acquisition.
	 */
	@Benchmark
	public int parallelLockPair() {
		String token = UUID.randomUUID().toString();
		AtomicInteger ok = new AtomicInteger();
		CompletableFuture<?>[] acquisitions = acquireOnAll(token, ok);
		return ok.get() + releaseOnAll((i) -> releaseCommand(i, token), acquisitions.length);
	}

	/**
	 * {@link #parallelLockPair} with Redlock's ordering rule as well: each master's release is sent only once that
	 * master's acquisition has answered (from the I/O thread that read the reply, for a reply that came after the
	 * majority), not pipelined behind it.
	 */
	@Benchmark
	public int parallelLockPairChained() {
		String token = UUID.randomUUID().toString();
		AtomicInteger ok = new AtomicInteger();
		CompletableFuture<?>[] acquisitions = acquireOnAll(token, ok);
		return ok.get() + releaseOnAll((i) -> acquisitions[i].isDone() ? releaseCommand(i, token)
				: acquisitions[i].handle((reply, ex) -> null).thenCompose((ignored) -> releaseCommand(i, token)),
				acquisitions.length);
	}

	/**
	 * {@code SET NX PX} on every master; returns once a majority said OK (or every master answered), counting the OKs
	 * in {@code ok}.
	 */
	private CompletableFuture<?>[] acquireOnAll(String token, AtomicInteger ok) {
		int quorum = this.masters / 2 + 1;
		SetArgs args = SetArgs.Builder.nx().px(10_000);
		CompletableFuture<Void> acquired = new CompletableFuture<>();
		AtomicInteger answered = new AtomicInteger();
		CompletableFuture<?>[] acquisitions = new CompletableFuture<?>[this.connections.size()];
		for (int i = 0; i < acquisitions.length; i++) {
			acquisitions[i] = this.connections.get(i).async().set(LOCK_KEY[0], token, args).toCompletableFuture();
			acquisitions[i].whenComplete((reply, ex) -> {
				// (every reply in without a majority ends the wait too, so that a broken run cannot hang)
				if (("OK".equals(reply) && ok.incrementAndGet() == quorum) | answered.incrementAndGet() == this.masters) {
					acquired.complete(null);
				}
			});
		}
		acquired.join();
		return acquisitions;
	}

	/** Pottery's {@code release.lua} on master {@code i}, sent now. */
	private CompletableFuture<Long> releaseCommand(int i, String token) {
		return this.connections.get(i).async()
			.<Long>evalsha(this.redlockReleaseSha, ScriptOutputType.INTEGER, LOCK_KEY, token)
			.toCompletableFuture();
	}

	/**
	 * The release on every master, each from {@code release}; returns once a majority deleted the key (or every
	 * master answered), with the number of masters that deleted it.
	 */
	private int releaseOnAll(IntFunction<CompletableFuture<Long>> release, int count) {
		int quorum = this.masters / 2 + 1;
		CompletableFuture<Void> released = new CompletableFuture<>();
		AtomicInteger deleted = new AtomicInteger();
		AtomicInteger heard = new AtomicInteger();
		for (int i = 0; i < count; i++) {
			release.apply(i).whenComplete((reply, ex) -> {
				if ((reply != null && reply >= 1 && deleted.incrementAndGet() == quorum)
						| heard.incrementAndGet() == this.masters) {
					released.complete(null);
				}
			});
		}
		released.join();
		return deleted.get();
	}

	@Benchmark
	public long lockPair() throws Exception {
		RedisAsyncCommands<String, String> commands = this.connections.get(0).async();
		String token = UUID.randomUUID().toString();
		String set = commands.set(KEY + ":lock", token, SetArgs.Builder.nx().px(10_000)).get();
		RedisFuture<Long> released = commands.evalsha(this.releaseSha, ScriptOutputType.INTEGER,
				new String[] { KEY + ":lock" }, token);
		return ("OK".equals(set) ? 1 : 0) + released.get();
	}

}
