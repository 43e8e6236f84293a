package dev.pottery.autoconfigure;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link RedisUrls}: passwords never reach logs or failure reports.
 */
class RedisUrlsTests {

	@Test
	void masksThePasswordAndKeepsTheUser() {
		assertThat(RedisUrls.mask("redis://alice:s3cret@r1:6379/2")).isEqualTo("redis://alice:****@r1:6379/2");
		assertThat(RedisUrls.mask("rediss://:s3cret@r1:6380")).isEqualTo("rediss://:****@r1:6380");
	}

	@Test
	void masksALoneUserInfoPartAsAPassword() {
		assertThat(RedisUrls.mask("redis://s3cret@r1")).isEqualTo("redis://****@r1");
	}

	@Test
	void leavesUrlsWithoutCredentialsAndOtherTextAlone() {
		assertThat(RedisUrls.mask("redis://r1:6379")).isEqualTo("redis://r1:6379");
		assertThat(RedisUrls.mask("java.lang.String")).isEqualTo("java.lang.String");
	}

	@Test
	void invalidPropertyMessagesMaskUrls() {
		InvalidPotteryPropertyException ex = new InvalidPotteryPropertyException("pottery.redlock.masters[0]",
				"redis://bob:hunter2@nowhere", "unknown host", "fix it");
		assertThat(ex.getMessage()).contains("redis://bob:****@nowhere").doesNotContain("hunter2");
		assertThat(ex.getValue()).isEqualTo("redis://bob:****@nowhere");
	}

}
