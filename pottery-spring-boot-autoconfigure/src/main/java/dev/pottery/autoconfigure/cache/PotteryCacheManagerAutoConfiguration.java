package dev.pottery.autoconfigure.cache;

import dev.pottery.Pottery;
import dev.pottery.autoconfigure.PotteryAutoConfiguration;
import dev.pottery.cache.PotteryCacheManager;
import dev.pottery.cache.PotteryCaches;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.cache.CacheManager;
import org.springframework.cache.interceptor.CacheAspectSupport;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.ImportRuntimeHints;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Auto-configuration of a {@link PotteryCacheManager}, so that {@code @Cacheable}, {@code @CachePut} and
 * {@code @CacheEvict} store in Pottery's caches: when caching is enabled ({@code @EnableCaching}, that is a
 * {@link CacheAspectSupport} bean), no other {@link CacheManager} is defined and {@code spring.cache.type} is not
 * set (which asks Spring Boot's own cache auto-configuration for a particular provider). Runs before Spring Boot's
 * cache auto-configuration, which then backs off. {@link PotteryCacheManagerCustomizer} beans customize the manager;
 * caches not declared there decode into the return type of the {@code @Cacheable}/{@code @CachePut} methods using
 * them, learned as the beans are created.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = PotteryAutoConfiguration.class,
		beforeName = "org.springframework.boot.cache.autoconfigure.CacheAutoConfiguration")
@ConditionalOnClass(CacheManager.class)
@ConditionalOnBean({ Pottery.class, CacheAspectSupport.class })
@ConditionalOnMissingBean(CacheManager.class)
@Conditional(PotteryCacheManagerAutoConfiguration.NoCacheTypeCondition.class)
@ImportRuntimeHints(PotteryCacheManagerAutoConfiguration.CacheKeyHints.class)
public final class PotteryCacheManagerAutoConfiguration {

	@Bean
	static CacheableReturnTypes potteryCacheableReturnTypes() {
		// static: a post-processor, created early without the beans the manager needs
		return new CacheableReturnTypes();
	}

	@Bean
	PotteryCacheManager cacheManager(ObjectProvider<Pottery> pottery, ObjectProvider<PotteryCaches> caches,
			ObjectProvider<PotteryCacheManagerCustomizer> customizers, CacheableReturnTypes returnTypes) {
		PotteryCacheManager.Builder builder = PotteryCacheManager
			.builder((key, valueType, timeout) -> pottery.getObject().cache(key, valueType, timeout))
			.registry(caches.getIfAvailable())
			.learnedTypes(returnTypes::typeOf);
		customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
		return builder.build();
	}

	/** The field of {@link SimpleKey} that {@code PotteryCache} reads its arguments from, for native images. */
	static final class CacheKeyHints implements RuntimeHintsRegistrar {

		@Override
		public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
			hints.reflection().registerType(SimpleKey.class, (type) -> type.withField("params"));
		}

	}

	/** Matches unless {@code spring.cache.type} asks Spring Boot for another cache provider. */
	static final class NoCacheTypeCondition extends SpringBootCondition {

		@Override
		public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
			String type = context.getEnvironment().getProperty("spring.cache.type");
			if (type != null && !type.isBlank()) {
				return ConditionOutcome.noMatch("spring.cache.type is set to '" + type + "'");
			}
			return ConditionOutcome.match("spring.cache.type is not set");
		}

	}

}
