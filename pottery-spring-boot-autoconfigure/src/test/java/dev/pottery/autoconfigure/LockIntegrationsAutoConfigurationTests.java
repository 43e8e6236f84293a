package dev.pottery.autoconfigure;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;

import dev.pottery.autoconfigure.integration.PotteryIntegrationAutoConfiguration;
import dev.pottery.autoconfigure.shedlock.PotteryShedLockAutoConfiguration;
import dev.pottery.autoconfigure.integration.RedlockLockRegistry;
import dev.pottery.autoconfigure.shedlock.RedlockLockProvider;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The conditions of {@link PotteryIntegrationAutoConfiguration} and {@link PotteryShedLockAutoConfiguration}: library
 * present or absent, a user-defined bean wins, no Pottery no bean; and the auto-configured beans lock on a real Redis.
 */
@RealRedis
class LockIntegrationsAutoConfigurationTests {

	private final RedisServer redis;

	private final ApplicationContextRunner runner;

	LockIntegrationsAutoConfigurationTests(RedisServer redis) {
		this.redis = redis;
		this.runner = new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class, PotteryAutoConfiguration.class,
					PotteryIntegrationAutoConfiguration.class, PotteryShedLockAutoConfiguration.class))
			.withPropertyValues("spring.data.redis.url=" + redis.url(), "pottery.redlock.master-timeout=5s");
	}

	@Test
	void withBothLibrariesBothBeansLockOnTheRedlockMasters() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(RedlockLockRegistry.class).hasSingleBean(RedlockLockProvider.class);
			Lock lock = context.getBean(LockRegistry.class).obtain("auto-configured");
			assertThat(lock.tryLock(30, TimeUnit.SECONDS)).isTrue();
			assertThat(this.redis.commands().exists("redlock:integration:auto-configured")).isOne();
			lock.unlock();
			Optional<SimpleLock> job = context.getBean(LockProvider.class)
				.lock(new LockConfiguration(java.time.Instant.now(), "auto-configured", Duration.ofMinutes(1),
						Duration.ZERO));
			assertThat(job).isPresent();
			assertThat(this.redis.commands().exists("redlock:shedlock:auto-configured")).isOne();
			job.get().unlock();
			assertThat(this.redis.commands().exists("redlock:shedlock:auto-configured")).isZero();
		});
	}

	@Test
	void theKeyPrefixAppliesToTheirLocksAsToEveryLock() {
		this.runner.withPropertyValues("pottery.key-prefix=shop:").run((context) -> {
			Lock lock = context.getBean(LockRegistry.class).obtain("prefixed");
			assertThat(lock.tryLock(30, TimeUnit.SECONDS)).isTrue();
			assertThat(this.redis.commands().exists("redlock:shop:integration:prefixed")).isOne();
			lock.unlock();
			Optional<SimpleLock> job = context.getBean(LockProvider.class)
				.lock(new LockConfiguration(java.time.Instant.now(), "prefixed", Duration.ofMinutes(1),
						Duration.ZERO));
			assertThat(job).isPresent();
			assertThat(this.redis.commands().exists("redlock:shop:shedlock:prefixed")).isOne();
			job.get().unlock();
		});
	}

	@Test
	void withoutSpringIntegrationThereIsNoLockRegistry() {
		this.runner.withClassLoader(new FilteredClassLoader(LockRegistry.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(RedlockLockRegistry.class);
			assertThat(context).hasSingleBean(RedlockLockProvider.class);
		});
	}

	@Test
	void withoutShedLockThereIsNoLockProvider() {
		this.runner.withClassLoader(new FilteredClassLoader(LockProvider.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(RedlockLockProvider.class);
			assertThat(context).hasSingleBean(RedlockLockRegistry.class);
		});
	}

	@Test
	void userDefinedBeansWin() {
		LockProvider own = (configuration) -> Optional.empty();
		this.runner.withBean(LockRegistry.class, DefaultLockRegistry::new)
			.withBean(LockProvider.class, () -> own)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(RedlockLockRegistry.class).doesNotHaveBean(RedlockLockProvider.class);
				assertThat(context.getBean(LockRegistry.class)).isInstanceOf(DefaultLockRegistry.class);
				assertThat(context.getBean(LockProvider.class)).isSameAs(own);
			});
	}

	@Test
	void withoutPotteryThereAreNoLockBeans() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(PotteryIntegrationAutoConfiguration.class,
					PotteryShedLockAutoConfiguration.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LockRegistry.class)
				.doesNotHaveBean(LockProvider.class));
	}

	@Test
	void creatingTheBeansCostsNoRoundTrip() {
		this.runner.withPropertyValues("pottery.redlock.masters=redis://127.0.0.1:1").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context.getBean(LockRegistry.class).obtain("nowhere")).isNotNull();
		});
	}

}
