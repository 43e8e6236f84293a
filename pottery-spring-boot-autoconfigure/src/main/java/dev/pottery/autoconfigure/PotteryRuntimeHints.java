package dev.pottery.autoconfigure;

import dev.pottery.autoconfigure.PotteryProperties.Structure;
import dev.pottery.internal.aop.SynchronizedInterceptor;
import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.boot.context.properties.bind.BindableRuntimeHintsRegistrar;

/**
 * What a native image (or any AOT-processed application) needs at runtime that static analysis cannot see: the Lua
 * scripts under {@code dev/pottery/lua}, the structure declarations bound at runtime by {@link StructureBeans}, the
 * SpEL root object of {@code @Synchronized} keys, and the classes listed in {@code spring.factories}. Registered in
 * {@code META-INF/spring/aot.factories}.
 */
final class PotteryRuntimeHints implements RuntimeHintsRegistrar {

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		hints.resources().registerPattern("dev/pottery/lua/**");
		BindableRuntimeHintsRegistrar.forTypes(Structure.class).registerHints(hints, classLoader);
		hints.reflection()
			.registerType(SynchronizedInterceptor.Root.class, MemberCategory.INVOKE_PUBLIC_METHODS,
					MemberCategory.ACCESS_DECLARED_FIELDS);
		for (Class<?> type : new Class<?>[] { EmbeddedRedisEnvironmentPostProcessor.class,
				InvalidPotteryPropertyFailureAnalyzer.class, StructureValidationFailureAnalyzer.class,
				InvalidSynchronizedFailureAnalyzer.class }) {
			hints.reflection().registerType(type, MemberCategory.INVOKE_DECLARED_CONSTRUCTORS);
		}
	}

}
