/**
 * Auto-configuration of Spring Integration's {@code LockRegistry} over Redlock,
 * {@link dev.pottery.integration.RedlockLockRegistry}, when Spring Integration is on the classpath.
 */
@NullMarked
package dev.pottery.autoconfigure.integration;

import org.jspecify.annotations.NullMarked;
