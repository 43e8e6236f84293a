package dev.pottery.codec;

import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.pottery.EncodingException;
import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
import tools.jackson.core.JsonParser;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.core.exc.StreamWriteException;
import tools.jackson.core.io.ContentReference;
import tools.jackson.core.util.JsonGeneratorDelegate;
import tools.jackson.databind.DatabindException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.exc.InvalidDefinitionException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.NumericNode;
import tools.jackson.databind.node.POJONode;
import tools.jackson.databind.util.TokenBuffer;

/**
 * Writes one value as {@code json.dumps(value, sort_keys=True)} would: strings, numbers, booleans, maps, collections,
 * arrays and {@link Optional} itself, everything else through the mapper's tree model.
 */
final class CanonicalJsonWriter {

	/** Deepest nesting written, about Python's own recursion limit. */
	static final int MAX_DEPTH = 1000;

	private static final char[] HEX = "0123456789abcdef".toCharArray();

	private static final Comparator<Member> BY_NAME = (a, b) -> compareCodePoints(a.name, b.name);

	private static final Comparator<Member> BY_NUMBER = (a, b) -> {
		int result = compareNumbers(a.sortValue, b.sortValue);
		return (result != 0) ? result : compareCodePoints(a.name, b.name);
	};

	static {
		initialiseErrorClasses();
	}

	private final JsonMapper mapper;

	private final @Nullable String key;

	private final Class<?> rootType;

	private final StringBuilder out = new StringBuilder(64);

	private CanonicalJsonWriter(JsonMapper mapper, @Nullable String key, Class<?> rootType) {
		this.mapper = mapper;
		this.key = key;
		this.rootType = rootType;
	}

	/**
	 * Initialise the classes Jackson needs to report an error, before any error happens. A class whose static
	 * initialiser fails (a stack overflow deep in a serializer, where Jackson builds its error) can never be used
	 * again in that JVM: every later Jackson error, the application's own mappers' included, would then fail with
	 * {@code NoClassDefFoundError}.
	 */
	static void initialiseErrorClasses() {
		Class<?>[] classes = { TokenStreamLocation.class, ContentReference.class, JacksonException.class,
				JacksonException.Reference.class, StreamConstraintsException.class, DatabindException.class,
				InvalidDefinitionException.class, MismatchedInputException.class, StreamReadException.class,
				StreamWriteException.class };
		for (Class<?> type : classes) {
			try {
				Class.forName(type.getName(), true, type.getClassLoader());
			}
			catch (ClassNotFoundException | LinkageError ex) {
				// nothing to protect then
			}
		}
	}

	/**
	 * The canonical JSON of a value.
	 */
	static String write(JsonMapper mapper, @Nullable String key, @Nullable Object value) {
		if (value == null) {
			return "null";
		}
		String scalar = writeScalar(value);
		if (scalar != null) {
			return scalar;
		}
		CanonicalJsonWriter writer = new CanonicalJsonWriter(mapper, key, value.getClass());
		writer.writeValue(value, 0);
		return writer.out.toString();
	}

	/**
	 * The canonical JSON of the hot scalar types, without the mapper; {@code null} for any other type.
	 */
	static @Nullable String writeScalar(Object value) {
		Class<?> type = value.getClass();
		if (type == String.class) {
			return quote((String) value);
		}
		if (type == Integer.class || type == Long.class) {
			return value.toString();
		}
		if (type == Boolean.class) {
			return ((Boolean) value) ? "true" : "false";
		}
		if (type == Double.class) {
			return PythonFloat.repr((Double) value);
		}
		return null;
	}

