package dev.pottery.autoconfigure;

import java.util.List;

import org.springframework.boot.autoconfigure.service.connection.ConnectionDetails;

/**
 * Where the default Redlock masters are, as a bean: when one exists, it replaces {@code pottery.redlock.masters},
 * the way Spring Boot's {@code DataRedisConnectionDetails} replaces {@code spring.data.redis.*}. Tests use it to
 * point the masters at servers (or containers) started at runtime.
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
	 * The URLs of the independent masters ({@code redis://[[user]:password@]host[:port][/db]} or
	 * {@code rediss://...}); empty: the application's own Redis is the only master.
	 * @return the URLs
	 */
	List<String> getUrls();

}
