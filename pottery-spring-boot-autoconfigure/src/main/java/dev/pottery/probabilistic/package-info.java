/**
 * Probabilistic structures in Redis, stored as Python pottery stores them. Pick {@link
 * dev.pottery.probabilistic.BloomFilter} to ask "have I seen this before?" for many values in little space (no false
 * negatives, a configurable false-positive rate), and {@link dev.pottery.probabilistic.HyperLogLog} to count distinct
 * values in at most 12 KB. {@link dev.pottery.probabilistic.ProbabilisticStructures} creates both;
 * {@link dev.pottery.probabilistic.MurmurHash3} is the hash the Bloom filter shares with pottery.
 */
@NullMarked
package dev.pottery.probabilistic;

import org.jspecify.annotations.NullMarked;
