package dev.pottery.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * A real {@code redis-server} process on {@code 127.0.0.1}, for development and tests: no persistence
 * ({@code --save "" --appendonly no}), its own scratch directory, stopped by {@link #close()} and at JVM exit.
 *
 * <p>The binary is the static Redis 7 build shipped in {@code org.signal:embedded-redis} (an optional dependency:
 * add it to use this class), extracted once to {@code ${java.io.tmpdir}/pottery-redis-<version>}; set
 * {@code -Dpottery.embedded.redis-server=/path/to/redis-server} (or {@code POTTERY_REDIS_SERVER}) to use another.
 *
 * <p>{@link Builder#clusterNode(Duration)} starts it as a Redis Cluster node (its {@code nodes.conf} in its own
 * scratch directory, the cluster bus on a second free port); {@link EmbeddedRedisCluster} assembles such nodes into a
 * cluster.
 *
 * <p>For fault tests the handle can {@link #pause()} the process (SIGSTOP: it keeps its connections but answers
 * nothing, like a master behind a network partition), {@link #resume()} it (SIGCONT), {@link #kill()} it (SIGKILL,
 * data lost) and {@link #restart()} it on the same port with empty data, as a master restarted without persistence.
 *
 * <p>Thread-safe: control methods are synchronized. Not for production use.
 *
 * <pre>{@code
 * try (EmbeddedRedisServer redis = EmbeddedRedisServer.start()) {
 *     String url = redis.url();            // redis://127.0.0.1:<free port>
 *     // ... connect, work ...
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class EmbeddedRedisServer implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(EmbeddedRedisServer.class);

	private static final String HOST = "127.0.0.1";

	private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(15);

	private static final int PORT_ATTEMPTS = 5;

	private static final Set<EmbeddedRedisServer> running = ConcurrentHashMap.newKeySet();

	static {
		Runtime.getRuntime().addShutdownHook(new Thread(() -> List.copyOf(running).forEach(EmbeddedRedisServer::close),
				"pottery-embedded-redis-shutdown"));
	}

	private final Map<String, String> settings;

	private final boolean fixedPort;

	/** The cluster node timeout, or {@code null} for a standalone server. */
	private final @Nullable Duration clusterNodeTimeout;

	/** The lines of a Sentinel's initial configuration file, or {@code null} for a data server. */
	private final @Nullable List<String> sentinelConfig;

	private int port;

	/** The cluster bus port, 0 until first chosen (cluster nodes only). */
	private int clusterBusPort;

	private @Nullable Process process;

	private @Nullable Path directory;

	private boolean paused;

	private EmbeddedRedisServer(int port, Map<String, String> settings, @Nullable Duration clusterNodeTimeout,
			@Nullable List<String> sentinelConfig) {
		this.port = port;
		this.fixedPort = port != 0;
		this.settings = Map.copyOf(settings);
		this.clusterNodeTimeout = clusterNodeTimeout;
		this.sentinelConfig = (sentinelConfig != null) ? List.copyOf(sentinelConfig) : null;
	}

	/**
	 * Start a server on a free port with the default settings.
	 * @return the running server
	 * @throws EmbeddedRedisException if the binary cannot be found or the server does not start
	 */
	public static EmbeddedRedisServer start() {
		return builder().start();
	}

	/**
	 * A builder for a server with a chosen port or extra {@code redis.conf} settings.
	 * @return a new builder
	 */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * The host the server listens on.
	 * @return always {@code 127.0.0.1}
	 */
	public String host() {
		return HOST;
	}

	/**
	 * The TCP port the server listens on; it stays the same across {@link #restart()}.
	 * @return the port
	 */
	public synchronized int port() {
		return this.port;
	}

	/**
	 * The port of the Redis Cluster bus (node-to-node traffic), which {@code CLUSTER MEET} needs as its third
	 * argument because it is not the client port plus 10000; it stays the same across {@link #restart()}.
	 * @return the bus port, or -1 when the server is not a cluster node
	 */
	public synchronized int clusterBusPort() {
		return (this.clusterNodeTimeout != null) ? this.clusterBusPort : -1;
	}

	/**
	 * Whether the server runs as a Redis Cluster node ({@link Builder#clusterNode(Duration)}).
	 * @return {@code true} for a cluster node
	 */
	public boolean isClusterNode() {
		return this.clusterNodeTimeout != null;
	}

	/**
	 * Whether the process runs as a Redis Sentinel ({@code redis-server <config> --sentinel}), as the nodes of
	 * {@link EmbeddedRedisSentinel} do.
	 * @return {@code true} for a Sentinel
	 */
	public boolean isSentinel() {
		return this.sentinelConfig != null;
	}

	/**
	 * The URL to connect to, in the form {@code spring.data.redis.url} takes, including the password when
	 * {@code requirepass} is set.
	 * @return for example {@code redis://127.0.0.1:6380}
	 */
	public String url() {
		String password = this.settings.get("requirepass");
		return "redis://" + ((password != null) ? ":" + password + "@" : "") + HOST + ":" + port();
	}

	/**
	 * Whether the process is alive (running or paused).
	 * @return {@code true} between a successful start and {@link #kill()} or {@link #close()}
	 */
	public synchronized boolean isRunning() {
		return this.process != null && this.process.isAlive();
	}

	/**
	 * Whether the process is stopped by {@link #pause()}.
	 * @return {@code true} between {@link #pause()} and {@link #resume()}
	 */
	public synchronized boolean isPaused() {
		return this.paused;
	}

	/**
	 * Freeze the process with SIGSTOP: connections stay open but nothing is answered, so clients time out.
	 * @throws EmbeddedRedisException if the server is not running or the signal cannot be sent
	 */
	public synchronized void pause() {
		signal("STOP");
		this.paused = true;
	}

	/**
	 * Let a paused process go on with SIGCONT; it answers what was sent to it meanwhile.
	 * @throws EmbeddedRedisException if the server is not running or the signal cannot be sent
	 */
	public synchronized void resume() {
		signal("CONT");
		this.paused = false;
	}

	/**
	 * Kill the process with SIGKILL and wait for it to die; its data is lost. {@link #restart()} brings it back.
	 */
	public synchronized void kill() {
		Process current = this.process;
		if (current != null) {
			current.destroyForcibly();
			waitFor(current);
		}
		this.process = null;
		this.paused = false;
		running.remove(this);
	}

	/**
	 * Start the server again on the same port, with empty data (a master restarted without persistence). A running
	 * server is killed first. A cluster node keeps its {@code nodes.conf}, so it comes back with its node id and
	 * rejoins its cluster.
	 * @throws EmbeddedRedisException if it does not start
	 */
	public synchronized void restart() {
		kill();
		launch();
	}

	/**
	 * Stop the server (SIGTERM, then SIGKILL after 5 s) and delete its scratch directory. Idempotent.
	 */
	@Override
	public synchronized void close() {
		Process current = this.process;
		if (current != null) {
			if (this.paused) {
				signal("CONT");
			}
			current.destroy();
			try {
				if (!current.waitFor(5, TimeUnit.SECONDS)) {
					current.destroyForcibly();
					waitFor(current);
				}
			}
			catch (InterruptedException ex) {
				current.destroyForcibly();
				Thread.currentThread().interrupt();
			}
		}
		this.process = null;
		this.paused = false;
		running.remove(this);
		deleteDirectory();
	}

	@Override
	public String toString() {
		return "EmbeddedRedisServer{" + HOST + ":" + this.port + (isClusterNode() ? ", cluster node" : "")
				+ (isSentinel() ? ", sentinel" : "")
				+ (isPaused() ? ", paused" : "")
				+ (isRunning() ? "" : ", stopped") + "}";
	}

	private synchronized void launch() {
		Path binary = RedisServerBinary.resolve();
		EmbeddedRedisException failure = null;
		for (int attempt = 0; attempt < (this.fixedPort ? 1 : PORT_ATTEMPTS); attempt++) {
			if (!this.fixedPort && (attempt > 0 || this.port == 0)) {
				this.port = freePort();
			}
			if (this.clusterNodeTimeout != null && (attempt > 0 || this.clusterBusPort == 0)) {
				// not port + 10000, Redis' default: that overflows for the ephemeral ports free ports come from
				do {
					this.clusterBusPort = freePort();
				}
				while (this.clusterBusPort == this.port);
			}
			try {
				launchOnce(binary);
				return;
			}
			catch (EmbeddedRedisException ex) {
				failure = ex;
				// another process may have taken the free port between our probe and redis' bind: try another
			}
		}
		throw failure;
	}

	private void launchOnce(Path binary) {
		try {
			if (this.directory == null) {
				this.directory = Files.createTempDirectory("pottery-redis-");
			}
			Path log = this.directory.resolve("redis-" + this.port + ".log");
			List<String> command = new ArrayList<>();
			command.add(binary.toString());
			if (this.sentinelConfig != null) {
				// a Sentinel rewrites its configuration file as it learns the topology; it is kept across restart()
				Path config = this.directory.resolve("sentinel.conf");
				if (!Files.exists(config)) {
					Files.write(config, this.sentinelConfig, StandardCharsets.UTF_8);
				}
				command.addAll(List.of(config.toString(), "--sentinel", "--port", Integer.toString(this.port),
						"--bind", HOST, "--daemonize", "no", "--dir", this.directory.toString(), "--logfile", ""));
			}
			else {
				command.addAll(List.of("--port", Integer.toString(this.port), "--bind", HOST, "--save", "",
						"--appendonly", "no", "--daemonize", "no", "--dir", this.directory.toString(), "--logfile",
						""));
			}
			if (this.clusterNodeTimeout != null) {
				command.addAll(List.of("--cluster-enabled", "yes", "--cluster-config-file",
						this.directory.resolve("nodes.conf").toString(), "--cluster-node-timeout",
						Long.toString(this.clusterNodeTimeout.toMillis()), "--cluster-port",
						Integer.toString(this.clusterBusPort)));
			}
			this.settings.forEach((name, value) -> {
				command.add("--" + name);
				command.add(value);
			});
			Process started = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(log.toFile())
				.start();
			this.process = started;
			running.add(this);
			awaitPong(started, log);
			if (logger.isDebugEnabled()) {
				logger.debug("Started embedded redis-server on " + HOST + ":" + this.port);
			}
		}
		catch (IOException ex) {
			throw new EmbeddedRedisException("Could not run " + binary + " on " + RedisServerBinary.platform() + ": "
					+ ex.getMessage() + "; set -D" + RedisServerBinary.BINARY_PROPERTY
					+ "=/path/to/redis-server or use an external Redis", ex);
		}
	}

	private void awaitPong(Process started, Path log) {
		long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
		while (System.nanoTime() < deadline) {
			if (!started.isAlive()) {
				this.process = null;
				running.remove(this);
				throw new EmbeddedRedisException("redis-server on port " + this.port + " exited with code "
						+ started.exitValue() + ": " + tail(log));
			}
			if (answers(started)) {
				return;
			}
			try {
				Thread.sleep(10);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				started.destroyForcibly();
				throw new EmbeddedRedisException("Interrupted while starting redis-server", ex);
			}
		}
		started.destroyForcibly();
		this.process = null;
		running.remove(this);
		throw new EmbeddedRedisException("redis-server on port " + this.port + " did not answer within "
				+ STARTUP_TIMEOUT.toSeconds() + " s: " + tail(log));
	}

	/**
	 * Whether the server on our port answers and is our process: a server that failed to bind must not be mistaken
	 * for the one already listening there.
	 */
	private boolean answers(Process started) {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress(HOST, this.port), 200);
			socket.setSoTimeout(500);
			OutputStream out = socket.getOutputStream();
			String password = this.settings.get("requirepass");
			String command = ((password != null) ? "AUTH " + password + "\r\n" : "") + "INFO server\r\n";
			out.write(command.getBytes(StandardCharsets.UTF_8));
			out.flush();
			InputStream in = socket.getInputStream();
			byte[] buffer = new byte[4096];
			StringBuilder reply = new StringBuilder();
			String expected = "process_id:" + started.pid() + "\r\n";
			while (reply.length() < 16384) {
				int read = in.read(buffer);
				if (read < 0) {
					return false;
				}
				reply.append(new String(buffer, 0, read, StandardCharsets.US_ASCII));
				if (reply.indexOf(expected) >= 0) {
					return true;
				}
				int pid = reply.indexOf("process_id:");
				if (reply.charAt(0) == '-' || (pid >= 0 && reply.indexOf("\r\n", pid) >= 0)) {
					// an error (loading, auth) or another process: not ready for us
					return false;
				}
			}
			return false;
		}
		catch (IOException ex) {
			return false;
		}
	}

	private void signal(String signal) {
		Process current = this.process;
		if (current == null || !current.isAlive()) {
			throw new EmbeddedRedisException("redis-server on port " + this.port + " is not running");
		}
		try {
			Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(current.pid())).redirectErrorStream(true)
				.start();
			byte[] output = kill.getInputStream().readAllBytes();
			if (kill.waitFor() != 0) {
				throw new EmbeddedRedisException("kill -" + signal + " " + current.pid() + " failed: "
						+ new String(output, StandardCharsets.UTF_8).trim());
			}
		}
		catch (IOException ex) {
			throw new EmbeddedRedisException("Could not send SIG" + signal + " to redis-server: " + ex.getMessage(), ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new EmbeddedRedisException("Interrupted while sending SIG" + signal + " to redis-server", ex);
		}
	}

	private static void waitFor(Process process) {
		try {
			process.waitFor();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private static String tail(Path log) {
		try {
			List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
			return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
		}
		catch (IOException ex) {
			return "(no log: " + ex.getMessage() + ")";
		}
	}

	private void deleteDirectory() {
		Path current = this.directory;
		this.directory = null;
		if (current == null) {
			return;
		}
		try (Stream<Path> paths = Files.walk(current)) {
			paths.sorted(Comparator.reverseOrder()).forEach((path) -> path.toFile().delete());
		}
		catch (IOException ex) {
			logger.debug("Could not delete " + current, ex);
		}
	}

	static int freePort() {
		try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName(HOST))) {
			socket.setReuseAddress(true);
			return socket.getLocalPort();
		}
		catch (IOException ex) {
			throw new EmbeddedRedisException("Could not find a free port on " + HOST + ": " + ex.getMessage(), ex);
		}
	}

	/**
	 * Builds an {@link EmbeddedRedisServer}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private int port;

		private final Map<String, String> settings = new LinkedHashMap<>();

		private @Nullable Duration clusterNodeTimeout;

		private @Nullable List<String> sentinelConfig;

		private Builder() {
		}

		/**
		 * Listen on this port instead of a free one.
		 * @param port the port, or 0 for a free one (the default)
		 * @return this builder
		 */
		public Builder port(int port) {
			Assert.isTrue(port >= 0 && port <= 65535, "'port' must be between 0 and 65535");
			this.port = port;
			return this;
		}

		/**
		 * Add a {@code redis.conf} setting, passed as {@code --name value}; for example
		 * {@code setting("requirepass", "secret")}.
		 * @param name the setting name, without dashes
		 * @param value its value
		 * @return this builder
		 */
		public Builder setting(String name, String value) {
			Assert.hasText(name, "'name' must not be empty");
			this.settings.put(name, value);
			return this;
		}

		/**
		 * Run the server as a Redis Cluster node, with no slots and no peers yet: adds {@code --cluster-enabled yes},
		 * {@code --cluster-config-file <its scratch directory>/nodes.conf}, {@code --cluster-node-timeout} and
		 * {@code --cluster-port} on a second free port ({@link EmbeddedRedisServer#clusterBusPort()}). Use
		 * {@link EmbeddedRedisCluster} for a ready cluster.
		 * @param nodeTimeout how long a node may be unreachable before the others consider it failing, at least 1 ms
		 * @return this builder
		 */
		public Builder clusterNode(Duration nodeTimeout) {
			Assert.isTrue(nodeTimeout != null && nodeTimeout.toMillis() > 0, "'nodeTimeout' must be at least 1 ms");
			this.clusterNodeTimeout = nodeTimeout;
			return this;
		}

		/**
		 * Run the process as a Redis Sentinel with this initial configuration file (for example
		 * {@code sentinel monitor ...} lines); {@link EmbeddedRedisSentinel} uses it.
		 * @param config the lines of {@code sentinel.conf}
		 * @return this builder
		 */
		Builder sentinel(List<String> config) {
			Assert.notNull(config, "'config' must not be null");
			this.sentinelConfig = List.copyOf(config);
			return this;
		}

		/**
		 * Start the server and wait until it answers.
		 * @return the running server
		 * @throws EmbeddedRedisException if the binary cannot be found or run, or the server does not start
		 */
		public EmbeddedRedisServer start() {
			Assert.state(this.sentinelConfig == null || this.clusterNodeTimeout == null,
					"A Sentinel cannot be a cluster node");
			EmbeddedRedisServer server = new EmbeddedRedisServer(this.port, this.settings, this.clusterNodeTimeout,
					this.sentinelConfig);
			server.launch();
			return server;
		}

	}

}
