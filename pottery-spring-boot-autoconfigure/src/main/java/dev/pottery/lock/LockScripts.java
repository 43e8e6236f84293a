package dev.pottery.lock;

import dev.pottery.internal.LuaScript;

/** The Redlock scripts, read once (see {@code src/main/resources/dev/pottery/lua/lock/}). */
final class LockScripts {

	static final LuaScript ACQUIRE = LuaScript.of("dev/pottery/lua/lock/acquire.lua");

	static final LuaScript FENCE = LuaScript.of("dev/pottery/lua/lock/fence.lua");

	static final LuaScript RELEASE = LuaScript.of("dev/pottery/lua/lock/release.lua");

	static final LuaScript EXTEND = LuaScript.of("dev/pottery/lua/lock/extend.lua");

	static final LuaScript REMAINING = LuaScript.of("dev/pottery/lua/lock/remaining.lua");

	static final LuaScript HOLDER = LuaScript.of("dev/pottery/lua/lock/holder.lua");

	private LockScripts() {
	}

}
