package dev.pottery.autoconfigure;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.health.PotteryHealthContributorAutoConfiguration;
import dev.pottery.cache.RedisCache;
import dev.pottery.collections.RedisMap;
import dev.pottery.embedded.EmbeddedRedisServer;
import dev.pottery.autoconfigure.integration.RedlockLockRegistry;
import dev.pottery.lock.Redlock;
import dev.pottery.test.TlsCertificates;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Pottery end to end over TLS ({@code rediss://}, certificates generated at test time) as an ACL user granted only
 * the commands Pottery needs ({@link #POTTERY_COMMANDS}, the list in the README): structures, caches, Redlock and
 * NextId on three TLS masters, verifying the servers' certificate (Spring Boot SSL bundle for the application's
 * Redis, the JVM trust store for the masters). And a failing run with a wrong password, whose logs, health details,
 * exception messages and {@code toString}s never show the secret.
 */
@ExtendWith(OutputCaptureExtension.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class TlsAclTests {

	/** What the ACL user may run: the README's list. */
	static final String POTTERY_COMMANDS = "+hello +auth +ping +client|setname +select +info +publish +subscribe +unsubscribe +pubsub|numsub "
			+ "+evalsha +eval +script|load "
			+ "+exists +type +del +unlink +pexpire +pttl +persist +copy "
			+ "+get +set +strlen +hget +hset +hdel +hlen +hmget +hgetall +hscan +hexists +hincrby +hvals +hkeys "
			+ "+sadd +srem +scard +smembers +sismember +smismember +sscan "
			+ "+lpush +rpush +lpop +rpop +llen +lindex +lrange +lset +lrem +linsert +ltrim +lpos "
			+ "+xadd +xdel +xlen +xrange +xread +zadd +zrangebyscore +zrem +time +wait "
			+ "+pfadd +pfcount +pfmerge +setbit +getbit +bitcount +bitfield";

	private static final String USER = "pottery-app";

	private static final String SECRET = "s3cret-Pa55word-never-logged";

	private static final String WRONG = "wr0ng-Pa55word-never-logged";

	private static TlsCertificates certificates;

	private static final List<EmbeddedRedisServer> servers = new ArrayList<>();

	private static final List<Integer> tlsPorts = new ArrayList<>();

	private static final Map<String, String> savedProperties = new java.util.HashMap<>();

	@BeforeAll
	static void startTlsServers() throws Exception {
		certificates = TlsCertificates.generate();
		for (int i = 0; i < 3; i++) {
			int tlsPort = freePort();
			EmbeddedRedisServer server = EmbeddedRedisServer.builder()
				.setting("tls-port", Integer.toString(tlsPort))
				.setting("tls-cert-file", certificates.certificate().toString())
				.setting("tls-key-file", certificates.privateKey().toString())
				.setting("tls-ca-cert-file", certificates.certificate().toString())
				.setting("tls-auth-clients", "no")
				.start();
			servers.add(server);
			tlsPorts.add(tlsPort);
			RedisClient admin = RedisClient.create(server.url());
			try (StatefulRedisConnection<String, String> connection = admin.connect()) {
				List<Object> rule = new ArrayList<>(List.of("SETUSER", USER, "reset", "on", ">" + SECRET, "~*", "&*"));
				rule.addAll(List.of(POTTERY_COMMANDS.split(" ")));
				connection.sync()
					.dispatch(io.lettuce.core.protocol.CommandType.ACL, new io.lettuce.core.output.StatusOutput<>(
							io.lettuce.core.codec.StringCodec.UTF8), args(rule));
			}
			finally {
				admin.shutdown();
			}
		}
		// the masters' clients verify the servers' certificate against the JVM's trust store
		for (String name : List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
				"javax.net.ssl.trustStoreType")) {
			savedProperties.put(name, System.getProperty(name));
		}
		System.setProperty("javax.net.ssl.trustStore", certificates.trustStore().toString());
		System.setProperty("javax.net.ssl.trustStorePassword", TlsCertificates.PASSWORD);
		System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
	}

	@AfterAll
	static void stopTlsServers() {
		savedProperties.forEach((name, value) -> {
			if (value == null) {
				System.clearProperty(name);
			}
			else {
				System.setProperty(name, value);
			}
		});
		servers.forEach(EmbeddedRedisServer::close);
	}

	private static io.lettuce.core.protocol.CommandArgs<String, String> args(List<Object> values) {
		io.lettuce.core.protocol.CommandArgs<String, String> args = new io.lettuce.core.protocol.CommandArgs<>(
				io.lettuce.core.codec.StringCodec.UTF8);
		values.forEach((value) -> args.add(value.toString()));
		return args;
	}

	private static int freePort() throws Exception {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

	private static String tlsUrl(int index, String password) {
		return "rediss://" + USER + ":" + password + "@127.0.0.1:" + tlsPorts.get(index);
	}

	private ApplicationContextRunner runner(String password) {
		String masters = java.util.stream.IntStream.range(0, 3)
			.mapToObj((i) -> tlsUrl(i, password))
			.collect(Collectors.joining(","));
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(SslAutoConfiguration.class, DataRedisAutoConfiguration.class,
					PotteryAutoConfiguration.class, PotteryHealthContributorAutoConfiguration.class,
					dev.pottery.autoconfigure.integration.PotteryIntegrationAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + tlsUrl(0, password),
					"spring.data.redis.ssl.bundle=pottery-test",
					"spring.ssl.bundle.pem.pottery-test.truststore.certificate=file:" + certificates.certificate(),
					"spring.data.redis.timeout=10s", "pottery.redlock.masters=" + masters,
					"pottery.redlock.master-timeout=5s");
	}

	@Test
	void structuresCachesRedlockAndNextIdRunOverTlsAsTheAclUser() {
		for (EmbeddedRedisServer server : servers) {
			RedisClient admin = RedisClient.create(server.url());
			try (StatefulRedisConnection<String, String> connection = admin.connect()) {
				connection.sync()
					.dispatch(io.lettuce.core.protocol.CommandType.ACL,
							new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
							args(List.of("LOG", "RESET")));
			}
			finally {
				admin.shutdown();
			}
		}
		this.runner(SECRET).run((context) -> {
			Pottery pottery = context.getBean(Pottery.class);
			RedisMap<String, Integer> map = pottery.map("tls:map", String.class, Integer.class);
			map.put("a", 1);
			assertThat(map.get("a")).isEqualTo(1);
			assertThat(map.entrySet()).hasSize(1);
			map.clear();
			var counter = pottery.counter("tls:counter", String.class);
			counter.increment("x", 2);
			counter.update(Map.of("y", 1L));
			assertThat(counter.get("x")).isEqualTo(2L);
			counter.clear();
			var set = pottery.set("tls:set", String.class);
			set.add("a");
			assertThat(set.contains("a")).isTrue();
			assertThat(set).containsExactly("a");
			set.clear();
			var list = pottery.list("tls:list", String.class);
			list.add("a");
			list.add(0, "b");
			assertThat(list).containsExactly("b", "a");
			list.clear();
			var deque = pottery.deque("tls:deque", String.class);
			deque.offerFirst("a");
			assertThat(deque.pollLast()).isEqualTo("a");
			var queue = pottery.queue("tls:queue", String.class);
			queue.offer("a");
			assertThat(queue.poll()).isEqualTo("a");
			queue.clear();
			var bloom = pottery.bloomFilter("tls:bloom", 100, 0.01, String.class);
			bloom.add("a");
			assertThat(bloom.mightContain("a")).isTrue();
			assertThat(bloom.containsMany("a", "b")).hasSize(2);
			var hll = pottery.hyperLogLog("tls:hll", String.class);
			hll.add("a");
			assertThat(hll.size()).isOne();
			RedisCache<Integer> cache = pottery.cache("tls:cache", Integer.class);
			assertThat(cache.get(List.of(1), () -> 1)).isOne();
			assertThat(cache.get(List.of(1), () -> 2)).isOne();
			assertThat(cache.evict(List.of(1))).isTrue();
			Redlock lock = pottery.redlock("tls:lock");
			try (Redlock.Held held = lock.acquire()) {
				assertThat(held.lock().isHeldByCurrentInstance()).isTrue();
			}
			var registryLock = context.getBean(RedlockLockRegistry.class).obtain("tls");
			assertThat(registryLock.tryLock(30, TimeUnit.SECONDS)).isTrue();
			registryLock.unlock();
			assertThat(pottery.nextId("tls:ids").next()).isPositive();
			Health health = context.getBean("potteryHealthIndicator", HealthIndicator.class).health(true);
			assertThat(health.getStatus().getCode()).isEqualTo("UP");
			for (EmbeddedRedisServer server : servers) {
				RedisClient admin = RedisClient.create(server.url());
				try (StatefulRedisConnection<String, String> connection = admin.connect()) {
					// nothing was denied: the user's commands are all Pottery needed
					assertThat(connection.sync()
						.dispatch(io.lettuce.core.protocol.CommandType.ACL,
								new io.lettuce.core.output.ArrayOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
								args(List.of("LOG"))))
						.isEmpty();
					connection.sync().del("tls:bloom", "tls:hll", "tls:cache", "nextid:tls:ids");
				}
				finally {
					admin.shutdown();
				}
			}
		});
	}

	@Test
	void aWrongPasswordNeverAppearsInLogsHealthExceptionsOrToString(CapturedOutput output) {
		List<String> seen = new ArrayList<>();
		this.runner(WRONG).run((context) -> {
			seen.add(String.valueOf(context.getStartupFailure()));
			if (context.getStartupFailure() != null) {
				seen.add(stackTrace(context.getStartupFailure()));
				return;
			}
			Pottery pottery = context.getBean(Pottery.class);
			seen.add(pottery.toString());
			seen.add(pottery.masters().toString());
			seen.add(String.valueOf(pottery.masters().urls()));
			seen.add(context.getBean(RedisConnectionFactory.class).toString());
			RedisMap<String, Integer> map = pottery.map("tls:map", String.class, Integer.class);
			seen.add(map.toString());
			seen.add(failure(() -> map.put("a", 1)));
			RedisCache<Integer> cache = pottery.cache("tls:cache", Integer.class);
			seen.add(cache.toString());
			seen.add(failure(() -> cache.get(List.of(1), () -> 1)));
			Redlock lock = pottery.redlock("tls:lock", pottery.redlockOptions().toBuilder()
				.raiseOnRedisErrors(true)
				.build());
			seen.add(lock.toString());
			seen.add(failure(lock::tryLock));
			seen.add(failure(() -> pottery.nextId("tls:ids").next()));
			RedlockLockRegistry registry = context.getBean(RedlockLockRegistry.class);
			seen.add(registry.toString());
			seen.add(registry.obtain("tls").toString());
			Health health = context.getBean("potteryHealthIndicator", HealthIndicator.class).health(true);
			seen.add(health.getStatus() + " " + health.getDetails());
			assertThat(health.getStatus().getCode()).isEqualTo("DOWN");
		});
		seen.add(output.getAll());
		String everything = String.join("\n", seen);
		assertThat(everything).contains("WRONGPASS").doesNotContain(WRONG).doesNotContain(SECRET);
	}

	@Test
	void theReadmeExampleBindsToTheRealProperties() throws Exception {
		// the README's TLS example, kept next to this test so that ReadmeTests finds its lines
		java.nio.file.Path example = java.nio.file.Path.of("src/test/java/dev/pottery/autoconfigure/tls-example.yml");
		var sources = new org.springframework.boot.env.YamlPropertySourceLoader().load("tls-example",
				new org.springframework.core.io.FileSystemResource(example));
		org.springframework.core.env.StandardEnvironment environment = new org.springframework.core.env.StandardEnvironment();
		sources.forEach(environment.getPropertySources()::addFirst);
		environment.getPropertySources()
			.addLast(new org.springframework.core.env.MapPropertySource("secret", Map.of("REDIS_PASSWORD", SECRET)));
		var binder = org.springframework.boot.context.properties.bind.Binder.get(environment);
		assertThat(binder.bind("spring.data.redis.ssl.bundle", String.class).get()).isEqualTo("redis");
		assertThat(binder.bind("spring.ssl.bundle.pem.redis.truststore.certificate", String.class).get())
			.startsWith("file:");
		PotteryProperties properties = binder.bind("pottery", PotteryProperties.class).get();
		assertThat(properties.getRedlock().getMasters()).hasSize(3)
			.allSatisfy((url) -> assertThat(url).startsWith("rediss://pottery-app:" + SECRET + "@"));
	}

	private static String failure(Runnable action) {
		try {
			action.run();
			return "no failure";
		}
		catch (RuntimeException ex) {
			return stackTrace(ex);
		}
	}

	private static String stackTrace(Throwable ex) {
		StringWriter writer = new StringWriter();
		ex.printStackTrace(new PrintWriter(writer));
		return writer.toString();
	}

}
