package dev.pottery.lock;

import java.util.List;

import dev.pottery.internal.LuaScript;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.lettuce.core.RedisException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SetArgs;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every branch of the Redlock scripts (including "not the owner"), run directly on a real server.
 */
@RealRedis
class LockScriptsTests {

	private final RedisServer server;

	private String lockKey;

	private String fenceKey;

	LockScriptsTests(RedisServer server) {
		this.server = server;
	}

	@BeforeEach
	void keys() {
		String name = this.server.newKey();
		this.lockKey = ReactiveRedlock.KEY_PREFIX + name;
		this.fenceKey = ReactiveRedlock.fenceKey(name);
	}

	@AfterEach
	void deleteKeys() {
		this.server.commands().del(this.lockKey, this.fenceKey);
	}

	private Long run(LuaScript script, List<String> keys, String... args) {
		return this.server.commands().eval(script.source(), ScriptOutputType.INTEGER, keys.toArray(String[]::new), args);
	}

	// ---------------------------------------------------------------- acquire.lua

	@Test
	void acquireWhenFreeSetsTokenWithLeaseAndReturnsCounter() {
		assertThat(run(LockScripts.ACQUIRE, List.of(this.lockKey, this.fenceKey), "me", "10000")).isZero();
		assertThat(this.server.commands().get(this.lockKey)).isEqualTo("me");
		assertThat(this.server.commands().pttl(this.lockKey)).isBetween(1L, 10_000L);
		this.server.commands().del(this.lockKey);
		this.server.commands().set(this.fenceKey, "41");
		assertThat(run(LockScripts.ACQUIRE, List.of(this.lockKey, this.fenceKey), "me", "10000")).isEqualTo(41);
	}

	@Test
	void acquireWhenHeldReturnsMinusOneMinusTheCounterAndKeepsTheHolder() {
		this.server.commands().set(this.lockKey, "other", SetArgs.Builder.px(10_000));
		assertThat(run(LockScripts.ACQUIRE, List.of(this.lockKey, this.fenceKey), "me", "10000")).isEqualTo(-1);
		this.server.commands().set(this.fenceKey, "6");
		// a busy master still reports its counter (issue 10: a refusing master must not be silent)
		assertThat(run(LockScripts.ACQUIRE, List.of(this.lockKey, this.fenceKey), "me", "10000")).isEqualTo(-7);
		assertThat(this.server.commands().get(this.lockKey)).isEqualTo("other");
	}

	@Test
	void acquireWithAGarbageCounterOrAForeignTypeErrsAndWritesNothing() {
		this.server.commands().set(this.fenceKey, "not a number");
		assertThatExceptionOfType(RedisException.class)
			.isThrownBy(() -> run(LockScripts.ACQUIRE, List.of(this.lockKey, this.fenceKey), "me", "10000"))
			.withMessageContaining("POTTERY_BADFENCE not a number");
		assertThat(this.server.commands().exists(this.lockKey)).isZero();
		this.server.commands().del(this.fenceKey);
		this.server.commands().hset(this.lockKey, "field", "value");
		assertThatExceptionOfType(RedisException.class)
			.isThrownBy(() -> run(LockScripts.ACQUIRE, List.of(this.lockKey, this.fenceKey), "me", "10000"))
			.withMessageContaining("POTTERY_WRONGTYPE hash");
	}

	// ---------------------------------------------------------------- fence.lua

	@Test
	void fenceWhenOwnerAcceptsAHigherTokenAndReportsItsCounterOtherwise() {
		this.server.commands().set(this.lockKey, "me");
		assertThat(run(LockScripts.FENCE, List.of(this.lockKey, this.fenceKey), "me", "5")).isZero();
		assertThat(this.server.commands().get(this.fenceKey)).isEqualTo("5");
		// issue 10: the refusal says what the counter is (the client proposes above it) and lowers nothing
		assertThat(run(LockScripts.FENCE, List.of(this.lockKey, this.fenceKey), "me", "3")).isEqualTo(5);
		assertThat(run(LockScripts.FENCE, List.of(this.lockKey, this.fenceKey), "me", "5")).isEqualTo(5);
		assertThat(this.server.commands().get(this.fenceKey)).isEqualTo("5");
	}

	@Test
	void fenceWhenNotOwnerStillRaisesTheCounterAndReportsWhatItWas() {
		this.server.commands().set(this.lockKey, "other");
		assertThat(run(LockScripts.FENCE, List.of(this.lockKey, this.fenceKey), "me", "5")).isEqualTo(-1);
		assertThat(this.server.commands().get(this.fenceKey)).isEqualTo("5");
		assertThat(run(LockScripts.FENCE, List.of(this.lockKey, this.fenceKey), "me", "3")).isEqualTo(-6);
		assertThat(this.server.commands().get(this.fenceKey)).isEqualTo("5");
	}

	// ---------------------------------------------------------------- release.lua

	@Test
	void releaseWhenOwnerDeletes() {
		this.server.commands().set(this.lockKey, "me");
		assertThat(run(LockScripts.RELEASE, List.of(this.lockKey), "me")).isOne();
		assertThat(this.server.commands().exists(this.lockKey)).isZero();
	}

	@Test
	void releaseWhenNotOwnerOrAbsentKeepsTheKey() {
		assertThat(run(LockScripts.RELEASE, List.of(this.lockKey), "me")).isZero();
		this.server.commands().set(this.lockKey, "other");
		assertThat(run(LockScripts.RELEASE, List.of(this.lockKey), "me")).isZero();
		assertThat(this.server.commands().get(this.lockKey)).isEqualTo("other");
	}

	// ---------------------------------------------------------------- extend.lua

	@Test
	void extendWhenOwnerResetsTheLease() {
		this.server.commands().set(this.lockKey, "me", SetArgs.Builder.px(1_000));
		assertThat(run(LockScripts.EXTEND, List.of(this.lockKey), "me", "10000")).isOne();
		assertThat(this.server.commands().pttl(this.lockKey)).isGreaterThan(1_000);
	}

	@Test
	void extendWhenNotOwnerLeavesTheLease() {
		this.server.commands().set(this.lockKey, "other", SetArgs.Builder.px(1_000));
		assertThat(run(LockScripts.EXTEND, List.of(this.lockKey), "me", "10000")).isZero();
		assertThat(this.server.commands().pttl(this.lockKey)).isLessThanOrEqualTo(1_000);
	}

	// ---------------------------------------------------------------- remaining.lua

	@Test
	void remainingWhenOwnerIsThePttl() {
		this.server.commands().set(this.lockKey, "me", SetArgs.Builder.px(5_000));
		assertThat(run(LockScripts.REMAINING, List.of(this.lockKey), "me")).isBetween(1L, 5_000L);
	}

	@Test
	void remainingWhenNotOwnerOrWithoutTtlIsZero() {
		this.server.commands().set(this.lockKey, "other", SetArgs.Builder.px(5_000));
		assertThat(run(LockScripts.REMAINING, List.of(this.lockKey), "me")).isZero();
		this.server.commands().set(this.lockKey, "me");
		assertThat(run(LockScripts.REMAINING, List.of(this.lockKey), "me")).isZero();
	}

}
