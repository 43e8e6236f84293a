package dev.pottery.autoconfigure.health;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of the {@code pottery} health contributor, {@link PotteryHealthIndicator}, over the masters of
 * the {@link Pottery} facade, when Spring Boot's health classes are present; switched off with
 * {@code management.health.pottery.enabled=false}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = PotteryAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(Pottery.class)
@Import(PotteryHealthContributorAutoConfiguration.IndicatorConfiguration.class)
public final class PotteryHealthContributorAutoConfiguration {

	/**
	 * The indicator, apart so that its enablement condition (a class of the optional health module) is only loaded
	 * once the health classes are known to be present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnEnabledHealthIndicator("pottery")
	static class IndicatorConfiguration {

		@Bean
		@ConditionalOnMissingBean(name = { "potteryHealthIndicator", "potteryHealthContributor" })
		PotteryHealthIndicator potteryHealthIndicator(Pottery pottery,
				ObjectProvider<RedisConnectionFactory> connectionFactory) {
			return new PotteryHealthIndicator(pottery.masters(), pottery.groups(),
					pottery.redlockOptions().masterTimeout(), connectionFactory.getIfUnique());
		}

	}

}
