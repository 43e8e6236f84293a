package dev.pottery.test;

import java.util.ArrayList;
import java.util.List;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.cluster.api.sync.RedisAdvancedClusterCommands;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts the {@link RealRedisCluster} once per test run (in the root context's store, which closes it when the run
 * ends) and checks for stray keys after each test.
 */
final class RealRedisClusterExtension implements BeforeAllCallback, AfterEachCallback, ParameterResolver {

	private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace
		.create(RealRedisClusterExtension.class);

	/** Three masters: the smallest cluster whose keys spread over several servers with a majority of masters. */
	static final int MASTERS = 3;

	@Override
	public void beforeAll(ExtensionContext context) {
		cluster(context);
	}

	@Override
	public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return parameterContext.getParameter().getType() == RedisCluster.class;
	}

	@Override
	public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
		return cluster(extensionContext);
	}

	@Override
	public void afterEach(ExtensionContext context) {
		if (context.getExecutionException().isPresent()) {
			return;
		}
		RedisAdvancedClusterCommands<String, String> commands = cluster(context).commands();
		List<String> stray = strayKeys(commands);
		if (!stray.isEmpty()) {
			commands.unlink(stray.toArray(String[]::new));
			throw new AssertionError("The test left keys matching 'pottery:*' behind in the cluster (delete what a "
					+ "test creates): " + stray);
		}
	}

	/** Lettuce's cluster SCAN walks every master in turn. */
	private static List<String> strayKeys(RedisAdvancedClusterCommands<String, String> commands) {
		List<String> keys = new ArrayList<>();
		ScanArgs args = ScanArgs.Builder.matches("pottery:*").limit(1000);
		KeyScanCursor<String> cursor = commands.scan(args);
		keys.addAll(cursor.getKeys());
		while (!cursor.isFinished()) {
			cursor = commands.scan(cursor, args);
			keys.addAll(cursor.getKeys());
		}
		return keys;
	}

	private static EmbeddedTestCluster cluster(ExtensionContext context) {
		return context.getRoot()
			.getStore(NAMESPACE)
			.computeIfAbsent(EmbeddedTestCluster.class, (key) -> EmbeddedTestCluster.start(MASTERS),
					EmbeddedTestCluster.class);
	}

}
