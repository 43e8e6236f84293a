package dev.pottery.autoconfigure;

import dev.pottery.autoconfigure.PotteryProperties.Structure;
import dev.pottery.internal.aop.SynchronizedInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.support.SpringFactoriesLoader;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link PotteryRuntimeHints}: registered in {@code aot.factories}, covering the Lua scripts and reflective types.
 */
class PotteryRuntimeHintsTests {

	@Test
	void registeredInAotFactoriesAndCoverLuaScriptsAndReflectiveTypes() {
		RuntimeHints hints = new RuntimeHints();
		SpringFactoriesLoader.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class)
			.forEach((registrar) -> registrar.registerHints(hints, getClass().getClassLoader()));
		for (String script : new String[] { "dev/pottery/lua/lock/acquire.lua", "dev/pottery/lua/id/next.lua",
				"dev/pottery/lua/collections/map_put.lua", "dev/pottery/lua/probabilistic/bloom_open.lua",
				"dev/pottery/lua/cache/cache_get.lua" }) {
			assertThat(RuntimeHintsPredicates.resource().forResource(script)).as(script).accepts(hints);
		}
		assertThat(RuntimeHintsPredicates.reflection().onType(Structure.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(SynchronizedInterceptor.Root.class)).accepts(hints);
		assertThat(RuntimeHintsPredicates.reflection().onType(EmbeddedRedisEnvironmentPostProcessor.class))
			.accepts(hints);
	}

}
