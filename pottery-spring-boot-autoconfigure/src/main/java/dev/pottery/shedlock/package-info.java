/**
 * ShedLock's {@code LockProvider} backed by Redlock: {@link dev.pottery.shedlock.RedlockLockProvider}. Needs
 * {@code shedlock-core} on the classpath.
 */
@NullMarked
package dev.pottery.shedlock;

import org.jspecify.annotations.NullMarked;
