package dev.pottery.test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.pottery.embedded.EmbeddedRedisServer;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

import org.springframework.core.annotation.AnnotatedElementUtils;

/**
 * Starts the servers a {@link RealRedis} class asks for, once per class, and stops them after it.
 */
final class RealRedisExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

	/** Environment variable or system property naming existing servers to test against. */
	static final String URL_VARIABLE = "POTTERY_TEST_REDIS_URL";

	/** Environment variable or system property forcing the source: {@code embedded} or {@code docker}. */
	static final String SOURCE_VARIABLE = "POTTERY_TEST_REDIS";

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(RealRedisExtension.class);

	private static volatile @Nullable Boolean docker;

	@Override
	public void beforeAll(ExtensionContext context) {
		servers(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		Class<?> type = parameterContext.getParameter().getType();
		return type == RedisServers.class || type == RedisServer.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		RedisServers servers = servers(extensionContext);
		return (parameterContext.getParameter().getType() == RedisServers.class) ? servers : servers.get(0);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (context.getExecutionException().isPresent() || !annotation(context).checkStrayKeys()) {
			return;
		}
		List<String> stray = new ArrayList<>();
		for (RedisServer server : servers(context)) {
			if (server instanceof AbstractRedisServer handle && handle.isAnswering()) {
				List<String> keys = strayKeys(server.commands());
				if (!keys.isEmpty()) {
					server.commands().unlink(keys.toArray(String[]::new));
					stray.add(server.url() + " " + keys);
				}
			}
		}
		if (!stray.isEmpty()) {
			throw new AssertionError("The test left keys matching 'pottery:*' behind (delete what a test creates): "
					+ stray);
		}
	}

	private static List<String> strayKeys(RedisCommands<String, String> commands) {
		List<String> keys = new ArrayList<>();
		ScanArgs args = ScanArgs.Builder.matches("pottery:*").limit(1000);
		KeyScanCursor<String> cursor = commands.scan(args);
		keys.addAll(cursor.getKeys());
		while (!cursor.isFinished()) {
			cursor = commands.scan(ScanCursor.of(cursor.getCursor()), args);
			keys.addAll(cursor.getKeys());
		}
		return keys;
	}

	private static RealRedis annotation(ExtensionContext context) {
		RealRedis annotation = AnnotatedElementUtils.findMergedAnnotation(context.getRequiredTestClass(), RealRedis.class);
		return (annotation != null) ? annotation
				: AnnotatedElementUtils.findMergedAnnotation(RealRedisDefaults.class, RealRedis.class);
	}

	private static RedisServers servers(ExtensionContext context) {
		ExtensionContext classContext = classContext(context);
		RealRedis annotation = annotation(classContext);
		Group group = classContext.getStore(NAMESPACE)
			.computeIfAbsent(Group.class, (key) -> new Group(start(annotation)), Group.class);
		return group.servers();
	}

	private static ExtensionContext classContext(ExtensionContext context) {
		ExtensionContext current = context;
		// the outermost class context that carries the annotation, so @Nested classes share their parent's servers
		while (current.getParent().isPresent() && current.getParent().get().getTestClass().isPresent()) {
			current = current.getParent().get();
		}
		return current;
	}

	private static RedisServers start(RealRedis annotation) {
		int count = annotation.servers();
		List<String> urls = externalUrls();
		if (!urls.isEmpty()) {
			Assumptions.assumeFalse(annotation.controllable(),
					"servers cannot be paused or killed when " + URL_VARIABLE + " names external servers");
			Assumptions.assumeTrue(urls.size() >= count,
					"the test class needs " + count + " servers but " + URL_VARIABLE + " names " + urls.size());
			return new RedisServers(urls.subList(0, count).stream().map(ExternalTestServer::new)
				.map(RedisServer.class::cast).toList());
		}
		return new RedisServers(startFresh(count));
	}

	/** The servers named by {@code POTTERY_TEST_REDIS_URL}, or none. */
	static List<String> externalUrls() {
		String urls = setting(URL_VARIABLE);
		return (urls != null)
				? Arrays.stream(urls.split(",")).map(String::trim).filter((url) -> !url.isEmpty()).toList() : List.of();
	}

	/** Start fresh servers (containers or embedded processes); the caller closes them. */
	static List<RedisServer> startFresh(int count) {
		List<RedisServer> started = new ArrayList<>(count);
		boolean containers = useDocker();
		try {
			for (int i = 0; i < count; i++) {
				started.add(containers ? new ContainerTestServer() : new EmbeddedTestServer(EmbeddedRedisServer.start()));
			}
		}
		catch (RuntimeException ex) {
			started.forEach((server) -> ((AbstractRedisServer) server).close());
			throw ex;
		}
		return List.copyOf(started);
	}

	private static boolean useDocker() {
		String source = setting(SOURCE_VARIABLE);
		if ("embedded".equalsIgnoreCase(source)) {
			return false;
		}
		if ("docker".equalsIgnoreCase(source)) {
			return true;
		}
		Boolean available = docker;
		if (available == null) {
			// Testcontainers' own probe tries several strategies and takes ~40 s on a machine without an engine:
			// only ask it when something says an engine may be there
			available = mayHaveDockerEngine() && isPresent("org.testcontainers.DockerClientFactory")
					&& ContainerTestServer.isDockerAvailable();
			docker = available;
		}
		return available;
	}

	private static boolean mayHaveDockerEngine() {
		String home = System.getProperty("user.home", "");
		return setting("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"))
				|| Files.exists(Path.of(home, ".docker", "run", "docker.sock"))
				|| Files.exists(Path.of(home, ".testcontainers.properties"));
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, RealRedisExtension.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	private static @Nullable String setting(String name) {
		String value = System.getProperty(name);
		if (value == null || value.isBlank()) {
			value = System.getenv(name);
		}
		return (value == null || value.isBlank()) ? null : value;
	}

	/** Closes the servers when the class's store is closed. */
	private record Group(RedisServers servers) implements AutoCloseable {

		@Override
		public void close() {
			this.servers.forEach((server) -> ((AbstractRedisServer) server).close());
		}

	}

	@RealRedis
	private static final class RealRedisDefaults {

	}

}
