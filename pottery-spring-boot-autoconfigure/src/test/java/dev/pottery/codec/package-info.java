/**
 * Tests of Pottery's canonical JSON codec.
 */
@NullMarked
package dev.pottery.codec;

import org.jspecify.annotations.NullMarked;
