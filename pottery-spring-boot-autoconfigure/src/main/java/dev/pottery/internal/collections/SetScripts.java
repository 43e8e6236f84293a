package dev.pottery.internal.collections;

import java.util.List;

import dev.pottery.internal.StructureSupport;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of {@link DefaultRedisSet}, read once.
 */
final class SetScripts {

	static final RedisScript<Long> CREATE = RedisScript.of(StructureSupport.luaScript("collections/set_create.lua"),
			Long.class);

	static final RedisScript<Long> RETAIN = RedisScript.of(StructureSupport.luaScript("collections/set_retain.lua"),
			Long.class);

	static final RedisScript<List<Object>> SCAN = ListScripts.multi("collections/set_scan.lua");

	static final RedisScript<Long> STORE = RedisScript.of(StructureSupport.luaScript("collections/set_store.lua"),
			Long.class);

	static final RedisScript<Long> COMPARE = RedisScript.of(StructureSupport.luaScript("collections/set_compare.lua"),
			Long.class);

	private SetScripts() {
	}

}
