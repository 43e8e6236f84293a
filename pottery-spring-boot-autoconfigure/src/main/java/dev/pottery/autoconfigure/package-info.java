/**
 * Spring Boot auto-configuration of Pottery for Spring, driven by {@code pottery.*} properties.
 */
@NullMarked
package dev.pottery.autoconfigure;

import org.jspecify.annotations.NullMarked;
