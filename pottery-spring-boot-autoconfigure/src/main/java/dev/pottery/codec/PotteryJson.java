package dev.pottery.codec;

import java.lang.reflect.Type;

import dev.pottery.EncodingException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.StreamWriteConstraints;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.core.json.JsonReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.cfg.EnumFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.jsontype.BasicPolymorphicTypeValidator;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;
import org.springframework.util.Assert;

/**
 * The one JSON codec of Pottery for Spring: turns Java values into the exact text Python's
 * {@code json.dumps(value, sort_keys=True)} writes, and reads such text back.
 *
 * <p><b>How values are stored.</b> Every element, field, member and value a Pottery structure keeps in Redis is this
 * canonical JSON, as wire-format.md section 1.2 ("Value encoding: canonical JSON") describes: separators
 * {@code ", "} and {@code ": "}, everything outside printable ASCII escaped as lowercase {@code \}{@code uXXXX},
 * object keys sorted by Unicode code point at every level, integers in plain decimal of any size, and floats as
 * Python's {@code repr} ({@code 1.0}, {@code 1e+16}, {@code 1e-05}, {@code NaN}). Because hash fields and set members
 * are found by their bytes, a Java service and a Python pottery service writing the same value produce the same
 * string and find each other's entries.
 *
 * <p><b>Which Java types.</b> {@code String}, {@code CharSequence} and {@code Character} are JSON strings; {@code Byte}
 * to {@code Long}, {@code BigInteger}, {@code AtomicInteger} and {@code AtomicLong} are integers; {@code Double} is a
 * Python float; a {@code Float} is written with its own shortest digits ({@code 0.1f} gives {@code 0.1}); a
 * {@code BigDecimal} that is exactly a double is written as that double, any other with all its digits in the same
 * notation. Maps are objects whose keys may be strings, numbers (sorted by value, so {@code {10: "a", 9: "b"}} gives
 * {@code {"9": "b", "10": "a"}}), booleans ({@code "true"}), {@code null} ({@code "null"}) or any type the mapper can
 * write as a map key (an enum gives its name); keys that Python could not sort together, such as a string and a
 * number, are refused. Collections and arrays are JSON arrays (a {@code Set} in its iteration order: prefer a sorted
 * or insertion-ordered set when its encoding must be stable); {@code byte[]} is a base64 string, as Jackson writes it;
 * {@code Optional} is its value or {@code null}. Everything else (records, beans, enums, {@code UUID},
 * {@code java.time} types) is first turned into a tree by the {@linkplain #mapper() mapper}, honouring its
 * annotations and customisation, and that tree is written canonically; maps inside such values are written with the
 * key strings the mapper produces, sorted as strings.
 *
 * <p><b>Reading.</b> Decoding accepts any valid JSON (plus {@code NaN}, {@code Infinity} and {@code -Infinity}) and
 * builds the requested type through the mapper. Untyped, it gives what Python's {@code json.loads} gives, in Java
 * types: {@code LinkedHashMap}, {@code ArrayList}, {@code String}, {@code Integer}/{@code Long}/{@code BigInteger},
 * {@code Double}, {@code Boolean} and {@code null}. Unknown properties are ignored, so a record still reads when
 * another service has added a field. Polymorphic type information naming a class ({@code @JsonTypeInfo(use = CLASS)})
 * is refused, so data read from Redis can never choose a class to instantiate; use {@code JsonTypeInfo.Id.NAME} with
 * registered subtypes instead. Strings, integers, floats, booleans and {@code null} read as {@code String},
 * {@code Long}, {@code Integer}, {@code Double}, {@code Boolean} or {@code Object}, and the scalars listed above when
 * written, skip the mapper entirely.
 *
 * <p><b>Thread-safety and cost.</b> Instances are immutable and thread-safe; share one. The codec never talks to
 * Redis; encoding a string, an integer or a double and decoding a scalar take well under a microsecond.
 *
 * <pre>{@code
 * PotteryJson json = PotteryJson.create();
 * json.encode(Map.of("b", 1, "a", List.of(1.0, "x")));  // {"a": [1.0, "x"], "b": 1}
 * json.encode(Map.of(10, "a", 9, "b"));                 // {"9": "b", "10": "a"}
 * List<Integer> ids = json.decode("users", "[1, 2]", new ParameterizedTypeReference<List<Integer>>() { });
 * }</pre>
 *
 * @since 0.1.0
 */
public final class PotteryJson {

	private final JsonMapper mapper;

	private final JavaType objectType;

	private final boolean naturalNumbers;

