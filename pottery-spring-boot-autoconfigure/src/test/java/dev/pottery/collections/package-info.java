/**
 * Tests of Pottery's Redis-backed collections.
 */
@NullMarked
package dev.pottery.collections;

import org.jspecify.annotations.NullMarked;
