/**
 * Independent Redis masters and the one quorum engine under {@code Redlock} and {@code NextId}.
 *
 * <p>Pick {@link dev.pottery.quorum.Masters} to name the masters (URLs or existing connection factories); the
 * primitives in {@code dev.pottery.lock} and {@code dev.pottery.id} run on it. {@link dev.pottery.quorum.Quorum} is
 * the engine they share: it sends one command to every master concurrently, completes as soon as a majority agrees
 * or a majority has become impossible, applies a per-master timeout and lets the caller chain a follow-up command on
 * every master after the first one. Application code rarely calls it directly.
 */
@NullMarked
package dev.pottery.quorum;

import org.jspecify.annotations.NullMarked;
