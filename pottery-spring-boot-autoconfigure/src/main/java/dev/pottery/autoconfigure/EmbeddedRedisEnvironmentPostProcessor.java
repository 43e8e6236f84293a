package dev.pottery.autoconfigure;

import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.pottery.embedded.EmbeddedRedisServers;
import org.apache.commons.logging.Log;

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
 * {@code spring.data.redis.sentinel.nodes} unset) and outside AOT processing, starts {@code pottery.embedded.masters} embedded Redis servers before the
 * context refreshes, points {@code spring.data.redis.url} at the first (and {@code pottery.redlock.masters} at all
 * of them when there are several), and stops them when the context closes.
 */
final class EmbeddedRedisEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

	static final String PROPERTY_SOURCE_NAME = "potteryEmbeddedRedis";

	/** The system property Spring's AOT processing sets while it runs. */
	static final String AOT_PROCESSING = "spring.aot.processing";

	static final String REDIS_SERVER_PROPERTY = "pottery.embedded.redis-server";

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
		EmbeddedRedisServers servers = EmbeddedRedisServers.start(count);
		Map<String, Object> properties = new LinkedHashMap<>();
		List<String> urls = servers.urls();
		properties.put("spring.data.redis.url", urls.get(0));
		if (urls.size() > 1 && !binder.bind("pottery.redlock.masters", List.class).isBound()) {
			for (int i = 0; i < urls.size(); i++) {
				properties.put("pottery.redlock.masters[" + i + "]", urls.get(i));
			}
		}
		environment.getPropertySources().addFirst(new MapPropertySource(PROPERTY_SOURCE_NAME, properties));
		application.addListeners(new Stopper(servers));
		this.logger.info("Started " + count + " embedded Redis server(s) at " + urls + " (pottery.embedded.enabled=true)");
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

	private record Stopper(EmbeddedRedisServers servers) implements ApplicationListener<ApplicationEvent> {

		@Override
		public void onApplicationEvent(ApplicationEvent event) {
			if (event instanceof ContextClosedEvent || event instanceof ApplicationFailedEvent) {
				this.servers.close();
			}
		}

	}

}
