/**
 * {@link dev.pottery.sync.Synchronized}: one caller at a time, cluster-wide, for a Spring bean method.
 */
@NullMarked
package dev.pottery.sync;

import org.jspecify.annotations.NullMarked;
