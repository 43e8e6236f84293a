/**
 * Not API: Pottery's shared machinery, public only so that its other packages can use it. It may change in any
 * release without notice; application code should not import it.
 *
 * <p>{@link dev.pottery.internal.Quorum} is the one quorum engine under {@code Redlock} and {@code NextId}: it sends
 * one command to every master ({@link dev.pottery.internal.Master}) concurrently, completes as soon as a majority
 * agrees or a majority has become impossible ({@link dev.pottery.internal.QuorumOutcome}), applies a per-master
 * timeout and lets the caller chain a follow-up command on every master after the first one.
 * {@link dev.pottery.internal.LuaScript} runs the bundled Lua scripts with EVALSHA, {@link dev.pottery.internal.Blocking}
 * turns futures into interruptible blocking calls, {@code StructureSupport} is what every Redis structure is built on,
 * and the two interceptors implement {@code @Synchronized} and {@code @RedisCached}.
 */
@NullMarked
package dev.pottery.internal;

import org.jspecify.annotations.NullMarked;
