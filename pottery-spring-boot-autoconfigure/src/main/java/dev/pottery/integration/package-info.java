/**
 * Spring Integration's {@code LockRegistry} backed by Redlock: {@link dev.pottery.integration.RedlockLockRegistry}.
 * Needs {@code spring-integration-core} on the classpath.
 */
@NullMarked
package dev.pottery.integration;

import org.jspecify.annotations.NullMarked;
