/**
 * Not API: the implementations of the {@code dev.pottery.collections} interfaces, their Lua scripts, and the
 * {@code CollectionFactory} that {@code dev.pottery.Pottery} opens them with. They may change in any release without
 * notice; application code should not import them.
 */
@NullMarked
package dev.pottery.internal.collections;

import org.jspecify.annotations.NullMarked;
