/**
 * Probabilistic structures in Redis, stored as Python pottery stores them. Pick {@link
 * dev.pottery.probabilistic.BloomFilter} to ask "have I seen this before?" for many values in little space (no false
 * negatives, a configurable false-positive rate), and {@link dev.pottery.probabilistic.HyperLogLog} to count distinct
 * values in at most 12 KB. {@link dev.pottery.Pottery} creates both (their implementations are internal);
 * the Bloom filter hashes with MurmurHash3, as pottery does (see {@link dev.pottery.probabilistic.BloomFilter}).
 */
@NullMarked
package dev.pottery.probabilistic;

import org.jspecify.annotations.NullMarked;
