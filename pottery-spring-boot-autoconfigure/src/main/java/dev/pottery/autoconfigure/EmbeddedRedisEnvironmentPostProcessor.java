package dev.pottery.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.pottery.embedded.EmbeddedRedisServers;
import org.apache.commons.logging.Log;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.logging.DeferredLogFactory;
import org.springframework.boot.context.event.ApplicationFailedEvent;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.util.ClassUtils;

/**
 * With {@code pottery.embedded.enabled=true} and no Redis configured ({@code spring.data.redis.url},
 * {@code spring.data.redis.host}, {@code .port}, {@code spring.data.redis.cluster.nodes} and
 * {@code spring.data.redis.sentinel.nodes} unset), outside AOT processing and without a
 * {@code DataRedisConnectionDetails} bean other than Spring Boot's (Testcontainers' {@code @ServiceConnection},
 * Docker Compose, the application's own), starts {@code pottery.embedded.masters} embedded Redis servers once the
 * bean definitions are known and before any bean is created, points {@code spring.data.redis.url} at the first (and {@code pottery.redlock.masters} at all
 * of them when there are several), and stops them when the context closes.
 */
final class EmbeddedRedisEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "potteryEmbeddedRedis";

	/** The system property Spring's AOT processing sets while it runs. */
	static final String AOT_PROCESSING = "spring.aot.processing";

	static final String REDIS_SERVER_PROPERTY = "pottery.embedded.redis-server";

	static final String CONNECTION_DETAILS = "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails";

	static final String PROPERTIES_CONNECTION_DETAILS =
			"org.springframework.boot.data.redis.autoconfigure.PropertiesDataRedisConnectionDetails";

	private final Log logger;

	EmbeddedRedisEnvironmentPostProcessor(DeferredLogFactory logFactory) {
		this.logger = logFactory.getLog(EmbeddedRedisEnvironmentPostProcessor.class);
	}

	@Override
	public int getOrder() {
		// after application.yml and friends are loaded
		return Ordered.LOWEST_PRECEDENCE;
	}

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		Binder binder = Binder.get(environment);
		if (!binder.bind("pottery.embedded.enabled", Boolean.class).orElse(false)
				|| environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		if (Boolean.getBoolean(AOT_PROCESSING)) {
			// ahead-of-time processing (spring-boot:process-aot, native builds) must not start servers at build time
			this.logger.debug("pottery.embedded.enabled is set but this is AOT processing: not starting embedded Redis");
			return;
		}
		if (environment.containsProperty("spring.data.redis.url") || environment.containsProperty("spring.data.redis.host")
				|| environment.containsProperty("spring.data.redis.port")
				|| binder.bind("spring.data.redis.cluster.nodes", Bindable.listOf(String.class)).isBound()
				|| binder.bind("spring.data.redis.sentinel.nodes", Bindable.listOf(String.class)).isBound()) {
			this.logger.info("pottery.embedded.enabled is set but Redis is configured (spring.data.redis.url, .host, "
					+ ".port, .cluster.nodes or .sentinel.nodes): not starting embedded Redis");
			return;
		}
		if (!ClassUtils.isPresent("dev.pottery.embedded.EmbeddedRedisServers", getClass().getClassLoader())) {
			return;
		}
		applyRedisServer(environment);
		int count = binder.bind("pottery.embedded.masters", Integer.class).orElse(1);
		if (count < 1) {
			throw new InvalidPotteryPropertyException("pottery.embedded.masters", Integer.toString(count),
					"embedded Redis starts at least one server", "use 1 (the default) or more, or set "
							+ "pottery.embedded.enabled=false");
		}
		Stopper stopper = new Stopper(new AtomicReference<>());
		application.addListeners(stopper);
		// start once every bean definition is known, so that connection details (Testcontainers @ServiceConnection,
		// Docker Compose, an application's own DataRedisConnectionDetails bean) can make it back off
		application.addInitializers((context) -> context.addBeanFactoryPostProcessor(
				(beanFactory) -> start(beanFactory, environment, count, stopper)));
	}

	private void start(ConfigurableListableBeanFactory beanFactory, ConfigurableEnvironment environment, int count,
			Stopper stopper) {
		if (environment.getPropertySources().contains(PROPERTY_SOURCE_NAME)) {
			return;
		}
		String details = connectionDetails(beanFactory);
		if (details != null) {
			this.logger.info("pottery.embedded.enabled is set but the bean '" + details + "' provides the Redis "
					+ "connection (DataRedisConnectionDetails): not starting embedded Redis");
			return;
		}
		EmbeddedRedisServers servers = EmbeddedRedisServers.start(count);
		stopper.servers().set(servers);
		Map<String, Object> properties = new LinkedHashMap<>();
		List<String> urls = servers.urls();
		properties.put("spring.data.redis.url", urls.get(0));
		if (urls.size() > 1 && !Binder.get(environment).bind("pottery.redlock.masters", List.class).isBound()) {
			for (int i = 0; i < urls.size(); i++) {
				properties.put("pottery.redlock.masters[" + i + "]", urls.get(i));
			}
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		this.logger.info("Started " + count + " embedded Redis server(s) at " + urls + " (pottery.embedded.enabled=true)");
	}

	/**
	 * The name of a bean of connection details for Redis other than Spring Boot's own (which merely reads
	 * {@code spring.data.redis.*}), or {@code null}.
	 */
	static @Nullable String connectionDetails(ConfigurableListableBeanFactory beanFactory) {
		ClassLoader classLoader = EmbeddedRedisEnvironmentPostProcessor.class.getClassLoader();
		if (!ClassUtils.isPresent(CONNECTION_DETAILS, classLoader)) {
			return null;
		}
		Class<?> type = ClassUtils.resolveClassName(CONNECTION_DETAILS, classLoader);
		for (String name : beanFactory.getBeanNamesForType(type, true, false)) {
			Class<?> actual = beanFactory.getType(name, false);
			if (actual == null || !actual.getName().equals(PROPERTIES_CONNECTION_DETAILS)) {
				return name;
			}
		}
		return null;
	}

	/**
	 * {@code pottery.embedded.redis-server} from any property source (application.yml included) names the executable;
	 * it is handed on as the system property that {@code dev.pottery.embedded} reads, unless that is set already.
	 */
	static void applyRedisServer(ConfigurableEnvironment environment) {
		String configured = environment.getProperty(REDIS_SERVER_PROPERTY);
		if (configured == null || configured.isBlank() || System.getProperty(REDIS_SERVER_PROPERTY) != null) {
			return;
		}
		if (!Files.isExecutable(Paths.get(configured))) {
			throw new InvalidPotteryPropertyException(REDIS_SERVER_PROPERTY, configured,
					"there is no executable file at this path",
					"give the path of a redis-server executable, or remove the property to use the one shipped in "
							+ "org.signal:embedded-redis");
		}
		System.setProperty(REDIS_SERVER_PROPERTY, configured);
	}

	private record Stopper(AtomicReference<@Nullable EmbeddedRedisServers> servers)
			implements ApplicationListener<ApplicationEvent> {

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
				EmbeddedRedisServers started = this.servers.getAndSet(null);
				if (started != null) {
					started.close();
				}
			}
		}

	}

}
