package dev.pottery.internal.collections;

import java.util.List;

import dev.pottery.collections.RedisCounter;
import dev.pottery.collections.RedisMap;
import dev.pottery.internal.StructureSupport;

import org.springframework.data.redis.core.script.RedisScript;

/**
 * The Lua scripts of the hash-backed structures ({@code RedisMap}, {@code RedisCounter}), read once.
 */
final class HashScripts {

	static final RedisScript<String> MAP_PUT = script("map_put", String.class);

	static final RedisScript<String> MAP_PUT_IF_ABSENT = script("map_put_if_absent", String.class);

	static final RedisScript<String> MAP_REPLACE = script("map_replace", String.class);

	static final RedisScript<String> MAP_REMOVE = script("map_remove", String.class);

	static final RedisScript<Long> MAP_COMPARE_AND_SET = script("map_compare_and_set", Long.class);

	static final RedisScript<Long> MAP_CREATE = script("map_create", Long.class);

	static final RedisScript<Long> MAP_CLEAR = script("map_clear", Long.class);

	@SuppressWarnings("rawtypes")
	static final RedisScript<List> MAP_SCAN = script("map_scan", List.class);

	static final RedisScript<Long> COUNTER_UPDATE = script("counter_update", Long.class);

	static final RedisScript<Long> COUNTER_IN_PLACE = script("counter_in_place", Long.class);

	private HashScripts() {
	}

	private static <T> RedisScript<T> script(String name, Class<T> resultType) {
		return RedisScript.of(StructureSupport.luaScript("collections/" + name + ".lua"), resultType);
	}

}
