package dev.pottery.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's examples honest: every statement of its {@code java} blocks (comments aside) and every line of
 * its {@code yaml} blocks must appear in the source that compiles and runs it, the library's tests or this sample.
 * A README example that drifts from the code fails the build.
 */
class ReadmeTests {

	private static final Path ROOT = Path.of("").toAbsolutePath().resolve("../..").normalize();

	private static final Pattern BLOCK = Pattern.compile("(?ms)^```(java|yaml)\\n(.*?)^```");

	@Test
	void everyExampleLineAppearsInTheSourceThatRunsIt() {
		String readme = read(ROOT.resolve("README.md"));
		String sources = sources(ROOT.resolve("pottery-spring-boot-autoconfigure/src/test/java"),
				ROOT.resolve("samples/pottery-sample/src"));
		List<String> missing = new ArrayList<>();
		int blocks = 0;
		Matcher matcher = BLOCK.matcher(readme);
		while (matcher.find()) {
			blocks++;
			boolean java = matcher.group(1).equals("java");
			for (String line : matcher.group(2).split("\n")) {
				String code = java ? withoutComment(line) : line;
				code = collapse(code);
				if (java && code.endsWith(";")) {
					code = code.substring(0, code.length() - 1);
				}
				if (!code.isEmpty() && !sources.contains(code)) {
					missing.add(line.strip());
				}
			}
		}
		assertThat(blocks).as("java and yaml blocks in the README").isGreaterThan(25);
		assertThat(missing).as("README lines found in no test or sample source").isEmpty();
	}

	private static String sources(Path... roots) {
		return Stream.of(roots).flatMap(ReadmeTests::files)
			.filter((file) -> file.toString().endsWith(".java") || file.toString().endsWith(".yml"))
			.map((file) -> collapse(read(file)))
			.collect(Collectors.joining("\n"));
	}

	private static Stream<Path> files(Path root) {
		try (Stream<Path> walk = Files.walk(root)) {
			return walk.filter(Files::isRegularFile).toList().stream();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/** The line without a trailing {@code //} comment (one outside string and character literals). */
	static String withoutComment(String line) {
		char quote = 0;
		for (int i = 0; i < line.length(); i++) {
			char c = line.charAt(i);
			if (quote != 0) {
				if (c == '\\') {
					i++;
				}
				else if (c == quote) {
					quote = 0;
				}
			}
			else if (c == '"' || c == '\'') {
				quote = c;
			}
			else if (c == '/' && i + 1 < line.length() && line.charAt(i + 1) == '/') {
				return line.substring(0, i);
			}
		}
		return line;
	}

	private static String collapse(String text) {
		return text.strip().replaceAll("[ \\t]+", " ");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
