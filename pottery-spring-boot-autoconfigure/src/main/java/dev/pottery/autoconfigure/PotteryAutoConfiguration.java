package dev.pottery.autoconfigure;

import java.util.List;
import java.util.Locale;

import dev.pottery.Pottery;
import dev.pottery.codec.PotteryJson;
import dev.pottery.Durability;
import dev.pottery.internal.PotteryConnection;
import dev.pottery.id.NextIdOptions;
import dev.pottery.lock.RedlockOptions;
import dev.pottery.lock.Masters;
import dev.pottery.observation.PotteryRecorder;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.data.redis.connection.RedisConnectionFactory;

/**
 * Auto-configuration of Pottery for Spring on the application's {@link RedisConnectionFactory}: the
 * {@link PotteryJson} codec, the Redlock {@link Masters}, the {@link Pottery} facade and one bean per entry of
 * {@code pottery.structures}. A {@link PotteryRecorder} bean (the observation auto-configuration defines one), if
 * any, receives lock, NextId, cache and quorum timings.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DataRedisAutoConfiguration.class)
@ConditionalOnClass({ RedisConnectionFactory.class, JsonMapper.class })
@ConditionalOnSingleCandidate(RedisConnectionFactory.class)
@EnableConfigurationProperties(PotteryProperties.class)
@Import(StructureBeansRegistrar.class)
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
	Masters potteryMasters(PotteryProperties properties, RedisConnectionFactory connectionFactory,
			ObjectProvider<RedlockMastersConnectionDetails> connectionDetails) {
		// every RedlockMastersConnectionDetails bean, in order, names masters (one per container in tests)
		List<RedlockMastersConnectionDetails> details = connectionDetails.orderedStream().toList();
		List<String> urls = details.isEmpty() ? properties.getRedlock().getMasters()
				: details.stream().flatMap((each) -> each.getUrls().stream()).toList();
		String property = details.isEmpty() ? "pottery.redlock.masters" : "RedlockMastersConnectionDetails.urls";
		return urls.isEmpty() ? MastersGroups.applicationRedis(connectionFactory)
				: MastersGroups.masters(property, urls);
	}

	@Bean
	@ConditionalOnMissingBean
	MastersGroups potteryMastersGroups(PotteryProperties properties) {
		return MastersGroups.of(properties.getRedlock().getGroups());
	}

	/**
	 * The connection Pottery's structures run on: for a Lettuce factory, a sibling on the same servers (same
	 * configuration and client options) whose client never re-sends an unanswered command after a reconnect, so
	 * that no effect is applied twice; the application's factory is left unchanged.
	 */
	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	PotteryConnection potteryConnection(RedisConnectionFactory connectionFactory) {
		return PotteryConnection.of(connectionFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	Pottery pottery(PotteryConnection potteryConnection, PotteryJson potteryJson, Masters potteryMasters,
			MastersGroups potteryMastersGroups, PotteryProperties properties, ObjectProvider<PotteryRecorder> recorder) {
		PotteryProperties.Redlock redlock = properties.getRedlock();
		RedlockOptions redlockOptions;
		NextIdOptions nextIdOptions;
		try {
			redlockOptions = RedlockOptions.builder()
				.autoReleaseTime(redlock.getAutoReleaseTime())
				.numExtensions(redlock.getNumExtensions())
				.retryDelay(redlock.getRetryDelay())
				.masterTimeout(redlock.getMasterTimeout())
				.clockDriftFactor(redlock.getClockDriftFactor())
				.raiseOnRedisErrors(redlock.isRaiseOnRedisErrors())
				.build();
			nextIdOptions = NextIdOptions.builder()
				.masterTimeout(redlock.getMasterTimeout())
				.raiseOnRedisErrors(redlock.isRaiseOnRedisErrors())
				.build();
		}
		catch (IllegalArgumentException ex) {
			String field = redlockField(String.valueOf(ex.getMessage()));
			if (field != null) {
				throw new InvalidPotteryPropertyException("pottery.redlock." + field, redlockValue(redlock, field),
						ex.getMessage(), "use a positive auto-release-time and master-timeout, num-extensions >= 0, "
								+ "a retry-delay >= 0 and a clock-drift-factor in [0, 1)",
						ex);
			}
			throw new InvalidPotteryPropertyException("pottery.redlock", null, ex.getMessage(),
					"use a positive auto-release-time and master-timeout, num-extensions >= 0, a retry-delay >= 0 and "
							+ "a clock-drift-factor in [0, 1)",
					ex);
		}
		if (properties.getCache().getDefaultTimeout().isNegative()) {
			throw new InvalidPotteryPropertyException("pottery.cache.default-timeout",
					properties.getCache().getDefaultTimeout().toString(), "a timeout cannot be negative",
					"use a duration such as 60s or 10m, or 0 for no expiry");
		}
		Pottery pottery = new Pottery(potteryConnection.connectionFactory(), potteryJson, potteryMasters,
				potteryMastersGroups.groups(),
				redlockOptions, nextIdOptions, properties.getCache().getDefaultTimeout(),
				recorder.getIfUnique(() -> PotteryRecorder.NONE));
		pottery = pottery.withDurability(durability(properties.getDurability(), potteryConnection));
		// pottery.key-prefix: one rule for every key Pottery derives from a name (README, "Key prefix")
		return properties.getKeyPrefix().isEmpty() ? pottery : pottery.withKeyPrefix(properties.getKeyPrefix());
	}

	/** {@code pottery.durability.*}, checked: no Redis I/O. */
	private static Durability durability(PotteryProperties.Durability properties, PotteryConnection connection) {
		if (properties.getReplicas() < 0) {
			throw new InvalidPotteryPropertyException("pottery.durability.replicas",
					Integer.toString(properties.getReplicas()), "a number of replicas cannot be negative",
					"use 0 (do not wait for replicas) or more");
		}
		if (properties.getTimeout().toMillis() < 1) {
			throw new InvalidPotteryPropertyException("pottery.durability.timeout", properties.getTimeout().toString(),
					"a write waits for its replicas at least 1 ms (Redis' WAIT with 0 would wait forever)",
					"use a duration such as 500ms or 2s");
		}
		if (properties.getReplicas() > 0 && !connection.supportsDurability()) {
			throw new InvalidPotteryPropertyException("pottery.durability.replicas",
					Integer.toString(properties.getReplicas()),
					"waiting for replicas needs a Lettuce connection factory (the application's is "
							+ connection.connectionFactory().getClass().getName() + ")",
					"use Spring Boot's default Lettuce client, or set pottery.durability.replicas to 0");
		}
		return Durability.replicas(properties.getReplicas(), properties.getTimeout());
	}

	/** The property a RedlockOptions message names ('autoReleaseTime' is auto-release-time), or null. */
	private static @Nullable String redlockField(String message) {
		for (String field : new String[] { "autoReleaseTime", "numExtensions", "retryDelay", "masterTimeout",
				"clockDriftFactor" }) {
			if (message.contains("'" + field + "'")) {
				return field.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
			}
		}
		return null;
	}

	private static String redlockValue(PotteryProperties.Redlock redlock, String field) {
		return switch (field) {
			case "auto-release-time" -> String.valueOf(redlock.getAutoReleaseTime());
			case "num-extensions" -> String.valueOf(redlock.getNumExtensions());
			case "retry-delay" -> String.valueOf(redlock.getRetryDelay());
			case "master-timeout" -> String.valueOf(redlock.getMasterTimeout());
			default -> String.valueOf(redlock.getClockDriftFactor());
		};
	}

}
