package dev.pottery.internal.collections;

import java.util.List;

import dev.pottery.internal.StructureSupport;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of {@link DefaultRedisList} and {@link ListRedisDeque}, read once.
 */
final class ListScripts {

	static final RedisScript<Long> CREATE = RedisScript.of(StructureSupport.luaScript("collections/list_create.lua"),
			Long.class);

	static final RedisScript<List<Object>> SET = multi("collections/list_set.lua");

	static final RedisScript<Long> INSERT = RedisScript.of(StructureSupport.luaScript("collections/list_insert.lua"),
			Long.class);

	static final RedisScript<List<Object>> REMOVE_AT = multi("collections/list_remove_at.lua");

	static final RedisScript<Long> REMOVE_RANGE = RedisScript
		.of(StructureSupport.luaScript("collections/list_remove_range.lua"), Long.class);

	static final RedisScript<Long> FILTER = RedisScript.of(StructureSupport.luaScript("collections/list_filter.lua"),
			Long.class);

	static final RedisScript<Long> REWRITE = RedisScript.of(StructureSupport.luaScript("collections/list_rewrite.lua"),
			Long.class);

	static final RedisScript<Long> DEQUE_PUSH = RedisScript
		.of(StructureSupport.luaScript("collections/deque_push.lua"), Long.class);

	static final RedisScript<Long> DEQUE_ROTATE = RedisScript
		.of(StructureSupport.luaScript("collections/deque_rotate.lua"), Long.class);

	private ListScripts() {
	}

	/** A script replying with a (possibly nested) array, deserialized to Strings and Longs. */
	@SuppressWarnings({ "unchecked", "rawtypes" })
	static RedisScript<List<Object>> multi(String name) {
		return (RedisScript) RedisScript.of(StructureSupport.luaScript(name), List.class);
	}

}
