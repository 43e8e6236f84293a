package dev.pottery.autoconfigure.health;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code pottery} health contributor, {@link PotteryHealthIndicator}, over the masters of
 * the {@link Pottery} facade; switched off with {@code management.health.pottery.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = PotteryAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Pottery.class)
@ConditionalOnEnabledHealthIndicator("pottery")
public final class PotteryHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = { "potteryHealthIndicator", "potteryHealthContributor" })
	PotteryHealthIndicator potteryHealthIndicator(Pottery pottery) {
		return new PotteryHealthIndicator(pottery.masters(), pottery.groups(), pottery.redlockOptions().masterTimeout());
	}

}
