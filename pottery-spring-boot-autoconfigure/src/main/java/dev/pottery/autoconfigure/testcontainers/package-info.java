/**
 * Testcontainers support: {@code @ServiceConnection(name = "redlock")} on Redis containers makes them the Redlock
 * masters ({@link dev.pottery.autoconfigure.RedlockMastersConnectionDetails}). Active only when
 * {@code spring-boot-testcontainers} is on the (test) classpath.
 */
@NullMarked
package dev.pottery.autoconfigure.testcontainers;

import org.jspecify.annotations.NullMarked;
