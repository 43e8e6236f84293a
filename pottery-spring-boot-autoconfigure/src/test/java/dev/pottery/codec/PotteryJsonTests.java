package dev.pottery.codec;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.annotation.JsonTypeInfo;
import dev.pottery.EncodingException;
import dev.pottery.codec.CodecFixtures.Color;
import dev.pottery.codec.CodecFixtures.Person;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;

import static dev.pottery.codec.CodecFixtures.map;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link PotteryJson} beyond the Python tables: failures, decoding paths, the mapper's settings and safety.
 */
class PotteryJsonTests {

	private final PotteryJson json = PotteryJson.create();

	// encode

	@Test
	void encodeSortsKeysByCodePointNotByUtf16() {
		// String.compareTo puts U+1F600 (D83D DE00) before U+FF21; Python puts it after
		assertThat("\ud83d\ude00".compareTo("\uff21")).isNegative();
		assertThat(this.json.encode(map("\ud83d\ude00", 1, "\uff21", 2))).isEqualTo("{\"\\uff21\": 2, \"\\ud83d\\ude00\": 1}");
	}

	@Test
	void compareCodePointsOrdersAsPythonStrings() {
		assertThat(CanonicalJsonWriter.compareCodePoints("\uffff", "\ud800\udc00")).isNegative();
		assertThat(CanonicalJsonWriter.compareCodePoints("\ud800", "\ud800\udc00")).isNegative();
		assertThat(CanonicalJsonWriter.compareCodePoints("\ud800\uffff", "\ud800\udc00")).isNegative();
		assertThat(CanonicalJsonWriter.compareCodePoints("\ud83d\ude00", "\ud83d\ude01")).isNegative();
		assertThat(CanonicalJsonWriter.compareCodePoints("\ud800x", "\ud800y")).isNegative();
		assertThat(CanonicalJsonWriter.compareCodePoints("\udc00", "\ue000")).isNegative();
		assertThat(CanonicalJsonWriter.compareCodePoints("a", "ab")).isNegative();
		assertThat(CanonicalJsonWriter.compareCodePoints("B", "a")).isNegative();
		assertThat(CanonicalJsonWriter.compareCodePoints("abc", "abc")).isZero();
	}

	@Test
	void encodeWithKeyWritesTheSameText() {
		assertThat(this.json.encode("users", map("b", 1, "a", 2))).isEqualTo(this.json.encode(map("b", 1, "a", 2)));
	}

	@Test
	void encodeWritesEnumsByNameNotToString() {
		assertThat(this.json.encode(Color.RED)).isEqualTo("\"RED\"");
		assertThat(this.json.encode(Map.of(Color.RED, 1))).isEqualTo("{\"RED\": 1}");
	}

	@Test
	void encodeWritesOtherKeyTypesAsTheMapperDoes() {
		UUID id = UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
		assertThat(this.json.encode(Map.of(id, 1))).isEqualTo("{\"123e4567-e89b-12d3-a456-426614174000\": 1}");
		assertThat(this.json.encode(Map.of(LocalDate.of(2024, 2, 29), 1))).isEqualTo("{\"2024-02-29\": 1}");
		assertThat(this.json.encode(map('b', 1, "a", 2))).isEqualTo("{\"a\": 2, \"b\": 1}");
	}

	@Test
	void encodeSortsNumericKeysByValueAcrossTypes() {
		assertThat(this.json.encode(map(2.5, "a", 2, "b", new BigDecimal("2.25"), "c", true, "d", -1L, "e")))
			.isEqualTo("{\"-1\": \"e\", \"true\": \"d\", \"2\": \"b\", \"2.25\": \"c\", \"2.5\": \"a\"}");
		assertThat(this.json.encode(map(Double.POSITIVE_INFINITY, 1, 1e300, 2)))
			.isEqualTo("{\"1e+300\": 2, \"Infinity\": 1}");
	}

