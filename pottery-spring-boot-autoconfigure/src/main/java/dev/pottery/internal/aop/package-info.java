/**
 * Not API: the method interceptors behind {@code @Synchronized} and {@code @RedisCached}, which the
 * auto-configuration registers as Spring AOP advisors. They may change in any release without notice.
 */
@NullMarked
package dev.pottery.internal.aop;

import org.jspecify.annotations.NullMarked;
