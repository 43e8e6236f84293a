package dev.pottery.codec;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

import org.jspecify.annotations.Nullable;

/**
 * Formats floats exactly as Python's {@code repr(float)}, and so {@code json.dumps}, does.
 */
final class PythonFloat {

	private static final double TWO_POW_53 = 9007199254740992.0;

	private static final float TWO_POW_24 = 16777216.0f;

	private static final int MAX_LONG_DIGITS = 18;

	/** Decimals of at most this many digits read as distinct normal doubles (C's DBL_DIG). */
	private static final int DOUBLE_UNIQUE_DIGITS = 15;

	/** Decimals of at most this many digits read as distinct normal floats (C's FLT_DIG). */
	private static final int FLOAT_UNIQUE_DIGITS = 6;

	private PythonFloat() {
	}

	/**
	 * Python's {@code repr} of the given double.
	 * @param value the value
	 * @return the text, such as {@code 0.1}, {@code 1e+16} or {@code NaN}
	 */
	static String repr(double value) {
		StringBuilder out = new StringBuilder(24);
		append(out, value);
		return out.toString();
	}

	/**
	 * Python's {@code repr} of the double nearest to the float's own shortest decimal ({@code 0.1f} gives
	 * {@code 0.1}, not {@code 0.10000000149011612}).
	 * @param value the value
	 * @return the text
	 */
	static String repr(float value) {
		StringBuilder out = new StringBuilder(16);
		append(out, value);
		return out.toString();
	}

	/**
	 * The text for a {@code BigDecimal}: the double's {@code repr} when the value is exactly a double, otherwise its
	 * own digits (trailing zeros removed) in the same notation.
	 * @param value the value
	 * @return the text
	 */
	static String repr(BigDecimal value) {
		StringBuilder out = new StringBuilder(24);
		append(out, value);
		return out.toString();
	}

	static void append(StringBuilder out, double value) {
		if (appendSpecial(out, value)) {
			return;
		}
		double abs = Math.abs(value);
		if (value < 0) {
			out.append('-');
		}
		if (abs < TWO_POW_53 && abs == Math.rint(abs)) {
			// an integer below 2^53: its own digits are the shortest ones and 1e16 > 2^53 keeps it in fixed notation
			out.append((long) abs).append(".0");
			return;
		}
		Decimal decimal = shortest(abs, (float) abs, false);
		format(out, Long.toString(decimal.mantissa), decimal.exponent);
	}

	static void append(StringBuilder out, float value) {
		if (appendSpecial(out, value)) {
			return;
		}
		float abs = Math.abs(value);
		if (value < 0) {
			out.append('-');
		}
		if (abs < TWO_POW_24 && abs == (float) Math.rint(abs)) {
			out.append((long) abs).append(".0");
			return;
		}
		Decimal decimal = shortest(abs, abs, true);
		format(out, Long.toString(decimal.mantissa), decimal.exponent);
	}

	static void append(StringBuilder out, BigDecimal value) {
		double asDouble = value.doubleValue();
		if (!Double.isInfinite(asDouble) && new BigDecimal(asDouble).compareTo(value) == 0) {
			// exactly a double: write it as Python writes that float (BigDecimal has no negative zero)
			append(out, (asDouble == 0.0) ? 0.0 : asDouble);
			return;
		}
		BigDecimal stripped = value.stripTrailingZeros();
		if (stripped.signum() < 0) {
			out.append('-');
		}
		format(out, stripped.unscaledValue().abs().toString(), -stripped.scale());
	}

	private static boolean appendSpecial(StringBuilder out, double value) {
		if (Double.isNaN(value)) {
			out.append("NaN");
			return true;
		}
		if (Double.isInfinite(value)) {
			out.append((value > 0) ? "Infinity" : "-Infinity");
			return true;
		}
		if (value == 0.0) {
			out.append((Double.doubleToRawLongBits(value) < 0) ? "-0.0" : "0.0");
			return true;
		}
		return false;
	}

