package dev.pottery.autoconfigure.integration;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.integration.support.locks.LockRegistry;

/**
 * Auto-configuration of a {@link RedlockLockRegistry} (registry key {@value #REGISTRY_KEY}, on the default Redlock
 * masters with the configured {@code pottery.redlock.*} options) when Spring Integration is on the classpath and no
 * other {@link LockRegistry} bean is defined.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = PotteryAutoConfiguration.class)
@ConditionalOnClass(LockRegistry.class)
@ConditionalOnBean(Pottery.class)
public final class PotteryIntegrationAutoConfiguration {

	/** The registry key of the auto-configured registry: its locks are {@code redlock:integration:<key>}. */
	public static final String REGISTRY_KEY = "integration";

	@Bean
	@ConditionalOnMissingBean(LockRegistry.class)
	RedlockLockRegistry potteryLockRegistry(Pottery pottery) {
		// pottery.key-prefix applies as to every lock: redlock:<key-prefix>integration:<key>
		return new RedlockLockRegistry(pottery.masters(), pottery.keyPrefix() + REGISTRY_KEY, pottery.redlockOptions());
	}

}
