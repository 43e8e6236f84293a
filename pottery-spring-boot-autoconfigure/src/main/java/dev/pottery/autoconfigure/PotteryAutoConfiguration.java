package dev.pottery.autoconfigure;

import dev.pottery.codec.PotteryJson;
import dev.pottery.collections.RedisCollections;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of Pottery for Spring: the {@link PotteryJson} codec and the factories of Pottery's
 * structures, on the application's {@link RedisConnectionFactory}.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ RedisConnectionFactory.class, JsonMapper.class })
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
@EnableConfigurationProperties(PotteryProperties.class)
public final class PotteryAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	PotteryJson potteryJson(ObjectProvider<PotteryJsonCustomizer> customizers) {
		JsonMapper.Builder builder = PotteryJson.defaultMapperBuilder();
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return PotteryJson.of(builder.build());
	}

	@Bean
	@ConditionalOnMissingBean
	RedisCollections redisCollections(RedisConnectionFactory connectionFactory, PotteryJson potteryJson) {
		return new RedisCollections(connectionFactory, potteryJson);
	}

}
