package dev.pottery.internal.probabilistic;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

import dev.pottery.probabilistic.BloomFilter;

import org.springframework.util.Assert;

/**
 * MurmurHash3, x86 32-bit variant (Austin Appleby's {@code MurmurHash3_x86_32}), the hash pottery's Bloom filter
 * uses through Python's {@code mmh3.hash}: the result is the <em>signed</em> 32-bit int {@code mmh3.hash} returns.
 *
 * <p>{@link BloomFilter} derives its bit offsets from it exactly as pottery does (wire-format.md section 2.7): the
 * offsets of a value are {@code Math.floorMod(hash32(canonicalJson, seed), m)} for the seeds {@code 0 .. k-1}. This
 * class is public for users who need those offsets elsewhere, for example to inspect a filter by hand.
 *
 * <p>Stateless and thread-safe; no allocation. Verified against the published SMHasher test vectors and pottery's
 * own doctest values (see {@code MurmurHash3Tests}).
 *
 * <pre>{@code
 * int hash = MurmurHash3.hash32("\"rajiv\"", 0);        // -768575023, as mmh3.hash('"rajiv"', 0)
 * long offset = Math.floorMod(hash, 959L);              // 183, pottery's first bit for 'rajiv' in a 959-bit filter
 * }</pre>
 *
 * @since 0.1.0
 */
public final class MurmurHash3 {

	private static final int C1 = 0xcc9e2d51;

	private static final int C2 = 0x1b873593;

	private MurmurHash3() {
	}

	/**
	 * The 32-bit hash of the UTF-8 bytes of a string, as {@code mmh3.hash(text, seed)} computes it.
	 *
	 * <pre>{@code
	 * MurmurHash3.hash32("\"rajiv\"", 1);  // 1683896911
	 * }</pre>
	 * @param text the text, hashed as UTF-8
	 * @param seed the seed (pottery uses {@code 0 .. k-1})
	 * @return the hash as a signed int
	 */
	public static int hash32(String text, int seed) {
		Assert.notNull(text, "'text' must not be null");
		return hash32(text.getBytes(StandardCharsets.UTF_8), seed);
	}

	/**
	 * The 32-bit hash of a byte array.
	 *
	 * <pre>{@code
	 * MurmurHash3.hash32(new byte[0], 1);  // 0x514E28B7
	 * }</pre>
	 * @param data the bytes
	 * @param seed the seed
	 * @return the hash as a signed int
	 */
	public static int hash32(byte[] data, int seed) {
		Assert.notNull(data, "'data' must not be null");
		return hash32(data, 0, data.length, seed);
	}

	/**
	 * The 32-bit hash of a range of a byte array.
	 *
	 * <pre>{@code
	 * MurmurHash3.hash32("x\"rajiv\"x".getBytes(StandardCharsets.US_ASCII), 1, 7, 0);  // -768575023
	 * }</pre>
	 * @param data the bytes
	 * @param offset the index of the first byte to hash
	 * @param length the number of bytes to hash
	 * @param seed the seed
	 * @return the hash as a signed int
	 * @throws IndexOutOfBoundsException if the range is not inside {@code data}
	 */
	public static int hash32(byte[] data, int offset, int length, int seed) {
		Assert.notNull(data, "'data' must not be null");
		Objects.checkFromIndexSize(offset, length, data.length);
		int h = seed;
		int end = offset + (length & ~3);
		for (int i = offset; i < end; i += 4) {
			int k = (data[i] & 0xff) | ((data[i + 1] & 0xff) << 8) | ((data[i + 2] & 0xff) << 16)
					| ((data[i + 3] & 0xff) << 24);
			h ^= mixK(k);
			h = Integer.rotateLeft(h, 13);
			h = h * 5 + 0xe6546b64;
		}
		int tail = length & 3;
		if (tail != 0) {
			int k = 0;
			if (tail == 3) {
				k ^= (data[end + 2] & 0xff) << 16;
			}
			if (tail >= 2) {
				k ^= (data[end + 1] & 0xff) << 8;
			}
			k ^= data[end] & 0xff;
			h ^= mixK(k);
		}
		h ^= length;
		h ^= h >>> 16;
		h *= 0x85ebca6b;
		h ^= h >>> 13;
		h *= 0xc2b2ae35;
		h ^= h >>> 16;
		return h;
	}

	private static int mixK(int k) {
		k *= C1;
		k = Integer.rotateLeft(k, 15);
		return k * C2;
	}

}
