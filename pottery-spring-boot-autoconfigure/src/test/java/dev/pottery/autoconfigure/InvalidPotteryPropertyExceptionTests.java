package dev.pottery.autoconfigure;

import dev.pottery.lock.Masters;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link InvalidPotteryPropertyException} and the URL masking it relies on: passwords never reach logs
 * or failure reports.
 */
class InvalidPotteryPropertyExceptionTests {

	@Test
	void masksThePasswordAndKeepsTheUser() {
		assertThat(Masters.mask("redis://alice:s3cret@r1:6379/2")).isEqualTo("redis://alice:****@r1:6379/2");
		assertThat(Masters.mask("rediss://:s3cret@r1:6380")).isEqualTo("rediss://:****@r1:6380");
	}

	@Test
	void masksALoneUserInfoPartAsAPassword() {
		assertThat(Masters.mask("redis://s3cret@r1")).isEqualTo("redis://****@r1");
	}

	@Test
	void leavesUrlsWithoutCredentialsAndOtherTextAlone() {
		assertThat(Masters.mask("redis://r1:6379")).isEqualTo("redis://r1:6379");
		assertThat(Masters.mask("java.lang.String")).isEqualTo("java.lang.String");
	}

	@Test
	void invalidPropertyMessagesMaskUrls() {
		InvalidPotteryPropertyException ex = new InvalidPotteryPropertyException("pottery.redlock.masters[0]",
				"redis://bob:hunter2@nowhere", "unknown host", "fix it");
		assertThat(ex.getMessage()).contains("redis://bob:****@nowhere").doesNotContain("hunter2");
		assertThat(ex.getValue()).isEqualTo("redis://bob:****@nowhere");
	}

}
