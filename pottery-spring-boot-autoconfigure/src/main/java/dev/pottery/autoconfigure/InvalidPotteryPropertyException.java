package dev.pottery.autoconfigure;

import dev.pottery.lock.Masters;
import org.jspecify.annotations.Nullable;

/**
 * A {@code pottery.*} property has a value Pottery cannot use; {@link InvalidPotteryPropertyFailureAnalyzer} turns
 * it into a startup report naming the property, the (password-masked) value and the accepted forms.
 */
final class InvalidPotteryPropertyException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String property;

	private final @Nullable String value;

	private final String action;

	InvalidPotteryPropertyException(String property, @Nullable String value, String reason, String action) {
		this(property, value, reason, action, null);
	}

	InvalidPotteryPropertyException(String property, @Nullable String value, String reason, String action,
			@Nullable Throwable cause) {
		super("Invalid value " + ((value != null) ? "'" + Masters.mask(value) + "'" : "(none)") + " for property '"
				+ property + "': " + reason, cause);
		this.property = property;
		this.value = (value != null) ? Masters.mask(value) : null;
		this.action = action;
	}

	String getProperty() {
		return this.property;
	}

	@Nullable String getValue() {
		return this.value;
	}

	String getAction() {
		return this.action;
	}

}