	@Test
	void encodeWhenMapMixesStringAndNumberKeysThrows() {
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.encode("k", map("a", 1, 2, 3)))
			.withMessageContaining("java.util.LinkedHashMap")
			.withMessageContaining("'k'")
			.withMessageContaining("String a")
			.withMessageContaining("Integer 2")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("k"));
	}

	@Test
	void encodeWhenMapMixesNullAndOtherKeysThrows() {
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.encode(map(null, 1, "a", 2)))
			.withMessageContaining("cannot be sorted together");
	}

	@Test
	void encodeWhenTwoKeysAreWrittenAlikeThrows() {
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.encode(map(1, "a", 1L, "b")))
			.withMessageContaining("both written as \"1\"");
		assertThatExceptionOfType(EncodingException.class)
			.isThrownBy(() -> this.json.encode(map(Color.RED, 1, "RED", 2)))
			.withMessageContaining("both written as \"RED\"");
	}

	@Test
	void encodeWritesCollectionsArraysAndOptionals() {
		assertThat(this.json.encode(new ArrayDeque<>(List.of(1, 2)))).isEqualTo("[1, 2]");
		assertThat(this.json.encode(new TreeSet<>(List.of("b", "a")))).isEqualTo("[\"a\", \"b\"]");
		assertThat(this.json.encode(new char[] { 'h', '\u00e9' })).isEqualTo("\"h\\u00e9\"");
		assertThat(this.json.encode(new float[] { 0.1f })).isEqualTo("[0.1]");
		assertThat(this.json.encode(OptionalInt.of(3))).isEqualTo("3");
		assertThat(this.json.encode(List.of(Optional.empty(), Optional.of(Optional.of(1.0))))).isEqualTo("[null, 1.0]");
	}

	@Test
	void encodeWritesJsonTreesCanonically() {
		JsonNode tree = this.json.mapper().readTree("{\"b\":1,\"a\":[1.0,\"\u00e9\",1E+2,12345678901234567890]}");
		assertThat(this.json.encode(tree)).isEqualTo("{\"a\": [1.0, \"\\u00e9\", 100.0, 12345678901234567890], \"b\": 1}");
	}

	@Test
	void encodeWritesNumbersInsideBeansByTheirJavaType() {
		Measures measures = new Measures(0.1f, new BigDecimal("1.50"), Double.NaN, 9007199254740993L, 1e16);
		assertThat(this.json.encode(measures))
			.isEqualTo("{\"big\": 9007199254740993, \"decimal\": 1.5, \"huge\": 1e+16, \"nan\": NaN, \"single\": 0.1}");
	}

	@Test
	void encodeWritesMapsInsideBeansWithTheMappersKeyStrings() {
		// inside a record the mapper writes the keys; they are sorted as the strings Python would read back
		assertThat(this.json.encode(new Holder(Map.of(10, "a", 9, "b")))).isEqualTo("{\"values\": {\"10\": \"a\", \"9\": \"b\"}}");
	}

	@Test
	void encodeWhenTheMapperCannotWriteTheTypeThrowsNamingIt() {
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.encode("k", new Opaque()))
			.withMessageStartingWith("Cannot encode a value of type " + Opaque.class.getName() + " for key 'k': ")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("k"));
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.encode(List.of(new Opaque())))
			.withMessageStartingWith(
					"Cannot encode a value of type " + Opaque.class.getName() + " (inside a java.util.ImmutableCollections$List12): ");
	}

	@Test
	void encodeWhenAGetterThrowsThrowsNamingTheType() {
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.encode(new Failing()))
			.withMessageContaining(Failing.class.getName())
			.withMessageContaining("broken");
	}

	@Test
	void encodeWhenAListContainsItselfThrows() {
		List<Object> list = new ArrayList<>();
		list.add(list);
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.encode("k", list))
			.withMessageContaining("java.util.ArrayList")
			.withMessageContaining("more than 1000 levels deep");
	}

	@Test
	void encodeWhenAMapContainsItselfThrows() {
		Map<@Nullable Object, @Nullable Object> map = map("a", 1);
		map.put("self", List.of(map));
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.encode(map))
			.withMessageContaining("more than 1000 levels deep");
	}

	@Test
	void encodeWhenBeansFormACycleThrows() {
		Link first = new Link();
		Link second = new Link();
		first.next = second;
		second.next = first;
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.encode(first))
			.withMessageContaining(Link.class.getName());
		Link self = new Link();
		self.next = self;
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.encode(self))
			.withMessageContaining(Link.class.getName());
	}

	@Test
	void encodeAllowsNestingUpTo1000Levels() {
		assertThat(this.json.encode(nested(1000))).startsWith("[[[").endsWith("]]]");
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.encode(nested(1001)));
		assertThat(this.json.decode(null, this.json.encode(nested(1000)))).isInstanceOf(List.class);
	}

	private static List<Object> nested(int depth) {
		List<Object> root = new ArrayList<>();
		List<Object> current = root;
		for (int i = 1; i < depth; i++) {
			List<Object> child = new ArrayList<>();
			current.add(child);
			current = child;
		}
		return root;
	}

	// decode

	@ParameterizedTest
	@ValueSource(strings = { "\"abc\"", "\"a\\u00e9\\n\\\"\\/\\\\\"", "\"\\ud800\"", "\"\u00e9\"", "\"\"", "0", "-0", "42",
			"-9223372036854775808", "123456789012345678", "2147483648", "-2147483649", "1.5", "-0.0", "1e400", "1E+2",
			"NaN", "Infinity", "-Infinity", "true", "false", "null", "\"x\" ", " 1", "01", "1.", "-", "\"a\tb\"",
			"\"\\x\"", "\"\\u12\"", "\"\\u0660\"", "\"\\u\u0661\u0662\u0663\u0664\"", "\"a\" \"b\"", "[1]", "{}", "nope", "" })
	void decodeScalarFastPathsAgreeWithTheMapper(String text) {
		for (Class<?> type : List.of(Object.class, String.class, Long.class, Integer.class, Double.class, Boolean.class)) {
			Object expected;
			try {
				expected = this.json.mapper().readValue(text, type);
			}
			catch (RuntimeException ex) {
				assertThatExceptionOfType(EncodingException.class).as("%s as %s", text, type)
					.isThrownBy(() -> this.json.decode("k", text, type));
				continue;
			}
			Object byClass = this.json.decode("k", text, type);
			Object byJavaType = this.json.decode("k", text, this.json.constructType(type));
			assertThat(byClass).as("%s as %s", text, type).isEqualTo(expected);
			assertThat(byJavaType).as("%s as %s", text, type).isEqualTo(expected);
		}
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"a\": ", "nope", "[1, 2] trailing", "{\"name\": \"Ada\"} {}", "\"unterminated" })
	void decodeWhenTheTextIsNotJsonThrowsNamingKeyTypeAndText(String text) {
		assertThatExceptionOfType(EncodingException.class)
			.isThrownBy(() -> this.json.decode("users:1", text, Person.class))
			.withMessageStartingWith("Cannot decode the value of key 'users:1' as " + Person.class.getName() + ": ")
			.withMessageEndingWith("(value: " + text + ")")
			.satisfies((ex) -> assertThat(ex.getKey()).isEqualTo("users:1"));
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.decode(null, text))
			.withMessageStartingWith("Cannot decode a value as java.lang.Object: ");
	}

	@Test
	void decodeFailureShowsAtMost80CharactersOfTheText() {
		String text = "[" + "1, ".repeat(100) + "oops]";
		assertThatExceptionOfType(EncodingException.class)
			.isThrownBy(() -> this.json.decode("k", text, new ParameterizedTypeReference<List<Integer>>() {
			}))
			.withMessageContaining("as java.util.List<java.lang.Integer>")
			.withMessageEndingWith("(value: " + text.substring(0, 80) + "\u2026)");
		assertThat(PotteryJson.excerpt("x".repeat(78) + "\ud83d\ude00")).isEqualTo("x".repeat(78) + "\ud83d\ude00");
		assertThat(PotteryJson.excerpt("x".repeat(79) + "\ud83d\ude00!")).isEqualTo("x".repeat(79) + "\u2026");
	}

	@Test
	void decodeWhenAFloatIsReadAsAnIntegerThrows() {
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.decode("k", "1.5", Long.class));
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.decode("k", "2.0", int.class));
	}

	@Test
	void decodeIgnoresUnknownProperties() {
		String text = "{\"age\": 36, \"name\": \"Ada\", \"nickname\": null, \"score\": 1.0, \"tags\": [], \"added\": {\"x\": 1}}";
		assertThat(this.json.decode("k", text, Person.class)).isEqualTo(new Person("Ada", 36, 1.0, List.of(), null));
	}

	@Test
	void decodeReadsEnumsByName() {
		assertThat(this.json.decode("k", "\"GREEN\"", Color.class)).isEqualTo(Color.GREEN);
		assertThatExceptionOfType(EncodingException.class)
			.isThrownBy(() -> this.json.decode("k", "\"colour green\"", Color.class));
	}

	@Test
	void decodeWithResolvableType() {
		assertThat(this.json.decode("k", "[1, 2]", ResolvableType.forClassWithGenerics(List.class, Long.class)))
			.isEqualTo(List.of(1L, 2L));
		assertThat(this.json.decode("k", "{\"a\": 1}", ResolvableType.NONE)).isEqualTo(Map.of("a", 1));
		assertThat(this.json.decode("k", "\"x\"", ResolvableType.forClass(String.class))).isEqualTo("x");
	}

	@Test
	void decodeWithJavaType() {
		JavaType type = this.json.constructType(new ParameterizedTypeReference<Map<String, List<Double>>>() {
		}.getType());
		Map<String, List<Double>> value = this.json.decode("k", "{\"a\": [1, 2.5]}", type);
		assertThat(value).isEqualTo(Map.of("a", List.of(1.0, 2.5)));
	}

	@Test
	void decodeNullGivesNullForAnyReferenceType() {
		assertThat(this.json.decode("k", "null", Person.class)).isNull();
		assertThat(this.json.decode("k", "null", String.class)).isNull();
		assertThat(this.json.decode("k", "null")).isNull();
	}

	@Test
	void decodeWithAMapperUsingBigDecimalsSkipsTheNumberFastPath() {
		PotteryJson decimals = PotteryJson
			.of(PotteryJson.defaultMapperBuilder().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS).build());
		assertThat(decimals.decode(null, "0.1")).isEqualTo(new BigDecimal("0.1"));
		assertThat(decimals.encode(decimals.decode(null, "[0.1, 1e+16]"))).isEqualTo("[0.1, 1e+16]");
	}

	// safety

	@Test
	void decodeRefusesClassNamesInTypeInformation() {
		String text = "{\"payload\": {\"@class\": \"java.lang.ProcessBuilder\", \"command\": [\"touch\", \"/tmp/pwned\"]}}";
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.decode("k", text, Envelope.class))
			.withMessageContaining("java.lang.ProcessBuilder");
	}

	@Test
	void decodeNeverInstantiatesAClassNamedByTheData() {
		Gadget.created.set(0);
		String text = "{\"payload\": {\"@class\": \"" + Gadget.class.getName() + "\"}}";
		assertThatExceptionOfType(EncodingException.class).isThrownBy(() -> this.json.decode("k", text, Envelope.class));
		assertThat(Gadget.created).hasValue(0);
	}

	@Test
	void decodeUntypedNeverUsesTypeInformation() {
		assertThat(this.json.decode("k", "[\"java.lang.ProcessBuilder\", {\"command\": [\"true\"]}]"))
			.isEqualTo(List.of("java.lang.ProcessBuilder", Map.of("command", List.of("true"))));
		assertThat(this.json.decode("k", "{\"@class\": \"java.lang.ProcessBuilder\"}", Object.class))
			.isEqualTo(Map.of("@class", "java.lang.ProcessBuilder"));
	}

	// fixtures

	/**
	 * A class the mapper cannot write: it has no properties.
	 */
	static final class Opaque {

		@Override
		public String toString() {
			return "opaque";
		}

	}

	static final class Failing {

		public String getValue() {
			throw new IllegalStateException("broken");
		}

	}

	static final class Link {

		public @Nullable Link next;

	}

	record Holder(Map<Integer, String> values) {
	}

	record Measures(float single, BigDecimal decimal, double nan, long big, double huge) {
	}

	static final class Envelope {

		@JsonTypeInfo(use = JsonTypeInfo.Id.CLASS)
		public @Nullable Object payload;

	}

	static final class Gadget {

		static final AtomicInteger created = new AtomicInteger();

		Gadget() {
			created.incrementAndGet();
		}

	}

}
