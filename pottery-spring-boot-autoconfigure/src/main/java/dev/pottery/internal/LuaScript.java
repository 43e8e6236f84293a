package dev.pottery.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

import org.springframework.util.Assert;

/**
 * A Lua script read once from the class path, with its SHA-1 digest, sent by {@link Master#eval} as {@code EVALSHA}
 * with an {@code EVAL} fallback when the server answers {@code NOSCRIPT}.
 *
 * <p>Immutable and thread-safe: hold one in a {@code static final} field.
 *
 * <pre>{@code
 * static final LuaScript RELEASE = LuaScript.of("dev/pottery/lua/lock/release.lua");
 * CompletableFuture<Long> deleted = master.eval(RELEASE, ScriptOutputType.INTEGER, keys, token);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class LuaScript {

	private final String name;

	private final String source;

	private final String sha1;

	private LuaScript(String name, String source) {
		this.name = name;
		this.source = source;
		this.sha1 = sha1(source);
	}

	/**
	 * Read a script from the class path, once.
	 * @param resource the class-path location, for example {@code dev/pottery/lua/lock/release.lua}
	 * @return the script
	 * @throws IllegalArgumentException if the resource does not exist
	 * @throws UncheckedIOException if it cannot be read
	 */
	public static LuaScript of(String resource) {
		Assert.hasText(resource, "'resource' must not be empty");
		ClassLoader classLoader = LuaScript.class.getClassLoader();
		try (InputStream in = classLoader.getResourceAsStream(resource)) {
			Assert.notNull(in, () -> "Lua script '" + resource + "' not found on the class path");
			return new LuaScript(resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Cannot read Lua script '" + resource + "'", ex);
		}
	}

	private static String sha1(String source) {
		try {
			MessageDigest digest = MessageDigest.getInstance("SHA-1");
			return HexFormat.of().formatHex(digest.digest(source.getBytes(StandardCharsets.UTF_8)));
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("SHA-1 is not available", ex);
		}
	}

	/**
	 * The script text.
	 * @return the source, as read
	 */
	public String source() {
		return this.source;
	}

	/**
	 * The SHA-1 digest Redis knows the script by.
	 * @return 40 lowercase hex digits
	 */
	public String sha1() {
		return this.sha1;
	}

	@Override
	public String toString() {
		return "LuaScript{" + this.name + "}";
	}

}
