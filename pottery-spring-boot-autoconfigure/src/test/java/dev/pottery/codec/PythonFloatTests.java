package dev.pottery.codec;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Tests for {@link PythonFloat}, against tables of Python's own output ({@code python-float-repr.tsv} and
 * {@code python-float32-repr.tsv}, from {@code src/test/python/gen_codec_tables.py}).
 */
class PythonFloatTests {

	// doubles

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			0.0                     | 0.0
			-0.0                    | -0.0
			1.0                     | 1.0
			-1.5                    | -1.5
			100.0                   | 100.0
			0.1                     | 0.1
			0.30000000000000004     | 0.30000000000000004
			0.3333333333333333      | 0.3333333333333333
			1e15                    | 1000000000000000.0
			9999999999999998.0      | 9999999999999998.0
			1e16                    | 1e+16
			1.5e16                  | 1.5e+16
			123456789012345680.0    | 1.2345678901234568e+17
			1e21                    | 1e+21
			1e22                    | 1e+22
			1e23                    | 1e+23
			1e100                   | 1e+100
			0.0001                  | 0.0001
			0.00012345              | 0.00012345
			1e-5                    | 1e-05
			1.5e-5                  | 1.5e-05
			2.5e-7                  | 2.5e-07
			4.9e-324                | 5e-324
			2.2250738585072014E-308 | 2.2250738585072014e-308
			1.7976931348623157E308  | 1.7976931348623157e+308
			12345.678               | 12345.678
			2.0E-3                  | 0.002
			1.0E7                   | 10000000.0
			9007199254740993.0      | 9007199254740992.0
			NaN                     | NaN
			Infinity                | Infinity
			-Infinity               | -Infinity
			""")
	void reprOfDouble(double value, String expected) {
		assertThat(PythonFloat.repr(value)).isEqualTo(expected);
	}

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			2e23                  | 2e+23
			1e23                  | 1e+23
			8.41e21               | 8.41e+21
			5.684341886080802e-14 | 5.684341886080802e-14
			4.9e-324              | 5e-324
			2.82879384806159e17   | 2.82879384806159e+17
			3.160701594026542e17  | 3.160701594026542e+17
			""")
	void reprIsShortestWhereJdk17DoubleToStringIsNot(double value, String expected) {
		// JDK 17 writes these as 1.9999999999999998E23, 9.999999999999999E22, 8.409999999999999E21,
		// 5.6843418860808015E-14, 4.9E-324, 2.82879384806159008E17 and 3.1607015940265421E17
		assertThat(PythonFloat.repr(value)).isEqualTo(expected);
	}

	@Test
	void tiesBetweenShortestCandidatesGoToTheEvenDigit() {
		// 2^-25 is exactly 2.98023223876953125e-08: both 17-digit neighbours round-trip, Python keeps the even one
		assertThat(PythonFloat.repr(Math.scalb(1.0, -25))).isEqualTo("2.9802322387695312e-08");
		// 2^-24 = 5.9604644775390625e-08: only the upper 16-digit neighbour round-trips (power of two)
		assertThat(PythonFloat.repr(Math.scalb(1.0, -24))).isEqualTo("5.960464477539063e-08");
	}

	@Test
	void reprMatchesPythonForEveryRowOfTheFloatTable() {
		List<String[]> rows = readTable("python-float-repr.tsv");
		assertThat(rows).hasSizeGreaterThan(3000);
		List<String> mismatches = new ArrayList<>();
		for (String[] row : rows) {
			double value = Double.longBitsToDouble(Long.parseUnsignedLong(row[0], 16));
			String actual = PythonFloat.repr(value);
			if (!actual.equals(row[1])) {
				mismatches.add(row[0] + ": expected " + row[1] + " but was " + actual);
			}
		}
		assertThat(mismatches).isEmpty();
	}

	@Test
	void fastPathAgreesWithExactSearchOnRandomDoubles() {
		SplittableRandom random = new SplittableRandom(42);
		for (int i = 0; i < 5_000; i++) {
			double value = Double.longBitsToDouble(random.nextLong());
			if (!Double.isFinite(value) || value == 0.0) {
				continue;
			}
			double abs = Math.abs(value);
			PythonFloat.Decimal exact = PythonFloat.shortestExact(abs, 0.0f, false);
			StringBuilder expected = new StringBuilder((value < 0) ? "-" : "");
			PythonFloat.format(expected, Long.toString(exact.mantissa), exact.exponent);
			assertThat(PythonFloat.repr(value)).as("bits %016x", Double.doubleToRawLongBits(value))
				.isEqualTo(expected.toString());
		}
	}

	@Test
	void reprAlwaysReadsBackAsTheSameDouble() {
		SplittableRandom random = new SplittableRandom(7);
		List<String> failures = new ArrayList<>();
		for (int i = 0; i < 30_000; i++) {
			double value = Double.longBitsToDouble(random.nextLong());
			String text = PythonFloat.repr(value);
			if (!Double.isNaN(value) && Double.parseDouble(text) != value) {
				failures.add(text);
			}
		}
		assertThat(failures).isEmpty();
	}

	// floats

	@ParameterizedTest(name = "{0}f -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			0.1          | 0.1
			1.5          | 1.5
			-0.0         | -0.0
			16777216     | 16777216.0
			16777218     | 16777218.0
			1.0E10       | 10000000000.0
			3.4028235E38 | 3.4028235e+38
			1.4E-45      | 1e-45
			1.0E-5       | 1e-05
			3.3333334E-1 | 0.33333334
			""")
	void reprOfFloatUsesTheFloatsOwnShortestDigits(float value, String expected) {
		assertThat(PythonFloat.repr(value)).isEqualTo(expected);
	}

	@Test
	void reprOfFloatMatchesNumpyForEveryRowOfTheFloat32Table() {
		List<String[]> rows = readTable("python-float32-repr.tsv");
		assertThat(rows).isNotEmpty();
		List<String> mismatches = new ArrayList<>();
		for (String[] row : rows) {
			float value = Float.intBitsToFloat(Integer.parseUnsignedInt(row[0], 16));
			String actual = PythonFloat.repr(value);
			if (!actual.equals(row[1])) {
				mismatches.add(row[0] + ": expected " + row[1] + " but was " + actual);
			}
		}
		assertThat(mismatches).isEmpty();
	}

	@Test
	void floatFastPathAgreesWithExactSearchOnRandomFloats() {
		SplittableRandom random = new SplittableRandom(11);
		for (int i = 0; i < 20_000; i++) {
			float value = Float.intBitsToFloat(random.nextInt());
			if (!Float.isFinite(value) || value == 0.0f) {
				continue;
			}
			float abs = Math.abs(value);
			PythonFloat.Decimal exact = PythonFloat.shortestExact(abs, abs, true);
			StringBuilder expected = new StringBuilder((value < 0) ? "-" : "");
			PythonFloat.format(expected, Long.toString(exact.mantissa), exact.exponent);
			assertThat(PythonFloat.repr(value)).as("bits %08x", Float.floatToRawIntBits(value))
				.isEqualTo(expected.toString());
			assertThat(Float.parseFloat(expected.toString())).isEqualTo(value);
		}
	}

	// BigDecimal

	@ParameterizedTest(name = "{0} -> {1}")
	@CsvSource(delimiter = '|', textBlock = """
			1.50                                                    | 1.5
			5                                                       | 5.0
			-0.00                                                   | 0.0
			0.1                                                     | 0.1
			1E+16                                                   | 1e+16
			0.1000000000000000055511151231257827021181583404541015625 | 0.1
			0.10000000000000000001                                  | 0.10000000000000000001
			12345678901234567890.5                                  | 1.23456789012345678905e+19
			1E+400                                                  | 1e+400
			-1E-400                                                 | -1e-400
			0.00001234567890123456789                               | 1.234567890123456789e-05
			123.456789012345678901                                  | 123.456789012345678901
			""")
	void reprOfBigDecimal(BigDecimal value, String expected) {
		assertThat(PythonFloat.repr(value)).isEqualTo(expected);
	}

	private static List<String[]> readTable(String name) {
		InputStream in = PythonFloatTests.class.getResourceAsStream(name);
		Objects.requireNonNull(in, name);
		List<String[]> rows = new ArrayList<>();
		try (BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII))) {
			String line;
			while ((line = reader.readLine()) != null) {
				rows.add(line.split("\t", -1));
			}
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		return rows;
	}

}
