package dev.pottery.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keeps the README's list of the commands Pottery needs (for an ACL user) complete: every command any of Pottery's
 * Lua scripts runs must be in it (Redis checks a script's commands against the user's ACL), and the list the TLS/ACL
 * test grants is that same list. A script that starts using a new command fails this test until the list names it.
 */
class AclCommandListTests {

	private static final Path MODULE = Path.of("").toAbsolutePath();

	private static final Pattern CALL = Pattern
		.compile("redis\\.p?call\\(\\s*'([A-Za-z]+)'(?:\\s*,\\s*'([A-Za-z]+)')?");

	/** Commands granted per subcommand ({@code +pubsub|numsub}), not as a whole. */
	private static final Set<String> CONTAINERS = Set.of("pubsub", "client", "script", "object", "config");

	@Test
	void everyCommandOfEveryLuaScriptIsInTheReadmeList() throws IOException {
		Set<String> granted = readmeList();
		Set<String> used = new TreeSet<>();
		try (Stream<Path> scripts = Files.walk(MODULE.resolve("src/main/resources/dev/pottery/lua"))) {
			for (Path script : scripts.filter((path) -> path.toString().endsWith(".lua")).toList()) {
				Matcher matcher = CALL.matcher(Files.readString(script));
				while (matcher.find()) {
					String command = matcher.group(1).toLowerCase(Locale.ROOT);
					if (CONTAINERS.contains(command) && matcher.group(2) != null) {
						command += "|" + matcher.group(2).toLowerCase(Locale.ROOT);
					}
					used.add(command);
				}
			}
		}
		assertThat(used).as("commands the Lua scripts run").isNotEmpty();
		assertThat(granted).as("the README's ACL list").containsAll(used);
	}

	@Test
	void theTlsAclTestGrantsExactlyTheReadmeList() throws IOException {
		Set<String> tested = Arrays.stream(TlsAclTests.POTTERY_COMMANDS.trim().split("\\s+"))
			.map((command) -> command.substring(1))
			.collect(Collectors.toCollection(TreeSet::new));
		assertThat(tested).isEqualTo(readmeList());
	}

	/** The commands of the README's code block that starts with {@code +hello}. */
	private static Set<String> readmeList() throws IOException {
		String readme = Files.readString(MODULE.resolve("../README.md"));
		Matcher block = Pattern.compile("(?ms)^```\\n(\\+hello .*?)^```").matcher(readme);
		assertThat(block.find()).as("the README's ACL command block").isTrue();
		return Arrays.stream(block.group(1).trim().split("\\s+"))
			.map((command) -> command.substring(1).toLowerCase(Locale.ROOT))
			.collect(Collectors.toCollection(TreeSet::new));
	}

}