	/**
	 * Write {@code digits × 10^exponent} (digits without leading or trailing zeros) in Python's notation: fixed when
	 * the decimal point position {@code decpt} (value = 0.DIGITS × 10^decpt) satisfies {@code -4 < decpt <= 16},
	 * always with a digit after the point, otherwise {@code d[.ddd]e±XX}.
	 */
	static void format(StringBuilder out, String digits, int exponent) {
		int length = digits.length();
		int decpt = length + exponent;
		if (decpt > -4 && decpt <= 16) {
			if (decpt <= 0) {
				out.append("0.");
				for (int i = decpt; i < 0; i++) {
					out.append('0');
				}
				out.append(digits);
			}
			else if (decpt < length) {
				out.append(digits, 0, decpt).append('.').append(digits, decpt, length);
			}
			else {
				out.append(digits);
				for (int i = length; i < decpt; i++) {
					out.append('0');
				}
				out.append(".0");
			}
			return;
		}
		out.append(digits.charAt(0));
		if (length > 1) {
			out.append('.').append(digits, 1, length);
		}
		int e = decpt - 1;
		out.append((e < 0) ? "e-" : "e+");
		int absE = Math.abs(e);
		if (absE < 10) {
			out.append('0');
		}
		out.append(absE);
	}

	/**
	 * The shortest round-tripping decimal nearest to a finite positive value (ties to even), as Python's repr picks
	 * it. JDK 17's {@code Double.toString} is only a starting point: its digits round-trip but are not always the
	 * shortest. Starts from the JDK's digits and removes digits while a neighbour with one digit less still reads back as the value; this finds
	 * the shortest length because the set of round-tripping decimals is an interval. Among decimals of that length
	 * the one nearest to the exact value is then chosen, using exact arithmetic only when there is a choice.
	 */
	private static Decimal shortest(double doubleValue, float floatValue, boolean isFloat) {
		Decimal jdk = Decimal.parseJavaString(isFloat ? Float.toString(floatValue) : Double.toString(doubleValue));
		if (jdk == null || !roundTrips(jdk.mantissa, jdk.exponent, doubleValue, floatValue, isFloat)) {
			return shortestExact(doubleValue, floatValue, isFloat);
		}
		long mantissa = jdk.mantissa;
		int exponent = jdk.exponent;
		boolean normal = isFloat ? floatValue >= Float.MIN_NORMAL : doubleValue >= Double.MIN_NORMAL;
		if (normal && digitCount(mantissa) <= (isFloat ? FLOAT_UNIQUE_DIGITS : DOUBLE_UNIQUE_DIGITS)) {
			// two decimals this short never read as the same normal value: no other one of this length round-trips
			return jdk;
		}
		while (mantissa >= 10) {
			long down = mantissa / 10;
			if (roundTrips(down, exponent + 1, doubleValue, floatValue, isFloat)) {
				mantissa = down;
			}
			else if (roundTrips(down + 1, exponent + 1, doubleValue, floatValue, isFloat)) {
				mantissa = down + 1;
			}
			else {
				break;
			}
			exponent++;
			while (mantissa % 10 == 0) {
				mantissa /= 10;
				exponent++;
			}
		}
		boolean upRoundTrips = roundTrips(mantissa + 1, exponent, doubleValue, floatValue, isFloat);
		boolean downRoundTrips = isPowerOfTen(mantissa)
				? roundTrips(mantissa * 10 - 1, exponent - 1, doubleValue, floatValue, isFloat)
				: roundTrips(mantissa - 1, exponent, doubleValue, floatValue, isFloat);
		if (!upRoundTrips && !downRoundTrips) {
			return new Decimal(mantissa, exponent);
		}
		Decimal nearest = nearest(exact(doubleValue, floatValue, isFloat), digitCount(mantissa), doubleValue,
				floatValue, isFloat);
		return (nearest != null) ? nearest : new Decimal(mantissa, exponent);
	}

