package dev.pottery.codec;

import org.jspecify.annotations.Nullable;

/**
 * Reads the hot scalar cases (a string, an integer, a float, {@code true}, {@code false}, {@code null}) without the
 * mapper; anything else, including every malformed input, is left to the mapper.
 */
final class JsonScalarReader {

	/** Returned when the input is not one of the cases read here. */
	static final Object UNHANDLED = new Object();

	private static final int MAX_LONG_DIGITS = 18;

	private JsonScalarReader() {
	}

	/**
	 * Read {@code json} as the given type when it is {@code String}, {@code Long}, {@code Integer}, {@code Boolean},
	 * {@code Double} or {@code Object}.
	 * @param json the JSON text
	 * @param type the target type
	 * @param naturalNumbers whether numbers read as {@code Object} become {@code Integer}, {@code Long} or
	 * {@code Double} (the mapper's defaults)
	 * @return the value, {@code null} for JSON {@code null}, or {@link #UNHANDLED}
	 */
	static @Nullable Object read(String json, Class<?> type, boolean naturalNumbers) {
		if (type != String.class && type != Object.class && type != Long.class && type != Integer.class
				&& type != Double.class && type != Boolean.class) {
			return UNHANDLED;
		}
		if (json.isEmpty()) {
			return UNHANDLED;
		}
		if (json.equals("null")) {
			return null;
		}
		char first = json.charAt(0);
		if (type == String.class) {
			return (first == '"') ? readString(json) : UNHANDLED;
		}
		if (type == Long.class) {
			return readLong(json);
		}
		if (type == Integer.class) {
			return toInteger(readLong(json));
		}
		if (type == Boolean.class) {
			return readBoolean(json);
		}
		if (type == Double.class) {
			return readDouble(json);
		}
		if (first == '"') {
			return readString(json);
		}
		if (first == 't' || first == 'f') {
			return readBoolean(json);
		}
		if (!naturalNumbers) {
			return UNHANDLED;
		}
		Object number = readLong(json);
		if (number != UNHANDLED) {
			Object integer = toInteger(number);
			return (integer != UNHANDLED) ? integer : number;
		}
		// a float, or a non-numeric token; integers beyond 18 digits (Long or BigInteger) are left to the mapper
		boolean isFloat = json.indexOf('.') >= 0 || json.indexOf('e') >= 0 || json.indexOf('E') >= 0;
		return (isFloat || isNonNumericToken(json)) ? readDouble(json) : UNHANDLED;
	}

	private static boolean isNonNumericToken(String json) {
		return json.equals("NaN") || json.equals("Infinity") || json.equals("-Infinity");
	}

	private static Object readBoolean(String json) {
		if (json.equals("true")) {
			return Boolean.TRUE;
		}
		if (json.equals("false")) {
			return Boolean.FALSE;
		}
		return UNHANDLED;
	}

	private static Object toInteger(Object number) {
		if (number instanceof Long value && value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE) {
			return (int) (long) value;
		}
		return UNHANDLED;
	}

	private static Object readLong(String json) {
		int length = json.length();
		int i = (json.charAt(0) == '-') ? 1 : 0;
		int digits = length - i;
		if (digits < 1 || digits > MAX_LONG_DIGITS || (json.charAt(i) == '0' && digits > 1)) {
			return UNHANDLED;
		}
		long value = 0;
		for (; i < length; i++) {
			char c = json.charAt(i);
			if (c < '0' || c > '9') {
				return UNHANDLED;
			}
			value = value * 10 + (c - '0');
		}
		return (json.charAt(0) == '-') ? -value : value;
	}

	private static Object readDouble(String json) {
		switch (json) {
			case "NaN":
				return Double.NaN;
			case "Infinity":
				return Double.POSITIVE_INFINITY;
			case "-Infinity":
				return Double.NEGATIVE_INFINITY;
			default:
				Object integer = readLong(json);
				if (integer instanceof Long value) {
					// as the mapper reads an integer into a double: "-0" is 0.0
					return (double) value;
				}
				return isJsonNumber(json) ? (Object) Double.parseDouble(json) : UNHANDLED;
		}
	}

	/**
	 * Whether the text is exactly one number of the JSON grammar: {@code -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)?}.
	 */
	static boolean isJsonNumber(String text) {
		int length = text.length();
		int i = 0;
		if (i < length && text.charAt(i) == '-') {
			i++;
		}
		if (i >= length) {
			return false;
		}
		if (text.charAt(i) == '0') {
			i++;
		}
		else {
			int start = i;
			i = skipDigits(text, i);
			if (i == start) {
				return false;
			}
		}
		if (i < length && text.charAt(i) == '.') {
			int start = ++i;
			i = skipDigits(text, i);
			if (i == start) {
				return false;
			}
		}
		if (i < length && (text.charAt(i) == 'e' || text.charAt(i) == 'E')) {
			i++;
			if (i < length && (text.charAt(i) == '+' || text.charAt(i) == '-')) {
				i++;
			}
			int start = i;
			i = skipDigits(text, i);
			if (i == start) {
				return false;
			}
		}
		return i == length;
	}

	private static int hexDigit(char c) {
		if (c >= '0' && c <= '9') {
			return c - '0';
		}
		if (c >= 'a' && c <= 'f') {
			return c - 'a' + 10;
		}
		if (c >= 'A' && c <= 'F') {
			return c - 'A' + 10;
		}
		return -1;
	}

	private static int skipDigits(String text, int from) {
		int i = from;
		while (i < text.length() && text.charAt(i) >= '0' && text.charAt(i) <= '9') {
			i++;
		}
		return i;
	}

	/**
	 * Read a string literal that is the whole input, with the escapes JSON defines; lone surrogates are kept, as
	 * Python keeps them.
	 */
	private static Object readString(String json) {
		int length = json.length();
		int i = 1;
		while (i < length) {
			char c = json.charAt(i);
			if (c == '"') {
				return (i == length - 1) ? json.substring(1, i) : UNHANDLED;
			}
			if (c == '\\') {
				break;
			}
			if (c < 0x20) {
				return UNHANDLED;
			}
			i++;
		}
		if (i >= length) {
			return UNHANDLED;
		}
		StringBuilder out = new StringBuilder(length);
		out.append(json, 1, i);
		while (i < length) {
			char c = json.charAt(i++);
			if (c == '"') {
				return (i == length) ? out.toString() : UNHANDLED;
			}
			if (c < 0x20) {
				return UNHANDLED;
			}
			if (c != '\\') {
				out.append(c);
				continue;
			}
			if (i >= length) {
				return UNHANDLED;
			}
			char escape = json.charAt(i++);
			switch (escape) {
				case '"', '\\', '/' -> out.append(escape);
				case 'b' -> out.append('\b');
				case 'f' -> out.append('\f');
				case 'n' -> out.append('\n');
				case 'r' -> out.append('\r');
				case 't' -> out.append('\t');
				case 'u' -> {
					if (i + 4 > length) {
						return UNHANDLED;
					}
					int code = 0;
					for (int end = i + 4; i < end; i++) {
						int digit = hexDigit(json.charAt(i));
						if (digit < 0) {
							return UNHANDLED;
						}
						code = (code << 4) | digit;
					}
					out.append((char) code);
				}
				default -> {
					return UNHANDLED;
				}
			}
		}
		return UNHANDLED;
	}

}
