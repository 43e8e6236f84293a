/**
 * Spring Integration's {@code LockRegistry} backed by Redlock, {@link RedlockLockRegistry}, and its
 * auto-configuration when {@code spring-integration-core} is on the classpath.
 */
@NullMarked
package dev.pottery.autoconfigure.integration;

import org.jspecify.annotations.NullMarked;
