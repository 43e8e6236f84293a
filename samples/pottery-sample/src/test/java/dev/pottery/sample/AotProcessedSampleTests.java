package dev.pottery.sample;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs Spring AOT processing on the sample, as {@code spring-boot:process-aot} (and a native build) does, in a JVM of
 * its own; compiles the generated sources; then starts the processed sample with {@code -Dspring.aot.enabled=true}
 * on embedded Redis and checks its tour. AOT processing must start no Redis (nothing listens during the build) and
 * must accept the structure beans declared in {@code application.yml}.
 */
class AotProcessedSampleTests {

	private static final long TIMEOUT_SECONDS = 180;

	@TempDir
	Path work;

	@Test
	void aotProcessedSampleRunsItsTourOnTheJvm() throws Exception {
		Path sources = Files.createDirectories(this.work.resolve("sources"));
		Path resources = Files.createDirectories(this.work.resolve("resources"));
		Path classes = Files.createDirectories(this.work.resolve("classes"));
		String classpath = System.getProperty("java.class.path");

		Run aot = java(classpath, List.of(), "org.springframework.boot.SpringApplicationAotProcessor",
				PotterySampleApplication.class.getName(), sources.toString(), resources.toString(), classes.toString(),
				"dev.pottery", "pottery-sample");
		assertThat(aot.exitCode()).as("AOT processing:%n%s", aot.output()).isZero();
		assertThat(aot.output()).as("AOT processing started no Redis").doesNotContain("embedded Redis server(s) at");
		List<Path> generated;
		try (Stream<Path> files = Files.walk(sources)) {
			generated = files.filter((file) -> file.toString().endsWith(".java")).toList();
		}
		assertThat(generated).anyMatch((file) -> file.getFileName().toString().startsWith("StructureBeans__"));

		JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
		List<String> arguments = new ArrayList<>(List.of("-d", classes.toString(), "-cp", classpath, "-proc:none",
				"-nowarn", "--release", "17"));
		generated.forEach((file) -> arguments.add(file.toString()));
		assertThat(compiler.run(null, null, null, arguments.toArray(String[]::new))).as("javac").isZero();

		String processed = classes + File.pathSeparator + resources + File.pathSeparator + classpath;
		// generous per-master timeouts, as in PotterySampleApplicationTests: the build machine may be loaded (the
		// 50 ms default is for production; a loaded run failed releasing the sample's Redlock within it)
		Run sample = java(processed, List.of("-Dspring.aot.enabled=true"), PotterySampleApplication.class.getName(),
				"--pottery.redlock.master-timeout=5s");
		assertThat(sample.exitCode()).as("the AOT-processed sample:%n%s", sample.output()).isZero();
		assertThat(sample.output()).contains("Started 1 embedded Redis server(s)")
			.contains("Done: Report[tel={", "jack=4099", "dilberts=[true, false], orderId=1, settlements=4, "
					+ "mostClerksInside=1, upstreamCalls=1")
			.contains("Deleted the sample's keys");
	}

	private Run java(String classpath, List<String> options, String mainClass, String... args)
			throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
		command.add("-Xshare:auto");
		command.add("-XX:TieredStopAtLevel=1");
		command.addAll(options);
		command.add("-cp");
		command.add(classpath);
		command.add(mainClass);
		command.addAll(List.of(args));
		Path log = Files.createTempFile(this.work, "java", ".log");
		Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
		if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
			throw new AssertionError(mainClass + " did not finish in " + TIMEOUT_SECONDS + " s:\n"
					+ Files.readString(log, StandardCharsets.UTF_8));
		}
		return new Run(process.exitValue(), Files.readString(log, StandardCharsets.UTF_8));
	}

	private record Run(int exitCode, String output) {
	}

}
