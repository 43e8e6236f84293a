/**
 * Auto-configuration of ShedLock's {@code LockProvider} over Redlock, {@link dev.pottery.shedlock.RedlockLockProvider},
 * when ShedLock is on the classpath.
 */
@NullMarked
package dev.pottery.autoconfigure.shedlock;

import org.jspecify.annotations.NullMarked;
