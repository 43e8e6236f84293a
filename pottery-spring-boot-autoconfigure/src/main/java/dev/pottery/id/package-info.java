/**
 * Distributed, strictly increasing ids on independent Redis masters, data-compatible with Python pottery's
 * {@code NextID}.
 *
 * <p>Pick {@link dev.pottery.id.NextId} ({@link java.util.Iterator} and {@link java.util.function.LongSupplier}) in
 * blocking code and {@link dev.pottery.id.ReactiveNextId} in reactive code; both share one implementation and are
 * configured by {@link dev.pottery.id.NextIdOptions}.
 */
@NullMarked
package dev.pottery.id;

import org.jspecify.annotations.NullMarked;
