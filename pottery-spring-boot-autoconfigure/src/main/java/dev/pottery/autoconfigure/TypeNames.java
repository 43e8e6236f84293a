package dev.pottery.autoconfigure;

import java.util.ArrayList;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.core.ResolvableType;
import org.springframework.util.ClassUtils;

/**
 * Parses the type names of {@code pottery.structures.*.key-type}, {@code value-type} and {@code element-type}:
 * a class name ({@code java.lang.Integer}, {@code com.acme.Rate}, nested classes with {@code $} or {@code .}),
 * a primitive name (boxed), or a generic type ({@code java.util.List<java.lang.String>},
 * {@code java.util.Map<java.lang.String, com.acme.Rate>}). Absent means {@code Object}: natural JSON types.
 */
final class TypeNames {

	private TypeNames() {
	}

	static ResolvableType resolve(String property, @Nullable String name, @Nullable ClassLoader classLoader) {
		if (name == null || name.isBlank()) {
			return ResolvableType.forClass(Object.class);
		}
		Parser parser = new Parser(property, name, classLoader);
		ResolvableType type = parser.type();
		parser.skipSpaces();
		if (!parser.atEnd()) {
			throw parser.invalid("unexpected '" + name.substring(parser.position) + "'");
		}
		return type;
	}

	private static final class Parser {

		private final String property;

		private final String text;

		private final @Nullable ClassLoader classLoader;

		private int position;

		Parser(String property, String text, @Nullable ClassLoader classLoader) {
			this.property = property;
			this.text = text;
			this.classLoader = classLoader;
		}

		ResolvableType type() {
			skipSpaces();
			int start = this.position;
			while (!atEnd() && (Character.isJavaIdentifierPart(peek()) || peek() == '.' || peek() == '$')) {
				this.position++;
			}
			String className = this.text.substring(start, this.position);
			if (className.isEmpty()) {
				throw invalid("a class name is missing at position " + start);
			}
			Class<?> type = load(className);
			skipSpaces();
			if (atEnd() || peek() != '<') {
				return ResolvableType.forClass(type);
			}
			this.position++;
			List<ResolvableType> arguments = new ArrayList<>();
			arguments.add(type());
			skipSpaces();
			while (!atEnd() && peek() == ',') {
				this.position++;
				arguments.add(type());
				skipSpaces();
			}
			if (atEnd() || peek() != '>') {
				throw invalid("'>' expected after the type arguments of " + className);
			}
			this.position++;
			if (type.getTypeParameters().length != arguments.size()) {
				throw invalid(className + " takes " + type.getTypeParameters().length + " type argument(s), not "
						+ arguments.size());
			}
			return ResolvableType.forClassWithGenerics(type, arguments.toArray(ResolvableType[]::new));
		}

		private Class<?> load(String className) {
			try {
				return ClassUtils.resolvePrimitiveIfNecessary(ClassUtils.forName(className, this.classLoader));
			}
			catch (ClassNotFoundException | LinkageError ex) {
				if (!className.contains(".")) {
					try {
						return ClassUtils.forName("java.lang." + className, this.classLoader);
					}
					catch (ClassNotFoundException | LinkageError ignored) {
						// report the name as given
					}
				}
				throw new InvalidPotteryPropertyException(this.property, this.text,
						"class '" + className + "' is not on the classpath",
						"use a fully qualified class name such as java.lang.String, com.acme.Rate or "
								+ "java.util.List<java.lang.String>",
						ex);
			}
		}

		void skipSpaces() {
			while (!atEnd() && Character.isWhitespace(peek())) {
				this.position++;
			}
		}

		boolean atEnd() {
			return this.position >= this.text.length();
		}

		private char peek() {
			return this.text.charAt(this.position);
		}

		InvalidPotteryPropertyException invalid(String reason) {
			return new InvalidPotteryPropertyException(this.property, this.text, reason,
					"use a fully qualified class name, optionally generic, such as java.util.Map<java.lang.String, "
							+ "java.lang.Integer>");
		}

	}

}
