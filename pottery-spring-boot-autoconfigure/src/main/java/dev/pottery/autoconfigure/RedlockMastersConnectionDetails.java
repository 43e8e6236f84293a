package dev.pottery.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the default Redlock masters are, as a bean: when one or more exist, their URLs (in bean order) replace
 * {@code pottery.redlock.masters}, the way Spring Boot's {@code DataRedisConnectionDetails} replaces
 * {@code spring.data.redis.*}. Tests use it to point the masters at servers (or containers) started at runtime.
 * <p>
 * With {@code spring-boot-testcontainers} on the test classpath, each static container field annotated
 * {@code @ServiceConnection(name = "redlock")} ({@link #SERVICE_CONNECTION_NAME}) is one master, and a test class
 * with several such fields gets one bean naming all of them, in declaration order:
 *
 * <pre>{@code
 * @Container
 * @ServiceConnection(name = "redlock")
 * static GenericContainer<?> master1 = new GenericContainer<>("redis:7.0").withExposedPorts(6379);
 * }</pre>
 *
 * Or by hand:
 *
 * <pre>{@code
 * @Bean
 * RedlockMastersConnectionDetails redlockMasters() {
 *     return () -> List.of("redis://localhost:6379", "redis://localhost:6380", "redis://localhost:6381");
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface RedlockMastersConnectionDetails extends ConnectionDetails {

	/**
	 * The {@code @ServiceConnection} name that makes a container a Redlock master: {@value}.
	 */
	String SERVICE_CONNECTION_NAME = "redlock";

	/**
	 * The URLs of the independent masters ({@code redis://[[user]:password@]host[:port][/db]} or
	 * {@code rediss://...}); empty: the application's own Redis is the only master.
	 * @return the URLs
	 */
	List<String> getUrls();

}
