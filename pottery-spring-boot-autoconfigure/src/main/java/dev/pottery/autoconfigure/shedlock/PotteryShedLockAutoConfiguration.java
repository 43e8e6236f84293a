package dev.pottery.autoconfigure.shedlock;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of a {@link RedlockLockProvider} (locks {@code redlock:shedlock:<job>}, on the default Redlock
 * masters with the configured {@code pottery.redlock.*} options) when ShedLock is on the classpath and no other
 * {@link LockProvider} bean is defined. Enabling {@code @SchedulerLock} ({@code @EnableSchedulerLock}, from
 * {@code shedlock-spring}) stays the application's choice.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = PotteryAutoConfiguration.class)
@ConditionalOnClass(LockProvider.class)
@ConditionalOnBean(Pottery.class)
public final class PotteryShedLockAutoConfiguration {

	/** The prefix of the auto-configured provider's locks. */
	public static final String PREFIX = "shedlock";

	@Bean
	@ConditionalOnMissingBean(LockProvider.class)
	RedlockLockProvider potteryLockProvider(Pottery pottery) {
		// pottery.key-prefix applies as to every lock: redlock:<key-prefix>shedlock:<name>
		return new RedlockLockProvider(pottery.masters(), pottery.keyPrefix() + PREFIX, pottery.redlockOptions());
	}

}
