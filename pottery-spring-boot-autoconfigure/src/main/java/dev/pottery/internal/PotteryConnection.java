package dev.pottery.internal;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Predicate;

import dev.pottery.Durability;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.cluster.api.StatefulRedisClusterConnection;
import io.lettuce.core.protocol.RedisCommand;
import io.lettuce.core.resource.ClientResources;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.ClusterCommandExecutor;
import org.springframework.data.redis.connection.ClusterTopologyProvider;
import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClusterConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionProvider;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.RedisCredentialsProviderFactory;
import org.springframework.util.Assert;

/**
 * Pottery's own connection factory for its structures: a {@link LettuceConnectionFactory} on the same servers, with
 * the same credentials, TLS, timeouts, client resources and client options as the application's, except that its
 * Lettuce client <b>never re-sends an unanswered command after it reconnects</b>.
 *
 * <p>Lettuce by default keeps the commands sent on a connection that dropped before their replies arrived and sends
 * them again once it has reconnected; Redis may already have run them, so an increment, a queue put or a merge would
 * be applied twice while the caller sees one normal return. (Lettuce's replay filter does not prevent that: it is not
 * applied to the commands that were in flight when the connection dropped, only to commands written while it is
 * down and to failed socket writes.) This factory's client instead <b>rejects commands while disconnected</b>
 * (Lettuce's {@code DisconnectedBehavior.REJECT_COMMANDS}), which fails the in-flight ones at once: the structure
 * throws {@link dev.pottery.ConnectionLostException} ("may have been applied"). A command rejected before it was sent
 * was not applied; the structure waits for the reconnection and sends it then, up to the command timeout. A call that
 * returns took effect exactly once, a call that throws took effect at most once. The application's own factory is
 * left unchanged.
 *
 * <p>{@link #of} makes one for the application's factory (Spring Boot's auto-configuration does, for the
 * {@code Pottery} bean); {@link #close()} destroys it. A factory other than Lettuce's (Jedis does not re-send commands)
 * is used as it is.
 *
 * <pre>{@code
 * PotteryConnection connection = PotteryConnection.of(applicationConnectionFactory);
 * Pottery pottery = Pottery.create(connection.connectionFactory());
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PotteryConnection implements AutoCloseable {

	/** What the failure of a command that was not re-sent says. */
	static final String NOT_RESENT = "Pottery does not re-send it: it may have been applied";

	/** The client name of Pottery's connections when the application's factory names none. */
	public static final String CLIENT_NAME = "pottery";

	private final RedisConnectionFactory connectionFactory;

	private final boolean owned;

	private PotteryConnection(RedisConnectionFactory connectionFactory, boolean owned) {
		this.connectionFactory = connectionFactory;
		this.owned = owned;
	}

	/**
	 * Pottery's connection for an application's factory: for a {@link LettuceConnectionFactory}, a new factory on the
	 * same servers that never re-sends unanswered commands ({@link #withoutReplay}); any other factory as it is. No
	 * connection is opened until first use.
	 * @param application the application's factory (not modified)
	 * @return the connection; close it when done
	 */
	public static PotteryConnection of(RedisConnectionFactory application) {
		Assert.notNull(application, "'application' must not be null");
		if (application instanceof LettuceConnectionFactory lettuce) {
			return new PotteryConnection(withoutReplay(lettuce), true);
		}
		return new PotteryConnection(application, false);
	}

	/**
	 * The factory Pottery's structures run on.
	 * @return the factory
	 */
	public RedisConnectionFactory connectionFactory() {
		return this.connectionFactory;
	}

	/**
	 * Whether structures on this connection can wait for replicas ({@link Durability}): only on the Lettuce factory
	 * {@link #of} makes.
	 * @return {@code true} for Pottery's own Lettuce factory
	 */
	public boolean supportsDurability() {
		return durableWrites(this.connectionFactory) != null;
	}

	/** Destroy the factory made by {@link #of} (an application's factory used as it is stays open). */
	@Override
	public void close() {
		if (this.owned && this.connectionFactory instanceof LettuceConnectionFactory lettuce) {
			lettuce.destroy();
		}
	}

	/**
	 * A started factory like {@code application} whose client never re-sends unanswered commands.
	 * @param application the application's Lettuce connection factory (not modified)
	 * @return a new factory on the same servers; destroy it when done
	 */
	public static LettuceConnectionFactory withoutReplay(LettuceConnectionFactory application) {
		Assert.notNull(application, "'application' must not be null");
		LettuceClientConfiguration client = noReplay(application.getClientConfiguration(),
				application.isClusterAware());
		LettuceConnectionFactory factory = new Factory(configuration(application), client);
		factory.setShareNativeConnection(application.getShareNativeConnection());
		factory.setValidateConnection(application.getValidateConnection());
		factory.setConvertPipelineAndTxResults(application.getConvertPipelineAndTxResults());
		factory.setEagerInitialization(false);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
	}

	/**
	 * The durable writes of a factory made by {@link #withoutReplay}: structures with a {@link Durability} run their
	 * writes through it.
	 * @param factory a connection factory
	 * @return its durable writes, or {@code null} for a factory Pottery did not make
	 */
	public static @Nullable DurableWrites durableWrites(@Nullable RedisConnectionFactory factory) {
		return (factory instanceof Factory pottery) ? pottery.durableWrites : null;
	}

	/**
	 * Pottery's Lettuce connection factory: on a thread that runs a durable write, connections run their commands on
	 * the dedicated connection {@link DurableWrites} lent to that thread instead of the shared one.
	 */
	static final class Factory extends LettuceConnectionFactory {

		private final DurableWrites durableWrites = new DurableWrites(this);

		Factory(RedisConfiguration configuration, LettuceClientConfiguration client) {
			super(configuration, client);
		}

		@Override
		protected LettuceConnection doCreateLettuceConnection(
				@Nullable StatefulRedisConnection<byte[], byte[]> sharedConnection,
				LettuceConnectionProvider connectionProvider, long timeout, int database) {
			StatefulConnection<byte[], byte[]> lent = this.durableWrites.lent();
			@SuppressWarnings("unchecked")
			StatefulRedisConnection<byte[], byte[]> connection = (lent instanceof StatefulRedisConnection<?, ?>)
					? (StatefulRedisConnection<byte[], byte[]>) lent : sharedConnection;
			return super.doCreateLettuceConnection(connection, connectionProvider, timeout, database);
		}

		@Override
		protected LettuceClusterConnection doCreateLettuceClusterConnection(
				@Nullable StatefulRedisClusterConnection<byte[], byte[]> sharedConnection,
				LettuceConnectionProvider connectionProvider, ClusterTopologyProvider topologyProvider,
				ClusterCommandExecutor clusterCommandExecutor, Duration commandTimeout) {
			StatefulConnection<byte[], byte[]> lent = this.durableWrites.lent();
			@SuppressWarnings("unchecked")
			StatefulRedisClusterConnection<byte[], byte[]> connection = (lent instanceof StatefulRedisClusterConnection<?, ?>)
					? (StatefulRedisClusterConnection<byte[], byte[]>) lent : sharedConnection;
			return super.doCreateLettuceClusterConnection(connection, connectionProvider, topologyProvider,
					clusterCommandExecutor, commandTimeout);
		}

		@Override
		public void stop() {
			this.durableWrites.drain();
			super.stop();
		}

		@Override
		public void destroy() {
			this.durableWrites.close();
			super.destroy();
		}

	}

	/**
	 * The application factory's configuration, whichever constructor made it: the factory keeps it in a private field
	 * (its public getters return defaults, for example {@code localhost:6379}, for a configuration given as a plain
	 * {@link RedisConfiguration}); read from the getters if that field cannot be read.
	 */
	private static RedisConfiguration configuration(LettuceConnectionFactory application) {
		java.lang.reflect.Field field = org.springframework.util.ReflectionUtils.findField(LettuceConnectionFactory.class,
				"configuration", RedisConfiguration.class);
		if (field != null) {
			try {
				org.springframework.util.ReflectionUtils.makeAccessible(field);
				Object configuration = field.get(application);
				if (configuration instanceof RedisConfiguration redis) {
					return redis;
				}
			}
			catch (IllegalAccessException | RuntimeException ex) {
				// fall back to the getters
			}
		}
		if (application.isClusterAware()) {
			return application.getClusterConfiguration();
		}
		if (application.isRedisSentinelAware()) {
			return application.getSentinelConfiguration();
		}
		if (application.getSocketConfiguration() != null) {
			return application.getSocketConfiguration();
		}
		return application.getStandaloneConfiguration();
	}

	/**
	 * The replay filter, for the commands whose socket write failed (Lettuce would write them again after
	 * reconnecting; part of one may have reached Redis): failed at once and not sent again.
	 */
	static final Predicate<RedisCommand<?, ?, ?>> NEVER_REPLAY = (command) -> {
		command.completeExceptionally(new RedisConnectionException("The connection to Redis was lost before the reply"
				+ " to " + command.getType() + " arrived; " + NOT_RESENT));
		return true;
	};

	static LettuceClientConfiguration noReplay(LettuceClientConfiguration application, boolean cluster) {
		ClientOptions base = application.getClientOptions()
			.orElseGet(() -> cluster ? ClusterClientOptions.create() : ClientOptions.create());
		ClientOptions options = base.mutate()
			.disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
			.replayFilter(NEVER_REPLAY)
			.build();
		// a pooling configuration becomes a plain one: the structures run on the shared native connection
		return new NoReplay(application, options);
	}

	/** The application's client configuration with other client options (and a client name). */
	private static final class NoReplay implements LettuceClientConfiguration {

		private final LettuceClientConfiguration delegate;

		private final ClientOptions options;

		NoReplay(LettuceClientConfiguration delegate, ClientOptions options) {
			this.delegate = delegate;
			this.options = options;
		}

		@Override
		public boolean isUseSsl() {
			return this.delegate.isUseSsl();
		}

		@Override
		public boolean isVerifyPeer() {
			return this.delegate.isVerifyPeer();
		}

		@Override
		public SslVerifyMode getVerifyMode() {
			return this.delegate.getVerifyMode();
		}

		@Override
		public boolean isStartTls() {
			return this.delegate.isStartTls();
		}

		@Override
		public Optional<ClientResources> getClientResources() {
			return this.delegate.getClientResources();
		}

		@Override
		public Optional<ClientOptions> getClientOptions() {
			return Optional.of(this.options);
		}

		@Override
		public Optional<String> getClientName() {
			return Optional.of(this.delegate.getClientName().map((name) -> name + "-" + CLIENT_NAME).orElse(CLIENT_NAME));
		}

		@Override
		public Optional<ReadFrom> getReadFrom() {
			return this.delegate.getReadFrom();
		}

		@Override
		public Optional<RedisCredentialsProviderFactory> getRedisCredentialsProviderFactory() {
			return this.delegate.getRedisCredentialsProviderFactory();
		}

		@Override
		public Duration getCommandTimeout() {
			return this.delegate.getCommandTimeout();
		}

		@Override
		public Duration getShutdownTimeout() {
			return this.delegate.getShutdownTimeout();
		}

		@Override
		public Duration getShutdownQuietPeriod() {
			return this.delegate.getShutdownQuietPeriod();
		}

	}

}
