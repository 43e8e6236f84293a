/**
 * Not API: the implementations of {@code BloomFilter} and {@code HyperLogLog}, MurmurHash3 (the hash pottery's Bloom
 * filter uses), their scripts, and the {@code ProbabilisticFactory} that {@code dev.pottery.Pottery} opens them with.
 * They may change in any release without notice; application code should not import them.
 */
@NullMarked
package dev.pottery.internal.probabilistic;

import org.jspecify.annotations.NullMarked;
