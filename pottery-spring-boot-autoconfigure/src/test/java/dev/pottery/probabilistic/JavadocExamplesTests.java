package dev.pottery.probabilistic;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import dev.pottery.internal.probabilistic.MurmurHash3;
import dev.pottery.Pottery;
import dev.pottery.test.RealRedis;
import dev.pottery.test.RedisServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.data.redis.connection.RedisConnectionFactory;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the Javadoc in {@code dev.pottery.probabilistic} and of its README sections
 * (README.md), run so that they cannot rot. Javadoc examples use this test's own keys;
 * the README examples use the README's keys ({@code dilberts}, {@code google-searches}) on this class's own server.
 */
@RealRedis
class JavadocExamplesTests {

	private final RedisServer redis;

	private final RedisConnectionFactory connectionFactory;

	private final Pottery pottery;

	private final String dilbertsKey;

	private final String searchesKey;

	private final String otherKey;

	JavadocExamplesTests(RedisServer redis) {
		this.redis = redis;
		this.connectionFactory = redis.connectionFactory();
		this.pottery = Pottery.create(this.connectionFactory);
		this.dilbertsKey = redis.newKey();
		this.searchesKey = redis.newKey();
		this.otherKey = redis.newKey();
	}

	@AfterEach
	void deleteKeys() {
		this.redis.commands().del(this.dilbertsKey, this.dilbertsKey + ":bloom-params", this.searchesKey,
				this.otherKey, this.otherKey + ":bloom-params");
	}

	// ---- README ----

	@Test
	void readmeDilberts() {
		Pottery pottery = Pottery.create(this.connectionFactory);
		try {
			BloomFilter<String> dilberts = pottery.bloomFilter("dilberts", 100, 0.01, String.class);
			assertThat(dilberts.containsMany("rajiv", "raj", "dan", "eric", "jenny", "will"))
				.containsExactly(false, false, false, false, false, false);
			dilberts.add("rajiv");
			dilberts.add("raj");
			dilberts.add("dan");
			assertThat(dilberts.mightContain("rajiv")).isTrue();
			assertThat(dilberts.mightContain("eric")).isFalse();
			assertThat(dilberts.approximateSize()).isEqualTo(3);
			dilberts.addAll(List.of("eric", "jenny", "will"));
			assertThat(dilberts.containsMany("rajiv", "raj", "dan", "eric", "jenny", "will"))
				.containsExactly(true, true, true, true, true, true);
			assertThat(dilberts.approximateSize()).isEqualTo(6);
			assertThat(this.redis.commands().get("dilberts:bloom-params"))
				.isEqualTo("{\"false_positives\": 0.01, \"k\": 7, \"m\": 959, \"num_elements\": 100}");
			dilberts.clear();
		}
		finally {
			this.redis.commands().del("dilberts", "dilberts:bloom-params");
		}
	}

	@Test
	void readmeGoogleSearches() {
		Pottery pottery = Pottery.create(this.connectionFactory);
		try {
			HyperLogLog<String> googleSearches = pottery.hyperLogLog("google-searches", String.class);
			googleSearches.add("sonic the hedgehog video game");
			googleSearches.add("google in 1998");
			googleSearches.add("minesweeper");
			googleSearches.add("joey tribbiani");
			googleSearches.add("wizard of oz");
			googleSearches.add("rgb to hex");
			googleSearches.add("pac-man");
			googleSearches.add("breathing exercise");
			googleSearches.add("do a barrel roll");
			googleSearches.add("snake");
			assertThat(googleSearches.size()).isEqualTo(10);
			assertThat(googleSearches.contains("joey tribbiani")).isTrue();
			assertThat(googleSearches.contains("jennifer aniston")).isFalse();
			assertThat(googleSearches.containsMany("snake", "pong")).containsExactly(true, false);
			googleSearches.clear();
		}
		finally {
			this.redis.commands().del("google-searches");
		}
	}

	// ---- MurmurHash3 ----

	@Test
	void murmurHash3() {
		int hash = MurmurHash3.hash32("\"rajiv\"", 0);
		long offset = Math.floorMod(hash, 959L);
		assertThat(hash).isEqualTo(-768575023);
		assertThat(offset).isEqualTo(183);
		assertThat(MurmurHash3.hash32("\"rajiv\"", 1)).isEqualTo(1683896911);
		assertThat(MurmurHash3.hash32(new byte[0], 1)).isEqualTo(0x514E28B7);
		assertThat(MurmurHash3.hash32("x\"rajiv\"x".getBytes(StandardCharsets.US_ASCII), 1, 7, 0)).isEqualTo(-768575023);
	}

