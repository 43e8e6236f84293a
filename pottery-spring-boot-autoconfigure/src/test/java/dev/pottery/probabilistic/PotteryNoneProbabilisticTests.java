package dev.pottery.probabilistic;

import java.util.Arrays;
import java.util.List;

import dev.pottery.internal.probabilistic.MurmurHash3;
import dev.pottery.Pottery;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import io.lettuce.core.api.sync.RedisCommands;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * pottery's {@code None} in a Bloom filter and a HyperLogLog: written with raw Redis commands exactly as pottery 3.0.1
 * writes it (the bits of {@code "null"}'s hashes, {@code PFADD key null}), then queried with {@code null} from Java.
 */
@RealRedis
class PotteryNoneProbabilisticTests {

	private final RedisCommands<String, String> commands;

	private final Pottery structures;

	private final String key;

	PotteryNoneProbabilisticTests(RedisServer redis) {
		this.commands = redis.commands();
		this.structures = Pottery.create(redis.connectionFactory());
		this.key = redis.newKey();
	}

	@AfterEach
	void deleteKeys() {
		this.commands.del(this.key, this.key + ":bloom-params");
	}

	@Test
	void bloomFilterMightContainPotteryNone() {
		// bf = BloomFilter(num_elements=100, false_positives=0.01, key=key); bf.add(None): SETBIT key <offset> 1
		// for the 7 offsets of the canonical JSON "null"
		for (int seed = 0; seed < 7; seed++) {
			this.commands.setbit(this.key, Math.floorMod((long) MurmurHash3.hash32("null", seed), 959L), 1);
		}
		BloomFilter<@Nullable String> filter = this.structures.bloomFilter(this.key, 100, 0.01, String.class);
		assertThat(filter.mightContain(null)).isTrue();
		assertThat(filter.containsMany(Arrays.asList(null, "x"))).containsExactly(true, false);
		assertThat(filter.add(null)).isFalse();
	}

	@Test
	void hyperLogLogContainsPotteryNone() {
		// hll = HyperLogLog(key=key); hll.add(None): PFADD key null
		this.commands.pfadd(this.key, "null");
		HyperLogLog<@Nullable String> hll = this.structures.hyperLogLog(this.key, String.class);
		assertThat(hll.contains(null)).isTrue();
		assertThat(hll.containsMany(Arrays.asList(null, "null"))).containsExactly(true, false);
		assertThat(hll.add(null)).isFalse();
		assertThat(hll.size()).isEqualTo(1);
		assertThat(List.of(this.commands.pfcount(this.key))).containsExactly(1L);
	}

}
