package dev.pottery.internal.probabilistic;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.stream.Stream;

import com.google.common.hash.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * {@link MurmurHash3} against the published {@code MurmurHash3_x86_32} test vectors (as verified with SMHasher's
 * reference implementation; the same list is in {@code src/test/python/gen_bloom_offsets.py}), pottery's doctest
 * hashes, and Guava's independent implementation.
 */
class MurmurHash3Tests {

	static Stream<Arguments> publishedVectors() {
		return Stream.of(
				Arguments.of(bytes(), 0, 0),
				Arguments.of(bytes(), 1, 0x514E28B7),
				Arguments.of(bytes(), 0xffffffff, 0x81F16F39),
				Arguments.of(bytes(0xff, 0xff, 0xff, 0xff), 0, 0x76293B50),
				Arguments.of(bytes(0x21, 0x43, 0x65, 0x87), 0, 0xF55B516B),
				Arguments.of(bytes(0x21, 0x43, 0x65, 0x87), 0x5082EDEE, 0x2362F9DE),
				Arguments.of(bytes(0x21, 0x43, 0x65), 0, 0x7E4A8634),
				Arguments.of(bytes(0x21, 0x43), 0, 0xA0F7B07A),
				Arguments.of(bytes(0x21), 0, 0x72661CF4),
				Arguments.of(bytes(0, 0, 0, 0), 0, 0x2362F9DE),
				Arguments.of(bytes(0, 0, 0), 0, 0x85F0B427),
				Arguments.of(bytes(0, 0), 0, 0x30F4C306),
				Arguments.of(bytes(0), 0, 0x514E28B7),
				Arguments.of(ascii("aaaa"), 0x9747b28c, 0x5A97808A),
				Arguments.of(ascii("aaa"), 0x9747b28c, 0x283E0130),
				Arguments.of(ascii("aa"), 0x9747b28c, 0x5D211726),
				Arguments.of(ascii("a"), 0x9747b28c, 0x7FA09EA6),
				Arguments.of(ascii("abcd"), 0x9747b28c, 0xF0478627),
				Arguments.of(ascii("abc"), 0x9747b28c, 0xC84A62DD),
				Arguments.of(ascii("ab"), 0x9747b28c, 0x74875592),
				Arguments.of(ascii("Hello, world!"), 0x9747b28c, 0x24884CBA),
				Arguments.of("\u03c0\u03c0\u03c0\u03c0\u03c0\u03c0\u03c0\u03c0".getBytes(StandardCharsets.UTF_8),
						0x9747b28c, 0xD58063C1),
				Arguments.of(ascii("a".repeat(256)), 0x9747b28c, 0x37405BDC),
				Arguments.of(ascii("abc"), 0, 0xB3DD93FA),
				Arguments.of(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"), 0, 0xEE925B90),
				Arguments.of(ascii("The quick brown fox jumps over the lazy dog"), 0x9747b28c, 0x2FA826CD));
	}

	// ---- hash32(byte[], int) ----

	@ParameterizedTest
	@MethodSource("publishedVectors")
	void hash32MatchesPublishedVector(byte[] data, int seed, int expected) {
		assertThat(MurmurHash3.hash32(data, seed)).isEqualTo(expected);
	}

	@Test
	void hash32MatchesGuavasImplementationOnRandomInput() {
		SplittableRandom random = new SplittableRandom(5);
		for (int i = 0; i < 5000; i++) {
			byte[] data = new byte[random.nextInt(40)];
			for (int j = 0; j < data.length; j++) {
				data[j] = (byte) random.nextInt(256);
			}
			int seed = random.nextInt();
			assertThat(MurmurHash3.hash32(data, seed))
				.as("%d bytes, seed %d", data.length, seed)
				.isEqualTo(Hashing.murmur3_32_fixed(seed).hashBytes(data).asInt());
		}
	}

	// ---- hash32(String, int) ----

	@Test
	void hash32OfStringMatchesPotteryDoctestHashes() {
		// pottery/bloom.py doctest, wire-format.md 2.7: mmh3.hash('"rajiv"', seed) for seeds 0..6
		int[] expected = { -768575023, 1683896911, -249379491, -1433106958, 331278886, -553776956, 2087259416 };
		for (int seed = 0; seed < expected.length; seed++) {
			assertThat(MurmurHash3.hash32("\"rajiv\"", seed)).isEqualTo(expected[seed]);
		}
	}

	@Test
	void hash32OfStringHashesUtf8Bytes() {
		assertThat(MurmurHash3.hash32("\u03c0\u03c0\u03c0\u03c0\u03c0\u03c0\u03c0\u03c0", 0x9747b28c))
			.isEqualTo(0xD58063C1);
	}

	@Test
	void hash32OfNullFails() {
		assertThatIllegalArgumentException().isThrownBy(() -> MurmurHash3.hash32((String) null, 0))
			.withMessage("'text' must not be null");
	}

	// ---- hash32(byte[], int, int, int) ----

	@Test
	void hash32OfRangeHashesOnlyTheRange() {
		byte[] padded = ascii("x\"rajiv\"x");
		assertThat(MurmurHash3.hash32(padded, 1, 7, 0)).isEqualTo(-768575023);
		assertThat(MurmurHash3.hash32(padded, 0, 0, 1)).isEqualTo(0x514E28B7);
	}

	@Test
	void hash32OfRangeOutsideArrayFails() {
		assertThatExceptionOfType(IndexOutOfBoundsException.class)
			.isThrownBy(() -> MurmurHash3.hash32(new byte[4], 2, 3, 0));
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	private static byte[] bytes(int... values) {
		byte[] bytes = new byte[values.length];
		for (int i = 0; i < values.length; i++) {
			bytes[i] = (byte) values[i];
		}
		return bytes;
	}

}
