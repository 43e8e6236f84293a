package dev.pottery.internal;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A second JVM running a test main class on this JVM's class path, for tests that need separate processes.
 */
public final class ChildJvm {

	private final Process process;

	private final Path output;

	private ChildJvm(Process process, Path output) {
		this.process = process;
		this.output = output;
	}

	/**
	 * Start {@code mainClass} with the given arguments; its output goes to a temporary file.
	 * @param mainClass the class with {@code main}
	 * @param args its arguments
	 * @return the running child
	 * @throws IOException if it cannot be started
	 */
	public static ChildJvm start(Class<?> mainClass, String... args) throws IOException {
		String java = ProcessHandle.current().info().command().orElse(System.getProperty("java.home") + File.separator
				+ "bin" + File.separator + "java");
		List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:TieredStopAtLevel=1", "-cp",
				System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(List.of(args));
		Path output = Files.createTempFile("pottery-child-", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
		return new ChildJvm(process, output);
	}

	/**
	 * Wait for the child to exit.
	 * @param seconds how long to wait at most
	 * @return its output
	 * @throws Exception if it does not exit in time (it is killed) or exits with a non-zero code
	 */
	public String await(long seconds) throws Exception {
		try {
			if (!this.process.waitFor(seconds, TimeUnit.SECONDS)) {
				this.process.destroyForcibly();
				throw new AssertionError("Child JVM did not finish in " + seconds + " s: " + output());
			}
			if (this.process.exitValue() != 0) {
				throw new AssertionError("Child JVM exited with " + this.process.exitValue() + ": " + output());
			}
			return output();
		}
		finally {
			Files.deleteIfExists(this.output);
		}
	}

	private String output() throws IOException {
		return Files.exists(this.output) ? Files.readString(this.output) : "";
	}

}
