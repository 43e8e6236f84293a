package dev.pottery.collections;

import java.time.Duration;
import java.util.Optional;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.ReadFrom;
import io.lettuce.core.SslVerifyMode;
import io.lettuce.core.cluster.ClusterClientOptions;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.connection.RedisConfiguration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
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
 * be applied twice while the caller sees one normal return (Lettuce's replay filter is not consulted for them). On
 * this factory such a command fails when its connection drops, before Lettuce reconnects (a channel handler added
 * through a view of the application's client resources), and the structure throws
 * {@link dev.pottery.ConnectionLostException} ("may have been applied"): a call that returns took effect exactly once,
 * a call that throws took effect at most once. Commands issued while disconnected never reached Redis and are sent
 * once reconnected. The application's own factory, options and resources are left unchanged.
 *
 * <p>{@link #of} makes one for the application's factory (Spring Boot's auto-configuration does, for the
 * {@code Pottery} bean); {@link #close()} destroys it. A factory other than Lettuce's (Jedis does not re-send commands)
 * is used as it is.
 *
 * <pre>{@code
 * PotteryConnection connection = PotteryConnection.of(applicationConnectionFactory);
 * RedisCollections collections = RedisCollections.create(connection.connectionFactory());
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
		ClientResources owned = application.getClientConfiguration().getClientResources().isPresent() ? null
				: DefaultClientResources.create();
		LettuceClientConfiguration client = noReplay(application.getClientConfiguration(),
				application.isClusterAware(), owned);
		LettuceConnectionFactory factory = new Sibling(configuration(application), client, owned);
		factory.setShareNativeConnection(application.getShareNativeConnection());
		factory.setValidateConnection(application.getValidateConnection());
		factory.setConvertPipelineAndTxResults(application.getConvertPipelineAndTxResults());
		factory.setEagerInitialization(false);
		factory.afterPropertiesSet();
		factory.start();
		return factory;
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

	static LettuceClientConfiguration noReplay(LettuceClientConfiguration application, boolean cluster,
			@Nullable ClientResources owned) {
		ClientOptions options = application.getClientOptions()
			.orElseGet(() -> cluster ? ClusterClientOptions.create() : ClientOptions.create());
		// Lettuce replays the commands that were sent and unanswered when a connection dropped without consulting
		// its replay filter; UnansweredCommands fails them first. Commands issued while disconnected, and writes that
		// failed, never reached Redis whole: Lettuce sends them after reconnecting, and they apply once.
		ClientResources resources = UnansweredCommands.resources(
				(owned != null) ? owned : application.getClientResources().orElseThrow());
		// a pooling configuration becomes a plain one: the structures run on the shared native connection
		return new NoReplay(application, options, resources);
	}

	/** Pottery's factory; shuts down the client resources it made when the application's factory had none. */
	private static final class Sibling extends LettuceConnectionFactory {

		private final @Nullable ClientResources owned;

		Sibling(RedisConfiguration configuration, LettuceClientConfiguration client, @Nullable ClientResources owned) {
			super(configuration, client);
			this.owned = owned;
		}

		@Override
		public void destroy() {
			try {
				super.destroy();
			}
			finally {
				if (this.owned != null) {
					this.owned.shutdown(0, getClientConfiguration().getShutdownTimeout().toMillis(),
							java.util.concurrent.TimeUnit.MILLISECONDS);
				}
			}
		}

	}

	/** The application's client configuration with other client options (and a client name). */
	private static final class NoReplay implements LettuceClientConfiguration {

		private final LettuceClientConfiguration delegate;

		private final ClientOptions options;

		private final ClientResources resources;

		NoReplay(LettuceClientConfiguration delegate, ClientOptions options, ClientResources resources) {
			this.delegate = delegate;
			this.options = options;
			this.resources = resources;
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
			return Optional.of(this.resources);
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
