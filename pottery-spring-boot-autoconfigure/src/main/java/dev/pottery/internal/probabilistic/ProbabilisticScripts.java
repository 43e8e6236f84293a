package dev.pottery.internal.probabilistic;

import java.util.List;

import dev.pottery.internal.StructureSupport;
import dev.pottery.probabilistic.HyperLogLog;

import org.springframework.data.redis.core.script.RedisScript;

/** The Lua scripts of this package, read once from {@code dev/pottery/lua/probabilistic/}. */
public final class ProbabilisticScripts {

	/** Record or read a Bloom filter's parameters; see {@code bloom_open.lua}. */
	static final RedisScript<String> BLOOM_OPEN = RedisScript.of(StructureSupport.luaScript("probabilistic/bloom_open.lua"),
			String.class);

	/** Test HyperLogLog membership on a scratch copy; see {@code hll_contains_many.lua}. */
	@SuppressWarnings("rawtypes")
	public static final RedisScript<List> HLL_CONTAINS_MANY = RedisScript
		.of(StructureSupport.luaScript("probabilistic/hll_contains_many.lua"), List.class);

	/** Merge or count HyperLogLogs copied from other hash slots; see {@code hll_union.lua}. */
	public static final RedisScript<Long> HLL_UNION = RedisScript.of(StructureSupport.luaScript("probabilistic/hll_union.lua"),
			Long.class);

	private ProbabilisticScripts() {
	}

}
