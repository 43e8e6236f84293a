package dev.pottery.internal;

import java.util.concurrent.CompletableFuture;

import dev.pottery.lock.Masters;
import dev.pottery.lock.Redlock;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServers;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples in this package's Javadoc, compiled and run.
 */
@RealRedis(servers = 3)
class JavadocExamplesTests {

	static final LuaScript RELEASE = LuaScript.of("dev/pottery/lua/lock/release.lua");

	@Test
	void masters(RedisServers servers) {
		String r1 = servers.get(0).url();
		String r2 = servers.get(1).url();
		String r3 = servers.get(2).url();
		// Masters
		try (Masters masters = Masters.of(r1, r2, r3)) {
			Redlock printer = Redlock.of(masters, "printer");
			// ...
			assertThat(printer.getKey()).isEqualTo("printer");
		}
	}

	@Test
	void quorumMasterAndLuaScript(RedisServers servers) {
		try (Masters masters = Masters.of(servers.urls())) {
			// Quorum
			QuorumOutcome<String> pong = Quorum.run(masters, Quorum.DEFAULT_TIMEOUT, "PONG"::equals,
					(master) -> master.execute(RedisAsyncCommands::ping)).join();
			boolean majority = pong.isAchieved();
			assertThat(majority).isTrue();

			Master master = masters.list().get(0);
			String[] keys = { "redlock:printer" };
			String token = "not-ours";
			// Master
			CompletableFuture<String> answer = master.execute(RedisAsyncCommands::ping);
			// LuaScript
			CompletableFuture<Long> deleted = master.eval(RELEASE, ScriptOutputType.INTEGER, keys, token);
			assertThat(answer.join()).isEqualTo("PONG");
			assertThat(deleted.join()).isZero();
		}
	}

}
