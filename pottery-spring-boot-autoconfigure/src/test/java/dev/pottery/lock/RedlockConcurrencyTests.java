package dev.pottery.lock;

import java.util.List;
import java.util.UUID;

import dev.pottery.internal.ChildJvm;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import dev.pottery.test.RedisServers;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Mutual exclusion of {@link Redlock} under contention from 8 threads here and 2 other JVMs, on 5 masters.
 */
@RealRedis(servers = 5)
class RedlockConcurrencyTests {

	@Test
	void eightThreadsAndTwoJvmsNeverOverlapAndFencingTokensIncreaseInEnterOrder(RedisServers servers) throws Exception {
		String name = "pottery:test:" + UUID.randomUUID();
		String counter = name + ":counter";
		String log = name + ":log";
		String urls = String.join(",", servers.urls());
		RedisServer first = servers.get(0);
		try (Masters masters = Masters.of(servers.urls())) {
			ChildJvm one = ChildJvm.start(LockContender.class, name, counter, log, "2", "60", urls);
			ChildJvm two = ChildJvm.start(LockContender.class, name, counter, log, "2", "60", urls);
			LockContender.run(masters, first.commands(), name, counter, log, 8, 60);
			one.await(120);
			two.await(120);
			List<String> entries = first.commands().lrange(log, 0, -1);
			assertThat(first.commands().get(counter)).isEqualTo("720");
			assertThat(entries).hasSize(1440);
			long previous = 0;
			for (int i = 0; i < entries.size(); i += 2) {
				String enter = entries.get(i);
				String exit = entries.get(i + 1);
				assertThat(enter).startsWith("enter ");
				long token = Long.parseLong(enter.substring("enter ".length()));
				assertThat(exit).isEqualTo("exit " + token);
				assertThat(token).isGreaterThan(previous);
				previous = token;
			}
			// releases chained after slow masters' acquisitions may still be on their way (the children's closed
			// Masters waited for theirs); none may be lost
			LockTestSupport.assertNoLockKey(servers, name);
		}
		finally {
			first.commands().del(counter, log);
			LockTestSupport.deleteKeys(servers, name);
		}
	}

}
