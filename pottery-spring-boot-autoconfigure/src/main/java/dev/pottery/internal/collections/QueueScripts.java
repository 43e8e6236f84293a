package dev.pottery.internal.collections;

import java.util.List;

import dev.pottery.internal.StructureSupport;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of {@link StreamRedisSimpleQueue}, read once.
 */
final class QueueScripts {

	static final RedisScript<Long> ADD = RedisScript.of(StructureSupport.luaScript("collections/queue_add.lua"),
			Long.class);

	static final RedisScript<List<Object>> CLAIM = ListScripts.multi("collections/queue_claim.lua");

	static final RedisScript<List<Object>> SETTLE = ListScripts.multi("collections/queue_settle.lua");

	static final RedisScript<List<Object>> RANGE = ListScripts.multi("collections/queue_range.lua");

	private QueueScripts() {
	}

}