	/**
	 * The reference algorithm, on exact arithmetic only: for each precision from 1 digit, the nearest decimal of that
	 * precision if it round-trips, else its other neighbour if that does.
	 */
	static Decimal shortestExact(double doubleValue, float floatValue, boolean isFloat) {
		BigDecimal exact = exact(doubleValue, floatValue, isFloat);
		int maxPrecision = isFloat ? 9 : 17;
		for (int precision = 1; precision <= maxPrecision; precision++) {
			Decimal candidate = nearest(exact, precision, doubleValue, floatValue, isFloat);
			if (candidate != null) {
				return candidate;
			}
		}
		throw new IllegalStateException("No round-tripping decimal for " + exact);
	}

	private static BigDecimal exact(double doubleValue, float floatValue, boolean isFloat) {
		return new BigDecimal(isFloat ? (double) floatValue : doubleValue);
	}

	private static @Nullable Decimal nearest(BigDecimal exact, int precision, double doubleValue, float floatValue,
			boolean isFloat) {
		BigDecimal nearest = exact.round(new MathContext(precision, RoundingMode.HALF_EVEN));
		Decimal decimal = Decimal.of(nearest);
		if (roundTrips(decimal.mantissa, decimal.exponent, doubleValue, floatValue, isFloat)) {
			return decimal;
		}
		RoundingMode otherWay = (nearest.compareTo(exact) > 0) ? RoundingMode.FLOOR : RoundingMode.CEILING;
		Decimal other = Decimal.of(exact.round(new MathContext(precision, otherWay)));
		if (roundTrips(other.mantissa, other.exponent, doubleValue, floatValue, isFloat)) {
			return other;
		}
		return null;
	}

	private static boolean roundTrips(long mantissa, int exponent, double doubleValue, float floatValue,
			boolean isFloat) {
		String text = mantissa + "E" + exponent;
		return isFloat ? Float.parseFloat(text) == floatValue : Double.parseDouble(text) == doubleValue;
	}

	private static boolean isPowerOfTen(long value) {
		long power = 1;
		while (power < value) {
			power *= 10;
		}
		return power == value;
	}

	private static int digitCount(long value) {
		int count = 1;
		long limit = 10;
		while (count < 19 && value >= limit) {
			count++;
			limit *= 10;
		}
		return count;
	}

	/**
	 * A positive decimal {@code mantissa × 10^exponent} whose mantissa has no trailing zero.
	 */
	static final class Decimal {

		final long mantissa;

		final int exponent;

		Decimal(long mantissa, int exponent) {
			this.mantissa = mantissa;
			this.exponent = exponent;
		}

		static Decimal of(BigDecimal value) {
			BigDecimal stripped = value.stripTrailingZeros();
			return new Decimal(stripped.unscaledValue().longValueExact(), -stripped.scale());
		}

		/**
		 * Read {@code Double.toString}/{@code Float.toString} output ({@code 1.25}, {@code 1.0E-5}); {@code null}
		 * when it has too many digits for a {@code long}.
		 */
		static @Nullable Decimal parseJavaString(String text) {
			int e = text.indexOf('E');
			String significand = (e < 0) ? text : text.substring(0, e);
			int exponent = (e < 0) ? 0 : Integer.parseInt(text.substring(e + 1));
			long mantissa = 0;
			int digits = 0;
			boolean afterPoint = false;
			for (int i = 0; i < significand.length(); i++) {
				char c = significand.charAt(i);
				if (c == '.') {
					afterPoint = true;
					continue;
				}
				if (afterPoint) {
					exponent--;
				}
				if (mantissa == 0 && c == '0') {
					continue;
				}
				if (++digits > MAX_LONG_DIGITS) {
					return null;
				}
				mantissa = mantissa * 10 + (c - '0');
			}
			if (mantissa == 0) {
				return null;
			}
			while (mantissa % 10 == 0) {
				mantissa /= 10;
				exponent++;
			}
			return new Decimal(mantissa, exponent);
		}

		@Override
		public String toString() {
			return this.mantissa + "E" + this.exponent;
		}

	}

}
