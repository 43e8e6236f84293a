package dev.pottery.probabilistic;

import dev.pottery.Pottery;
import dev.pottery.PotteryException;

/**
 * A Bloom filter was opened with parameters that give another size or hash count than the ones recorded beside it
 * in Redis. Using it would set and test the wrong bits, so every answer of both clients would be wrong; nothing was
 * written.
 *
 * <p>pottery keeps the size {@code m} and hash count {@code k} only in the client; Pottery for Spring records them in a
 * companion key {@code <key>:bloom-params} (see {@code dev.pottery.probabilistic.BloomFilter}). Open the filter with
 * the {@code numElements} and {@code falsePositives} it was created with, or use another key.
 *
 * @since 0.1.0
 */
public class BloomFilterMismatchException extends PotteryException {

	private static final long serialVersionUID = 1L;

	private final long recordedBits;

	private final int recordedHashes;

	private final long requestedBits;

	private final int requestedHashes;

	/**
	 * Create the exception.
	 * @param key the filter's key
	 * @param recorded a description of the recorded parameters, as found in Redis
	 * @param recordedBits the recorded size in bits ({@code m})
	 * @param recordedHashes the recorded hash count ({@code k})
	 * @param requested a description of the parameters the filter was opened with
	 * @param requestedBits the size the opening parameters give
	 * @param requestedHashes the hash count the opening parameters give
	 */
	public BloomFilterMismatchException(String key, String recorded, long recordedBits, int recordedHashes,
			String requested, long requestedBits, int requestedHashes) {
		super(key, "Bloom filter '" + key + "' was created with m=" + recordedBits + " bits and k=" + recordedHashes
				+ " hashes (recorded in '" + key + ":bloom-params': " + recorded + "), but was opened with " + requested
				+ ", which gives m=" + requestedBits + " and k=" + requestedHashes
				+ "; open it with the parameters it was created with, or use another key (if another client has "
				+ "re-created the filter with these parameters, delete '" + key + ":bloom-params')");
		this.recordedBits = recordedBits;
		this.recordedHashes = recordedHashes;
		this.requestedBits = requestedBits;
		this.requestedHashes = requestedHashes;
	}

	/**
	 * The size in bits recorded in Redis.
	 * @return {@code m} of the existing filter
	 */
	public long getRecordedBits() {
		return this.recordedBits;
	}

	/**
	 * The hash count recorded in Redis.
	 * @return {@code k} of the existing filter
	 */
	public int getRecordedHashes() {
		return this.recordedHashes;
	}

	/**
	 * The size in bits the opening parameters give.
	 * @return the requested {@code m}
	 */
	public long getRequestedBits() {
		return this.requestedBits;
	}

	/**
	 * The hash count the opening parameters give.
	 * @return the requested {@code k}
	 */
	public int getRequestedHashes() {
		return this.requestedHashes;
	}

}
