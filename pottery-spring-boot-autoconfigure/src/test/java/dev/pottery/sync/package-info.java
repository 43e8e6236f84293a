@NullMarked
package dev.pottery.sync;

import org.jspecify.annotations.NullMarked;