	/**
	 * A JSON string literal with Python's {@code ensure_ascii} escaping.
	 */
	static String quote(String value) {
		int length = value.length();
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
				StringBuilder out = new StringBuilder(length + 16);
				appendQuoted(out, value);
				return out.toString();
			}
		}
		return "\"" + value + "\"";
	}

	static void appendQuoted(StringBuilder out, CharSequence value) {
		out.append('"');
		int length = value.length();
		int plainFrom = 0;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c >= 0x20 && c <= 0x7e && c != '"' && c != '\\') {
				continue;
			}
			out.append(value, plainFrom, i);
			plainFrom = i + 1;
			switch (c) {
				case '"' -> out.append("\\\"");
				case '\\' -> out.append("\\\\");
				case '\n' -> out.append("\\n");
				case '\r' -> out.append("\\r");
				case '\t' -> out.append("\\t");
				case '\b' -> out.append("\\b");
				case '\f' -> out.append("\\f");
				default -> out.append("\\u")
					.append(HEX[(c >> 12) & 0xf])
					.append(HEX[(c >> 8) & 0xf])
					.append(HEX[(c >> 4) & 0xf])
					.append(HEX[c & 0xf]);
			}
		}
		out.append(value, plainFrom, length).append('"');
	}

	/**
	 * Compare two strings by Unicode code point, as Python orders {@code str}; a lone surrogate counts as its own
	 * code point, a surrogate pair as the supplementary character it encodes.
	 */
	static int compareCodePoints(String a, String b) {
		int common = Math.min(a.length(), b.length());
		for (int i = 0; i < common; i++) {
			if (a.charAt(i) != b.charAt(i)) {
				int start = (i > 0 && Character.isHighSurrogate(a.charAt(i - 1))) ? i - 1 : i;
				int cpA = a.codePointAt(start);
				int cpB = b.codePointAt(start);
				if (cpA == cpB) {
					cpA = a.codePointAt(i);
					cpB = b.codePointAt(i);
				}
				return Integer.compare(cpA, cpB);
			}
		}
		return a.length() - b.length();
	}

	private void writeValue(@Nullable Object value, int depth) {
		if (value == null) {
			this.out.append("null");
		}
		else if (value instanceof CharSequence text) {
			appendQuoted(this.out, text);
		}
		else if (value instanceof Boolean bool) {
			this.out.append(bool ? "true" : "false");
		}
		else if (value instanceof Number number) {
			writeNumber(number, depth);
		}
		else if (value instanceof Character character) {
			appendQuoted(this.out, String.valueOf(character));
		}
		else if (value instanceof Map<?, ?> map) {
			writeMap(map, depth + 1);
		}
		else if (value instanceof Collection<?> collection) {
			writeCollection(collection, depth + 1);
		}
		else if (value instanceof Object[] array) {
			writeCollection(Arrays.asList(array), depth + 1);
		}
		else if (value.getClass().isArray()) {
			writePrimitiveArray(value, depth + 1);
		}
		else if (value instanceof Optional<?> optional) {
			// counted as a level, so that no nesting can overflow the stack
			checkDepth(value, depth + 1);
			writeValue(optional.orElse(null), depth + 1);
		}
		else if (value instanceof OptionalInt optional) {
			writeValue(optional.isPresent() ? optional.getAsInt() : null, depth);
		}
		else if (value instanceof OptionalLong optional) {
			writeValue(optional.isPresent() ? optional.getAsLong() : null, depth);
		}
		else if (value instanceof OptionalDouble optional) {
			writeValue(optional.isPresent() ? optional.getAsDouble() : null, depth);
		}
		else if (value instanceof JsonNode node) {
			writeTree(node, depth);
		}
		else {
			writeTree(toTree(value, depth), depth);
		}
	}

	private void writeNumber(Number number, int depth) {
		if (number instanceof Integer || number instanceof Long || number instanceof Short
				|| number instanceof Byte) {
			this.out.append(number.longValue());
		}
		else if (number instanceof Double) {
			PythonFloat.append(this.out, number.doubleValue());
		}
		else if (number instanceof Float) {
			PythonFloat.append(this.out, number.floatValue());
		}
		else if (number instanceof BigInteger) {
			this.out.append(number);
		}
		else if (number instanceof BigDecimal decimal) {
			PythonFloat.append(this.out, decimal);
		}
		else if (number instanceof AtomicInteger || number instanceof AtomicLong) {
			this.out.append(number.longValue());
		}
		else {
			writeTree(toTree(number, depth), depth);
		}
	}

	private void writeCollection(Collection<?> collection, int depth) {
		checkDepth(collection, depth);
		this.out.append('[');
		boolean first = true;
		for (Object element : collection) {
			if (!first) {
				this.out.append(", ");
			}
			first = false;
			writeValue(element, depth);
		}
		this.out.append(']');
	}

	private void writePrimitiveArray(Object array, int depth) {
		if (array instanceof byte[] bytes) {
			// as Jackson writes byte[], so that the mapper reads it back
			appendQuoted(this.out, this.mapper.serializationConfig().getBase64Variant().encode(bytes));
			return;
		}
		if (array instanceof char[] chars) {
			// as Jackson writes char[]
			appendQuoted(this.out, new String(chars));
			return;
		}
		checkDepth(array, depth);
		int length = Array.getLength(array);
		this.out.append('[');
		for (int i = 0; i < length; i++) {
			if (i > 0) {
				this.out.append(", ");
			}
			writeValue(Array.get(array, i), depth);
		}
		this.out.append(']');
	}

	private void writeMap(Map<?, ?> map, int depth) {
		checkDepth(map, depth);
		List<Member> members = new ArrayList<>(map.size());
		@Nullable Member first = null;
		for (Map.Entry<?, ?> entry : map.entrySet()) {
			Member member = member(entry.getKey(), entry.getValue());
			if (first == null) {
				first = member;
			}
			else if (member.kind != first.kind) {
				throw failure(map.getClass(), "its keys " + describeKey(first.key) + " and "
						+ describeKey(member.key) + " cannot be sorted together (Python raises TypeError)", null);
			}
			members.add(member);
		}
		if (first == null) {
			this.out.append("{}");
			return;
		}
		if (members.size() > 1) {
			if (first.kind == Member.NULL) {
				throw failure(map.getClass(), "it has more than one null key", null);
			}
			members.sort((first.kind == Member.STRING) ? BY_NAME : BY_NUMBER);
		}
		this.out.append('{');
		for (int i = 0; i < members.size(); i++) {
			Member member = members.get(i);
			if (i > 0) {
				if (member.name.equals(members.get(i - 1).name)) {
					throw failure(map.getClass(), "two of its keys, " + describeKey(members.get(i - 1).key) + " and "
							+ describeKey(member.key) + ", are both written as " + quote(member.name), null);
				}
				this.out.append(", ");
			}
			appendQuoted(this.out, member.name);
			this.out.append(": ");
			writeValue(member.value, depth);
		}
		this.out.append('}');
	}

	private Member member(@Nullable Object key, @Nullable Object value) {
		if (key == null) {
			return new Member(Member.NULL, "null", null, null, value);
		}
		if (key instanceof CharSequence || key instanceof Character) {
			return new Member(Member.STRING, key.toString(), null, key, value);
		}
		if (key instanceof Boolean bool) {
			// Python's bool is an int: False == 0 and True == 1 when sorting
			return new Member(Member.NUMBER, bool ? "true" : "false", bool ? 1L : 0L, key, value);
		}
		if (key instanceof Integer || key instanceof Long || key instanceof Short || key instanceof Byte
				|| key instanceof AtomicInteger || key instanceof AtomicLong) {
			long number = ((Number) key).longValue();
			return new Member(Member.NUMBER, Long.toString(number), number, key, value);
		}
		if (key instanceof BigInteger number) {
			return new Member(Member.NUMBER, number.toString(), number, key, value);
		}
		if (key instanceof Double number) {
			return new Member(Member.NUMBER, PythonFloat.repr(number), number, key, value);
		}
		if (key instanceof Float number) {
			String name = PythonFloat.repr(number);
			return new Member(Member.NUMBER, name, Double.parseDouble(name), key, value);
		}
		if (key instanceof BigDecimal number) {
			return new Member(Member.NUMBER, PythonFloat.repr(number), number, key, value);
		}
		return new Member(Member.STRING, keyThroughMapper(key), null, key, value);
	}

	private String keyThroughMapper(Object key) {
		try {
			JsonNode node = this.mapper.valueToTree(Collections.singletonMap(key, Boolean.TRUE));
			Iterator<String> names = node.propertyNames().iterator();
			if (names.hasNext()) {
				return names.next();
			}
		}
		catch (JacksonException | IllegalArgumentException ex) {
			throw failure(key.getClass(), "it cannot be a map key: " + reason(ex), ex);
		}
		throw failure(key.getClass(), "it cannot be a map key", null);
	}

	private void writeTree(JsonNode node, int depth) {
		switch (node.getNodeType()) {
			case OBJECT -> {
				checkDepth(node, depth + 1);
				List<String> names = new ArrayList<>(node.propertyNames());
				names.sort(CanonicalJsonWriter::compareCodePoints);
				this.out.append('{');
				for (int i = 0; i < names.size(); i++) {
					if (i > 0) {
						this.out.append(", ");
					}
					String name = names.get(i);
					appendQuoted(this.out, name);
					this.out.append(": ");
					writeTree(node.get(name), depth + 1);
				}
				this.out.append('}');
			}
			case ARRAY -> {
				checkDepth(node, depth + 1);
				this.out.append('[');
				for (int i = 0; i < node.size(); i++) {
					if (i > 0) {
						this.out.append(", ");
					}
					writeTree(node.get(i), depth + 1);
				}
				this.out.append(']');
			}
			case STRING -> appendQuoted(this.out, node.stringValue());
			case NUMBER -> writeNumber(((NumericNode) node).numberValue(), depth);
			case BOOLEAN -> this.out.append(node.booleanValue() ? "true" : "false");
			case BINARY -> writePrimitiveArray(node.binaryValue(), depth);
			case POJO -> {
				checkDepth(node, depth + 1);
				writeValue(((POJONode) node).getPojo(), depth + 1);
			}
			default -> this.out.append("null");
		}
	}

	/**
	 * The mapper's tree of a value, built no deeper than the levels left. Unlike {@code valueToTree}, whose token
	 * buffer has no nesting limit (so a cycle a -> b -> a recurses until the stack overflows), the generator counts
	 * the levels the mapper opens and stops a cycle with a clear error long before the stack runs out.
	 */
	private JsonNode toTree(Object value, int depth) {
		TokenBuffer buffer = TokenBuffer.forGeneration();
		try {
			this.mapper.writeValue(new DepthLimitedGenerator(buffer, MAX_DEPTH - depth), value);
			try (JsonParser parser = buffer.asParser()) {
				return this.mapper.readTree(parser);
			}
		}
		catch (TooDeep ex) {
			throw failure(value.getClass(),
					"it is nested more than " + MAX_DEPTH + " levels deep (is there a cycle?)", null);
		}
		catch (JacksonException | IllegalArgumentException ex) {
			if (ex.getCause() instanceof TooDeep) {
				throw failure(value.getClass(),
						"it is nested more than " + MAX_DEPTH + " levels deep (is there a cycle?)", null);
			}
			throw failure(value.getClass(), reason(ex), ex);
		}
		catch (StackOverflowError ex) {
			// a thread with a small stack: the error is still this value's, and the JVM stays healthy (the
			// Jackson classes an error needs are initialised eagerly, see initialiseErrorClasses)
			throw failure(value.getClass(), "it is nested too deeply for this thread's stack (is there a cycle?)",
					null);
		}
		finally {
			buffer.close();
		}
	}

	private void checkDepth(Object value, int depth) {
		if (depth > MAX_DEPTH) {
			throw failure(value.getClass(), "it is nested more than " + MAX_DEPTH + " levels deep (is there a cycle?)",
					null);
		}
	}

	private EncodingException failure(Class<?> type, String reason, @Nullable Throwable cause) {
		StringBuilder message = new StringBuilder("Cannot encode a value of type ").append(type.getName());
		if (type != this.rootType) {
			message.append(" (inside a ").append(this.rootType.getName()).append(')');
		}
		if (this.key != null) {
			message.append(" for key '").append(this.key).append('\'');
		}
		message.append(": ").append(reason);
		return new EncodingException(this.key, message.toString(), cause);
	}

	private static String reason(Exception ex) {
		String message = (ex instanceof JacksonException jackson) ? jackson.getOriginalMessage() : ex.getMessage();
		return (message != null) ? message : ex.getClass().getName();
	}

	private static String describeKey(@Nullable Object key) {
		return (key != null) ? key.getClass().getSimpleName() + " " + key : "null";
	}

	/**
	 * Python's comparison of numbers of any type (bool counts as 0 or 1).
	 */
	static int compareNumbers(@Nullable Object a, @Nullable Object b) {
		if (a instanceof Long x && b instanceof Long y) {
			return Long.compare(x, y);
		}
		if (a instanceof Double || b instanceof Double) {
			double x = ((Number) a).doubleValue();
			double y = ((Number) b).doubleValue();
			if ((a instanceof Double && b instanceof Double) || !Double.isFinite(x) || !Double.isFinite(y)) {
				return Double.compare(x, y);
			}
		}
		return toBigDecimal(a).compareTo(toBigDecimal(b));
	}

	private static BigDecimal toBigDecimal(@Nullable Object number) {
		if (number instanceof BigDecimal decimal) {
			return decimal;
		}
		if (number instanceof BigInteger integer) {
			return new BigDecimal(integer);
		}
		if (number instanceof Double value) {
			return new BigDecimal(value);
		}
		return BigDecimal.valueOf(((Number) number).longValue());
	}

	/**
	 * One map entry, with the name it is written under and the value its order follows.
	 */
	private static final class Member {

		static final int STRING = 0;

		static final int NUMBER = 1;

		static final int NULL = 2;

		final int kind;

		final String name;

		final @Nullable Object sortValue;

		final @Nullable Object key;

		final @Nullable Object value;

		Member(int kind, String name, @Nullable Object sortValue, @Nullable Object key, @Nullable Object value) {
			this.kind = kind;
			this.name = name;
			this.sortValue = sortValue;
			this.key = key;
			this.value = value;
		}

	}


	/** Thrown inside the mapper when it opens more levels than allowed. */
	private static final class TooDeep extends RuntimeException {

		private static final long serialVersionUID = 1L;

		TooDeep() {
			super(null, null, false, false);
		}

	}

	/** Passes everything to the buffer, counting the arrays and objects open. */
	private static final class DepthLimitedGenerator extends JsonGeneratorDelegate {

		private final int maxDepth;

		private int depth;

		DepthLimitedGenerator(JsonGenerator buffer, int maxDepth) {
			super(buffer, true);
			this.maxDepth = maxDepth;
		}

		private void open() {
			if (++this.depth > this.maxDepth) {
				throw new TooDeep();
			}
		}

		@Override
		public JsonGenerator writeStartArray() {
			open();
			return super.writeStartArray();
		}

		@Override
		public JsonGenerator writeStartArray(@Nullable Object currentValue) {
			open();
			return super.writeStartArray(currentValue);
		}

		@Override
		public JsonGenerator writeStartArray(@Nullable Object currentValue, int size) {
			open();
			return super.writeStartArray(currentValue, size);
		}

		@Override
		public JsonGenerator writeEndArray() {
			this.depth--;
			return super.writeEndArray();
		}

		@Override
		public JsonGenerator writeStartObject() {
			open();
			return super.writeStartObject();
		}

		@Override
		public JsonGenerator writeStartObject(@Nullable Object currentValue) {
			open();
			return super.writeStartObject(currentValue);
		}

		@Override
		public JsonGenerator writeStartObject(@Nullable Object currentValue, int size) {
			open();
			return super.writeStartObject(currentValue, size);
		}

		@Override
		public JsonGenerator writeEndObject() {
			this.depth--;
			return super.writeEndObject();
		}

	}

}
