package dev.pottery.autoconfigure.observation;

import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import dev.pottery.observation.CacheGetObservationConvention;
import dev.pottery.observation.LockHeldObservationConvention;
import dev.pottery.observation.LockWaitObservationConvention;
import dev.pottery.observation.NextIdObservationConvention;
import dev.pottery.observation.ObservationPotteryRecorder;
import dev.pottery.observation.PotteryRecorder;
import dev.pottery.observation.QuorumErrorObservationConvention;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of Pottery's Micrometer observations ({@link dev.pottery.observation.PotteryObservation}): an
 * {@link ObservationPotteryRecorder} on the application's {@link ObservationRegistry}, which the {@code Pottery}
 * facade installs on its masters and caches. A bean of a {@code …ObservationConvention} type replaces the default
 * convention of its observation; a {@link PotteryRecorder} bean of the user's replaces the recorder.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = PotteryAutoConfiguration.class,
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@EnableConfigurationProperties(PotteryObservationProperties.class)
public final class PotteryObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(PotteryRecorder.class)
	ObservationPotteryRecorder potteryObservationRecorder(ObservationRegistry observationRegistry,
			PotteryObservationProperties properties, ObjectProvider<LockWaitObservationConvention> lockWait,
			ObjectProvider<LockHeldObservationConvention> lockHeld, ObjectProvider<CacheGetObservationConvention> cacheGet,
			ObjectProvider<NextIdObservationConvention> nextId,
			ObjectProvider<QuorumErrorObservationConvention> quorumError) {
		return new ObservationPotteryRecorder(observationRegistry,
				new ObservationPotteryRecorder.Conventions(lockWait.getIfUnique(), lockHeld.getIfUnique(),
						cacheGet.getIfUnique(), nextId.getIfUnique(), quorumError.getIfUnique(),
						properties.isIncludeKeys()));
	}

}