	private PotteryJson(JsonMapper mapper) {
		this.mapper = mapper;
		this.objectType = mapper.constructType(Object.class);
		this.naturalNumbers = !mapper.isEnabled(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
				&& !mapper.isEnabled(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
				&& !mapper.isEnabled(DeserializationFeature.USE_LONG_FOR_INTS);
	}

	/**
	 * Create a codec with the {@linkplain #defaultMapperBuilder() default mapper}.
	 *
	 * <pre>{@code
	 * PotteryJson json = PotteryJson.create();
	 * json.encode(1e16);  // 1e+16
	 * }</pre>
	 * @return a new codec
	 */
	public static PotteryJson create() {
		return new PotteryJson(defaultMapperBuilder().build());
	}

	/**
	 * Create a codec around the given mapper, which writes the types this codec does not write itself and reads
	 * everything that is not a plain scalar. Build the mapper from {@link #defaultMapperBuilder()} to keep its
	 * safety settings; the canonical form of the output does not depend on the mapper's output settings (indenting,
	 * property order, escaping), since the codec writes the text itself.
	 *
	 * <pre>{@code
	 * JsonMapper mapper = PotteryJson.defaultMapperBuilder().addMixIn(Point.class, PointMixin.class).build();
	 * PotteryJson json = PotteryJson.of(mapper);
	 * }</pre>
	 * @param mapper the mapper to use
	 * @return a new codec
	 */
	public static PotteryJson of(JsonMapper mapper) {
		Assert.notNull(mapper, "'mapper' must not be null");
		return new PotteryJson(mapper);
	}

	/**
	 * A mapper builder with Pottery's settings, for customisation before {@link #of(JsonMapper)}: reads
	 * {@code NaN}/{@code Infinity}/{@code -Infinity} as Python writes them; fails on trailing content and on reading a
	 * float into an integer type; ignores unknown properties (forward compatibility when another service adds a
	 * field); fails on beans without properties instead of writing {@code {}}; reads and writes enums by
	 * {@code name()} rather than {@code toString()}; never activates default typing and refuses every class-name based
	 * subtype; allows 1000 levels of nesting, about what Python's own recursion limit allows.
	 *
	 * <pre>{@code
	 * JsonMapper mapper = PotteryJson.defaultMapperBuilder()
	 *     .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
	 *     .build();
	 * }</pre>
	 * @return a new builder
	 */
	public static JsonMapper.Builder defaultMapperBuilder() {
		JsonFactory factory = JsonFactory.builder()
			.streamReadConstraints(
					StreamReadConstraints.builder().maxNestingDepth(CanonicalJsonWriter.MAX_DEPTH).build())
			.streamWriteConstraints(
					StreamWriteConstraints.builder().maxNestingDepth(CanonicalJsonWriter.MAX_DEPTH).build())
			.build();
		return JsonMapper.builder(factory)
			.enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
			.enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
			.disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
			.enable(SerializationFeature.FAIL_ON_EMPTY_BEANS)
			.disable(EnumFeature.WRITE_ENUMS_USING_TO_STRING, EnumFeature.READ_ENUMS_USING_TO_STRING)
			.deactivateDefaultTyping()
			.polymorphicTypeValidator(BasicPolymorphicTypeValidator.builder().build());
	}

	/**
	 * The mapper behind this codec.
	 *
	 * <pre>{@code
	 * JsonNode tree = json.mapper().readTree(stored);
	 * }</pre>
	 * @return the mapper
	 */
	public JsonMapper mapper() {
		return this.mapper;
	}

	/**
	 * The mapper's type for a Java type, to pass to {@link #decode(String, String, JavaType)} repeatedly without
	 * resolving it each time.
	 *
	 * <pre>{@code
	 * JavaType type = json.constructType(method.getGenericReturnType());
	 * }</pre>
	 * @param type a class, parameterized type or other reflective type
	 * @return the resolved type
	 */
	public JavaType constructType(Type type) {
		Assert.notNull(type, "'type' must not be null");
		return this.mapper.constructType(type);
	}

	/**
	 * Encode a value as canonical JSON.
	 *
	 * <pre>{@code
	 * json.encode(0.1 + 0.2);  // 0.30000000000000004
	 * }</pre>
	 * @param value the value, possibly {@code null} (written as {@code null})
	 * @return the canonical JSON text, pure ASCII
	 * @throws EncodingException if the value cannot be encoded: the mapper cannot write its type, a map mixes keys
	 * Python could not sort, or it is nested more than 1000 levels deep (a cycle)
	 */
	public String encode(@Nullable Object value) {
		return encode(null, value);
	}

	/**
	 * Encode a value as canonical JSON for the given Redis key, which a failure names.
	 *
	 * <pre>{@code
	 * String field = json.encode("users", 42);  // 42
	 * }</pre>
	 * @param key the Redis key the value is for, or {@code null}
	 * @param value the value, possibly {@code null} (written as {@code null})
	 * @return the canonical JSON text, pure ASCII
	 * @throws EncodingException if the value cannot be encoded; its message names the key, the Java type and why
	 */
	public String encode(@Nullable String key, @Nullable Object value) {
		return CanonicalJsonWriter.write(this.mapper, key, value);
	}

	/**
	 * Decode JSON into the natural Java types, as Python's {@code json.loads} would: {@code LinkedHashMap},
	 * {@code ArrayList}, {@code String}, {@code Integer}, {@code Long} or {@code BigInteger}, {@code Double},
	 * {@code Boolean} or {@code null}.
	 *
	 * <pre>{@code
	 * Object value = json.decode("users", "{\"a\": [1, 2.5]}");  // {a=[1, 2.5]}
	 * }</pre>
	 * @param key the Redis key the text was read from, or {@code null}
	 * @param json the JSON text
	 * @return the value, {@code null} for JSON {@code null}
	 * @throws EncodingException if the text is not valid JSON; the message names the key and shows its start
	 */
	public @Nullable Object decode(@Nullable String key, String json) {
		return decode(key, json, this.objectType);
	}

	/**
	 * Decode JSON into the given class.
	 *
	 * <pre>{@code
	 * User user = json.decode("users", stored, User.class);
	 * }</pre>
	 * @param <T> the target type
	 * @param key the Redis key the text was read from, or {@code null}
	 * @param json the JSON text
	 * @param type the target class
	 * @return the value, {@code null} for JSON {@code null}
	 * @throws EncodingException if the text is not valid JSON or does not fit the type; the message names the key,
	 * the type and shows the start of the text
	 */
	public <T> @Nullable T decode(@Nullable String key, String json, Class<T> type) {
		Assert.notNull(json, "'json' must not be null");
		Assert.notNull(type, "'type' must not be null");
		Object scalar = JsonScalarReader.read(json, type, this.naturalNumbers);
		if (scalar != JsonScalarReader.UNHANDLED) {
			return type.cast(scalar);
		}
		return readWithMapper(key, json, this.mapper.constructType(type));
	}

	/**
	 * Decode JSON into a generic type.
	 *
	 * <pre>{@code
	 * Map<String, Double> scores = json.decode("scores", stored, new ParameterizedTypeReference<>() { });
	 * }</pre>
	 * @param <T> the target type
	 * @param key the Redis key the text was read from, or {@code null}
	 * @param json the JSON text
	 * @param type the target type
	 * @return the value, {@code null} for JSON {@code null}
	 * @throws EncodingException if the text is not valid JSON or does not fit the type; the message names the key,
	 * the type and shows the start of the text
	 */
	public <T> @Nullable T decode(@Nullable String key, String json, ParameterizedTypeReference<T> type) {
		Assert.notNull(type, "'type' must not be null");
		return decode(key, json, this.mapper.constructType(type.getType()));
	}

	/**
	 * Decode JSON into a type Spring resolved, such as a method's generic return type.
	 *
	 * <pre>{@code
	 * Object value = json.decode("cache", stored, ResolvableType.forMethodReturnType(method));
	 * }</pre>
	 * @param key the Redis key the text was read from, or {@code null}
	 * @param json the JSON text
	 * @param type the target type; {@link ResolvableType#NONE} reads the natural types
	 * @return the value, {@code null} for JSON {@code null}
	 * @throws EncodingException if the text is not valid JSON or does not fit the type; the message names the key,
	 * the type and shows the start of the text
	 */
	public @Nullable Object decode(@Nullable String key, String json, ResolvableType type) {
		Assert.notNull(type, "'type' must not be null");
		JavaType javaType = (type == ResolvableType.NONE) ? this.objectType : this.mapper.constructType(type.getType());
		return decode(key, json, javaType);
	}

	/**
	 * Decode JSON into a type built by {@link #constructType(Type)}.
	 *
	 * <pre>{@code
	 * JavaType type = json.constructType(User.class);
	 * User user = json.decode("users", stored, type);
	 * }</pre>
	 * @param <T> the target type
	 * @param key the Redis key the text was read from, or {@code null}
	 * @param json the JSON text
	 * @param type the target type
	 * @return the value, {@code null} for JSON {@code null}
	 * @throws EncodingException if the text is not valid JSON or does not fit the type; the message names the key,
	 * the type and shows the start of the text
	 */
	@SuppressWarnings("unchecked")
	public <T> @Nullable T decode(@Nullable String key, String json, JavaType type) {
		Assert.notNull(json, "'json' must not be null");
		Assert.notNull(type, "'type' must not be null");
		Object scalar = JsonScalarReader.read(json, type.getRawClass(), this.naturalNumbers);
		if (scalar != JsonScalarReader.UNHANDLED) {
			return (T) scalar;
		}
		return readWithMapper(key, json, type);
	}

	private <T> @Nullable T readWithMapper(@Nullable String key, String json, JavaType type) {
		try {
			return this.mapper.readValue(json, type);
		}
		catch (JacksonException ex) {
			throw decodingFailure(key, json, type, ex);
		}
	}

	private static EncodingException decodingFailure(@Nullable String key, String json, JavaType type,
			JacksonException ex) {
		StringBuilder message = new StringBuilder("Cannot decode ");
		message.append((key != null) ? "the value of key '" + key + "'" : "a value");
		message.append(" as ").append(type.toCanonical()).append(": ");
		String reason = ex.getOriginalMessage();
		message.append((reason != null) ? reason : ex.getClass().getName());
		message.append(" (value: ").append(excerpt(json)).append(')');
		return new EncodingException(key, message.toString(), ex);
	}

	/**
	 * At most 80 characters of the text, then an ellipsis.
	 */
	static String excerpt(String json) {
		if (json.length() <= 80) {
			return json;
		}
		int end = Character.isHighSurrogate(json.charAt(79)) ? 79 : 80;
		return json.substring(0, end) + "\u2026";
	}

}
