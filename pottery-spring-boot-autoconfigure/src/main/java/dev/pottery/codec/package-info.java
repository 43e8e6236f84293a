/**
 * Pottery's canonical JSON, byte for byte what Python's {@code json.dumps(value, sort_keys=True)} writes: use
 * {@link dev.pottery.codec.PotteryJson}.
 */
@NullMarked
package dev.pottery.codec;

import org.jspecify.annotations.NullMarked;
