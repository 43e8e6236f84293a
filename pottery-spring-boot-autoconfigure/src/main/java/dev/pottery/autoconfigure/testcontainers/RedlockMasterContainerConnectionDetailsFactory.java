package dev.pottery.autoconfigure.testcontainers;

import java.util.List;

import dev.pottery.autoconfigure.RedlockMastersConnectionDetails;
import org.testcontainers.containers.Container;

import org.springframework.boot.testcontainers.service.connection.ContainerConnectionDetailsFactory;
import org.springframework.boot.testcontainers.service.connection.ContainerConnectionSource;

/**
 * {@link RedlockMastersConnectionDetails} for a container annotated
 * {@code @ServiceConnection(name = "redlock")}: the container's Redis (port 6379, mapped) is one Redlock master.
 * Spring Boot registers one connection details bean per type, so with several such containers among a test class's
 * fields {@link RedlockMastersContextCustomizerFactory} registers a single bean naming all of them.
 */
class RedlockMasterContainerConnectionDetailsFactory
		extends ContainerConnectionDetailsFactory<Container<?>, RedlockMastersConnectionDetails> {

	static final int REDIS_PORT = 6379;

	RedlockMasterContainerConnectionDetailsFactory() {
		super(RedlockMastersConnectionDetails.SERVICE_CONNECTION_NAME);
	}

	@Override
	protected RedlockMastersConnectionDetails getContainerConnectionDetails(
			ContainerConnectionSource<Container<?>> source) {
		return new RedlockMasterContainerConnectionDetails(source);
	}

	/** The URL of the Redis server in a started container. */
	static String url(Container<?> container) {
		return "redis://" + container.getHost() + ":" + container.getMappedPort(REDIS_PORT);
	}

	private static final class RedlockMasterContainerConnectionDetails
			extends ContainerConnectionDetails<Container<?>> implements RedlockMastersConnectionDetails {

		private RedlockMasterContainerConnectionDetails(ContainerConnectionSource<Container<?>> source) {
			super(source);
		}

		@Override
		public List<String> getUrls() {
			return List.of(url(getContainer()));
		}

	}

}
