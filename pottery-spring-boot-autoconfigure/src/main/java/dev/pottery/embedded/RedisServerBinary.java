package dev.pottery.embedded;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

import org.jspecify.annotations.Nullable;

/**
 * Finds the {@code redis-server} executable: an explicit path, or the static binary shipped in
 * {@code org.signal:embedded-redis}, extracted once per version and platform to a cache directory.
 */
final class RedisServerBinary {

	/** System property naming a {@code redis-server} executable to use instead of the shipped one. */
	static final String BINARY_PROPERTY = "pottery.embedded.redis-server";

	/** Environment variable naming a {@code redis-server} executable to use instead of the shipped one. */
	static final String BINARY_ENV = "POTTERY_REDIS_SERVER";

	/** The Redis version shipped by the {@code org.signal:embedded-redis} release we depend on. */
	static final String SHIPPED_VERSION = "7.0.15";

	private static volatile @Nullable Path resolved;

	private RedisServerBinary() {
	}

	static Path resolve() {
		Path path = resolved;
		if (path == null) {
			synchronized (RedisServerBinary.class) {
				path = resolved;
				if (path == null) {
					path = locate();
					resolved = path;
				}
			}
		}
		return path;
	}

	private static Path locate() {
		String explicit = System.getProperty(BINARY_PROPERTY);
		if (explicit == null || explicit.isBlank()) {
			explicit = System.getenv(BINARY_ENV);
		}
		if (explicit != null && !explicit.isBlank()) {
			Path path = Paths.get(explicit);
			if (!Files.isExecutable(path)) {
				throw new EmbeddedRedisException("The redis-server named by -D" + BINARY_PROPERTY + " or "
						+ BINARY_ENV + " is not an executable file: " + path);
			}
			return path;
		}
		String resource = resourceName(platform());
		try (InputStream in = RedisServerBinary.class.getClassLoader().getResourceAsStream(resource)) {
			if (in == null) {
				throw new EmbeddedRedisException("No embedded redis-server binary '" + resource
						+ "' on the classpath: add the dependency org.signal:embedded-redis, or set -D" + BINARY_PROPERTY
						+ "=/path/to/redis-server, or use an external Redis (spring.data.redis.url; for tests "
						+ "POTTERY_TEST_REDIS_URL)");
			}
			return extract(in, resource);
		}
		catch (IOException ex) {
			throw new EmbeddedRedisException("Could not extract " + resource + " to " + cacheDirectory()
					+ ": " + ex.getMessage() + "; set -Djava.io.tmpdir to a writable directory or -D"
					+ BINARY_PROPERTY + "=/path/to/redis-server", ex);
		}
	}

	/** The platform as {@code os-arch} in the naming of the shipped binaries, for example {@code linux-amd64}. */
	static String platform() {
		String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
		String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
		String osName;
		if (os.contains("linux")) {
			osName = "linux";
		}
		else if (os.contains("mac") || os.contains("darwin")) {
			osName = "darwin";
		}
		else {
			throw unsupported(os, arch);
		}
		String archName = switch (arch) {
			case "amd64", "x86_64" -> "amd64";
			case "aarch64", "arm64" -> "arm64";
			case "x86", "i386", "i486", "i586", "i686" -> "386";
			default -> throw unsupported(os, arch);
		};
		if (osName.equals("darwin") && archName.equals("386")) {
			throw unsupported(os, arch);
		}
		return osName + "-" + archName;
	}

	static String resourceName(String platform) {
		return "redis-server-" + SHIPPED_VERSION + "-" + platform;
	}

	private static EmbeddedRedisException unsupported(String os, String arch) {
		return new EmbeddedRedisException("No embedded redis-server is shipped for " + os + "/" + arch
				+ " (shipped: linux amd64/arm64/386, macOS amd64/arm64): install Redis 7 and set -D" + BINARY_PROPERTY
				+ "=/path/to/redis-server, or use an external Redis (spring.data.redis.url; for tests "
				+ "POTTERY_TEST_REDIS_URL)");
	}

	private static Path cacheDirectory() {
		return Paths.get(System.getProperty("java.io.tmpdir"), "pottery-redis-" + SHIPPED_VERSION);
	}

	private static Path extract(InputStream in, String resource) throws IOException {
		Path directory = Files.createDirectories(cacheDirectory());
		Path target = directory.resolve(resource);
		if (Files.isExecutable(target)) {
			return target;
		}
		Path partial = Files.createTempFile(directory, resource, ".part");
		try {
			Files.copy(in, partial, StandardCopyOption.REPLACE_EXISTING);
			if (!partial.toFile().setExecutable(true, false)) {
				throw new IOException("cannot make " + partial + " executable");
			}
			try {
				Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
			}
			catch (AtomicMoveNotSupportedException | FileAlreadyExistsException ex) {
				Files.move(partial, target, StandardCopyOption.REPLACE_EXISTING);
			}
		}
		finally {
			Files.deleteIfExists(partial);
		}
		return target;
	}

}
