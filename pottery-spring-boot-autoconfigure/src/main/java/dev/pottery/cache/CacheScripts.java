package dev.pottery.cache;

import dev.pottery.internal.StructureSupport;

import org.springframework.data.redis.core.script.RedisScript;

/** The Lua scripts of this package, read once from {@code dev/pottery/lua/cache/}. */
final class CacheScripts {

	/** HGET plus the sliding PEXPIRE; see {@code cache_get.lua}. */
	static final RedisScript<String> GET = RedisScript.of(StructureSupport.luaScript("cache/cache_get.lua"),
			String.class);

	/** HSET plus the sliding PEXPIRE; see {@code cache_put.lua}. */
	static final RedisScript<Long> PUT = RedisScript.of(StructureSupport.luaScript("cache/cache_put.lua"), Long.class);

	/** HGET, HSET if absent, plus the sliding PEXPIRE; see {@code cache_put_if_absent.lua}. */
	static final RedisScript<String> PUT_IF_ABSENT = RedisScript
		.of(StructureSupport.luaScript("cache/cache_put_if_absent.lua"), String.class);

	private CacheScripts() {
	}

}