	// ---- Pottery ----

	@Test
	void probabilisticStructures() {
		Pottery pottery = Pottery.create(this.connectionFactory);
		BloomFilter<String> dilberts = pottery.bloomFilter(this.dilbertsKey, 100, 0.01, String.class);
		HyperLogLog<String> searches = pottery.hyperLogLog(this.searchesKey, String.class);
		assertThat(dilberts.numBits()).isEqualTo(959);
		assertThat(searches.size()).isZero();
	}

	@Test
	void probabilisticStructuresConstructor() {
		Pottery pottery = Pottery.create(this.connectionFactory);
		assertThat(pottery.codec()).isNotNull();
	}

	@Test
	void bloomFilterOfGenericType() {
		BloomFilter<List<Integer>> routes = this.pottery.bloomFilter(this.otherKey, 1000, 0.001,
				new ParameterizedTypeReference<List<Integer>>() {
				});
		routes.add(List.of(1, 2, 3));
		assertThat(routes.mightContain(List.of(1, 2, 3))).isTrue();
		assertThat(routes.numHashes()).isEqualTo(10);
	}

	@Test
	void hyperLogLogOfGenericType() {
		HyperLogLog<Map<String, Object>> visits = this.pottery.hyperLogLog(this.otherKey,
				new ParameterizedTypeReference<Map<String, Object>>() {
				});
		visits.add(Map.of("page", "/", "user", 7));
		assertThat(visits.contains(Map.of("user", 7, "page", "/"))).isTrue();
	}

	// ---- BloomFilter ----

	@Test
	void bloomFilter() {
		BloomFilter<String> dilberts = this.pottery.bloomFilter(this.dilbertsKey, 100, 0.01, String.class);
		dilberts.add("rajiv");
		assertThat(dilberts.mightContain("rajiv")).isTrue();
		assertThat(dilberts.mightContain("dan")).isFalse();
	}

	@Test
	void bloomFilterMethods() {
		BloomFilter<String> dilberts = this.pottery.bloomFilter(this.dilbertsKey, 100, 0.01, String.class);
		boolean changed = dilberts.add("rajiv");
		assertThat(changed).isTrue();
		dilberts.addAll(List.of("raj", "dan"));
		assertThat(dilberts.mightContain("rajiv")).isTrue();
		assertThat(dilberts.containsMany(List.of("rajiv", "eric"))).containsExactly(true, false);
		assertThat(dilberts.containsMany("rajiv", "eric")).containsExactly(true, false);
		long size = dilberts.approximateSize();
		assertThat(size).isEqualTo(3);
		dilberts.clear();
		assertThat(dilberts.approximateSize()).isZero();
	}

	// ---- HyperLogLog ----

	@Test
	void hyperLogLog() {
		HyperLogLog<String> googleSearches = this.pottery.hyperLogLog(this.searchesKey, String.class);
		googleSearches.addAll(List.of("sonic the hedgehog video game", "google in 1998", "minesweeper"));
		assertThat(googleSearches.size()).isEqualTo(3);
		assertThat(googleSearches.contains("minesweeper")).isTrue();
	}

	@Test
	void hyperLogLogMethods() {
		HyperLogLog<String> googleSearches = this.pottery.hyperLogLog(this.searchesKey, String.class);
		HyperLogLog<String> bingSearches = this.pottery.hyperLogLog(this.otherKey, String.class);
		bingSearches.add("pac-man");
		googleSearches.add("joey tribbiani");
		googleSearches.addAll(List.of("wizard of oz", "rgb to hex"));
		googleSearches.add("minesweeper");
		long searches = googleSearches.size();
		assertThat(searches).isEqualTo(4);
		long all = googleSearches.unionSize(bingSearches);
		assertThat(all).isEqualTo(5);
		googleSearches.union(bingSearches);
		assertThat(googleSearches.size()).isEqualTo(5);
		assertThat(googleSearches.contains("jennifer aniston")).isFalse();
		assertThat(googleSearches.containsMany(List.of("minesweeper", "jennifer aniston"))).containsExactly(true, false);
		assertThat(googleSearches.containsMany("minesweeper", "jennifer aniston")).containsExactly(true, false);
		googleSearches.clear();
		assertThat(googleSearches.size()).isZero();
	}

}
