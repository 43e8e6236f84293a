/**
 * Distributed locks on independent Redis masters (the Redlock algorithm), data-compatible with Python pottery.
 *
 * <p>Pick {@link dev.pottery.lock.Redlock} (a {@link java.util.concurrent.locks.Lock} with try-with-resources
 * {@code acquire()}) in blocking code and {@link dev.pottery.lock.ReactiveRedlock} (Reactor {@code Mono}s) in
 * reactive code; both share one implementation and are configured by {@link dev.pottery.lock.RedlockOptions}.
 * {@link dev.pottery.lock.Masters} names the independent masters they (and {@code NextId}) run on. The exceptions of
 * locks and of the quorum they share with {@code NextId} live here too.
 */
@NullMarked
package dev.pottery.lock;

import org.jspecify.annotations.NullMarked;
