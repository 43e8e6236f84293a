package dev.pottery.test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import io.lettuce.core.api.sync.RedisCommands;

/**
 * Counts the commands a server executed, from {@code INFO commandstats}, to check round-trip budgets:
 *
 * <pre>{@code
 * CommandStats stats = CommandStats.start(redis.commands());
 * map.putAll(entries);
 * assertThat(stats.calls("hset")).isEqualTo(1);
 * }</pre>
 *
 * The {@code INFO} calls themselves are not counted, nor are {@code UNLINK}s: structures with random keys are unlinked
 * by a {@code Cleaner} thread whenever the garbage collector finds them unreachable, which may fall into any window.
 * Counts are server-wide: use a server no other test is using at the same time (each {@link RealRedis} class has
 * its own).
 */
public final class CommandStats {

	private static final Set<String> IGNORED = Set.of("info", "unlink");

	private final RedisCommands<String, String> commands;

	private final Map<String, Long> before;

	private CommandStats(RedisCommands<String, String> commands) {
		this.commands = commands;
		this.before = snapshot(commands);
	}

	/**
	 * Start counting now.
	 * @param commands raw commands on the server to watch
	 * @return the counter
	 */
	public static CommandStats start(RedisCommands<String, String> commands) {
		return new CommandStats(commands);
	}

	/**
	 * How many times the command ran since {@link #start}.
	 * @param command the command name, any case ({@code hset}, {@code evalsha})
	 * @return the number of calls
	 */
	public long calls(String command) {
		return since().getOrDefault(command.toLowerCase(java.util.Locale.ROOT), 0L);
	}

	/**
	 * The calls per command since {@link #start}, excluding {@code info} and {@code unlink}.
	 * @return command name (lower case) to number of calls, commands with no calls omitted
	 */
	public Map<String, Long> since() {
		Map<String, Long> after = snapshot(this.commands);
		Map<String, Long> delta = new HashMap<>();
		after.forEach((command, calls) -> {
			long count = calls - this.before.getOrDefault(command, 0L);
			if (count > 0 && !IGNORED.contains(command)) {
				delta.put(command, count);
			}
		});
		return delta;
	}

	/**
	 * The total number of commands since {@link #start}, excluding {@code info} and {@code unlink}.
	 * @return the sum of {@link #since()}
	 */
	public long total() {
		return since().values().stream().mapToLong(Long::longValue).sum();
	}

	private static Map<String, Long> snapshot(RedisCommands<String, String> commands) {
		Map<String, Long> calls = new HashMap<>();
		for (String line : commands.info("commandstats").split("\r?\n")) {
			// cmdstat_hset:calls=3,usec=12,usec_per_call=4.00,rejected_calls=0,failed_calls=0
			if (line.startsWith("cmdstat_")) {
				String command = line.substring("cmdstat_".length(), line.indexOf(':'));
				int start = line.indexOf("calls=") + "calls=".length();
				int end = line.indexOf(',', start);
				calls.put(command.replace('|', ' '), Long.parseLong(line.substring(start, end)));
			}
		}
		return calls;
	}

}
