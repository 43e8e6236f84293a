/**
 * Tests of Pottery's Bloom filter, HyperLogLog and MurmurHash3, against real Redis and tables computed from pottery's
 * formulas.
 */
@NullMarked
package dev.pottery.probabilistic;

import dev.pottery.internal.probabilistic.MurmurHash3;
import org.jspecify.annotations.NullMarked;
