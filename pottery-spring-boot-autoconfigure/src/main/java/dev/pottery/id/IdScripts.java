package dev.pottery.id;

import dev.pottery.internal.LuaScript;

/** The NextId scripts, read once (see {@code src/main/resources/dev/pottery/lua/id/}). */
final class IdScripts {

	static final LuaScript NEXT = LuaScript.of("dev/pottery/lua/id/next.lua");

	private IdScripts() {
	}

}
