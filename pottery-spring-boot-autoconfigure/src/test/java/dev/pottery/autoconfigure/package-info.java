@NullMarked
package dev.pottery.autoconfigure;

import org.jspecify.annotations.NullMarked;
