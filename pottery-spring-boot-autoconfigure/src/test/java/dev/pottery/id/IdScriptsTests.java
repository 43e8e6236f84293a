package dev.pottery.id;

import java.util.List;

import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.lettuce.core.ScriptOutputType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every branch of the NextId script, run directly on a real server.
 */
@RealRedis
class IdScriptsTests {

	private final RedisServer server;

	private String key;

	IdScriptsTests(RedisServer server) {
		this.server = server;
	}

	@BeforeEach
	void newKey() {
		this.key = ReactiveNextId.KEY_PREFIX + this.server.newKey();
	}

	@AfterEach
	void deleteKey() {
		this.server.commands().del(this.key);
	}

	private List<Object> propose(String value) {
		return this.server.commands().eval(IdScripts.NEXT.source(), ScriptOutputType.MULTI, new String[] { this.key }, value);
	}

	@Test
	void nextWhenAbsentStoresAndReportsZero() {
		assertThat(propose("1")).containsExactly(1L, "0");
		assertThat(this.server.commands().get(this.key)).isEqualTo("1");
	}

	@Test
	void nextWhenLowerStoresAndReportsThePreviousValue() {
		this.server.commands().set(this.key, "41");
		assertThat(propose("42")).containsExactly(1L, "41");
		assertThat(this.server.commands().get(this.key)).isEqualTo("42");
	}

	@Test
	void nextWhenEqualOrHigherRefusesWithTheStoredValue() {
		this.server.commands().set(this.key, "42");
		assertThat(propose("42")).containsExactly(0L, "42");
		assertThat(propose("7")).containsExactly(0L, "42");
		assertThat(this.server.commands().get(this.key)).isEqualTo("42");
	}

}
