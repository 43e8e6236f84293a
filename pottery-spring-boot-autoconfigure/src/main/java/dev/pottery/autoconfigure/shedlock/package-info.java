/**
 * ShedLock's {@code LockProvider} backed by Redlock, {@link RedlockLockProvider}, and its auto-configuration when
 * {@code shedlock-core} is on the classpath.
 */
@NullMarked
package dev.pottery.autoconfigure.shedlock;

import org.jspecify.annotations.NullMarked;
