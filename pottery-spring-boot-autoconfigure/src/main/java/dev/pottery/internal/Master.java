package dev.pottery.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import org.jspecify.annotations.Nullable;

/**
 * One independent Redis master of a {@code dev.pottery.lock.Masters} set: one shared, thread-safe Lettuce connection
 * with String (UTF-8) keys and values, opened on first use and re-opened after a failed connect (Lettuce reconnects
 * an open connection by itself).
 *
 * <p>Commands go out asynchronously; nothing here blocks. {@link #toString()} and {@link #url()} never show a
 * password.
 *
 * <pre>{@code
 * CompletableFuture<String> answer = master.execute(RedisAsyncCommands::ping);
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Master {

	private static final Pattern URL_CREDENTIALS = Pattern.compile("([a-z]+://)([^:@/\\s]*)(:[^@/\\s]*)?@");

	private final String url;

	private final @Nullable Supplier<CompletableFuture<StatefulRedisConnection<String, String>>> connector;

	private volatile @Nullable CompletableFuture<StatefulRedisConnection<String, String>> connection;

	private volatile boolean closed;

	/** How many times the connection was lost (Lettuce may re-send commands in flight after reconnecting). */
	private final AtomicLong disconnects = new AtomicLong();

	/** A master this set connects to itself, with {@code connector}, and whose connection it closes. */
	public Master(String maskedUrl, Supplier<CompletableFuture<StatefulRedisConnection<String, String>>> connector) {
		this.url = maskedUrl;
		this.connector = connector;
	}

	/** A master on a connection the caller owns (never closed here). */
	public Master(StatefulRedisConnection<String, String> connection, String url) {
		this.url = mask(url);
		this.connector = null;
		this.connection = CompletableFuture.completedFuture(connection);
		countDisconnects(connection);
	}

	private StatefulRedisConnection<String, String> countDisconnects(StatefulRedisConnection<String, String> connection) {
		connection.addListener(new RedisConnectionStateListener() {

			@Override
			public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
				Master.this.disconnects.incrementAndGet();
			}

		});
		return connection;
	}

	/**
	 * How many times this master's connection has been lost so far. A command sent before a loss may have run
	 * twice (Lettuce re-sends the commands in flight when it reconnects), so a reply is known to be the command's
	 * only effect when this count did not change between sending it and its reply.
	 * @return the count, 0 while the connection was never lost
	 */
	public long disconnects() {
		return this.disconnects.get();
	}

	/**
	 * The URL of this master with any password masked, for example {@code redis://user:****@r1:6379/2}.
	 * @return the masked URL
	 */
	public String url() {
		return this.url;
	}

	/**
	 * Run a script: {@code EVALSHA}, then {@code EVAL} if the server does not know the script ({@code NOSCRIPT}, for
	 * example after a restart). The returned future completes when this master's final reply arrives.
	 * @param <T> the reply type {@code type} produces
	 * @param script the script
	 * @param type how to read the reply
	 * @param keys the keys ({@code KEYS})
	 * @param args the arguments ({@code ARGV})
	 * @return the reply, or a failed future with the Redis or connection error
	 */
	public <T> CompletableFuture<T> eval(LuaScript script, ScriptOutputType type, String[] keys, String... args) {
		return execute((commands) -> commands.<T>evalsha(script.sha1(), type, keys, args)
			.exceptionallyCompose((ex) -> (unwrap(ex) instanceof RedisNoScriptException)
					? commands.<T>eval(script.source(), type, keys, args) : CompletableFuture.failedFuture(unwrap(ex))));
	}

	/**
	 * Send any command on this master's connection.
	 * @param <T> the reply type
	 * @param command sends the command(s) and returns the reply's stage; it runs once the connection is open
	 * @return the reply, or a failed future with the Redis or connection error; on an open connection this is the
	 * command's own future (Lettuce's), so callers must never complete or cancel it: that would cancel the command.
	 * Use {@link CompletableFuture#copy()} before {@code orTimeout} or {@code cancel}
	 */
	public <T> CompletableFuture<T> execute(
			Function<? super RedisAsyncCommands<String, String>, ? extends CompletionStage<T>> command) {
		CompletableFuture<StatefulRedisConnection<String, String>> connection = connection();
		StatefulRedisConnection<String, String> open = (connection.isDone() && !connection.isCompletedExceptionally())
				? connection.join() : null;
		if (open != null) {
			// the usual case: send now, on this thread, and hand back the command's own future (no relay)
			try {
				return command.apply(open.async()).toCompletableFuture();
			}
			catch (RuntimeException ex) {
				return CompletableFuture.failedFuture(ex);
			}
		}
		return connection.thenCompose((opened) -> command.apply(opened.async()));
	}

	/**
	 * Whether the connection has been opened (Lettuce may still be reconnecting it).
	 * @return {@code false} before the first successful connect and after a failed one
	 */
	public boolean isConnected() {
		CompletableFuture<StatefulRedisConnection<String, String>> current = this.connection;
		return current != null && current.isDone() && isUsable(current);
	}

	/** Whether the connection is being opened right now (neither open nor failed yet). */
	public boolean isConnecting() {
		CompletableFuture<StatefulRedisConnection<String, String>> current = this.connection;
		return current != null && !current.isDone();
	}

	/** Start opening the connection, without waiting. */
	public void connect() {
		connection();
	}

	private CompletableFuture<StatefulRedisConnection<String, String>> connection() {
		CompletableFuture<StatefulRedisConnection<String, String>> current = this.connection;
		if (isUsable(current)) {
			return current;
		}
		synchronized (this) {
			current = this.connection;
			if (isUsable(current)) {
				return current;
			}
			if (this.closed || this.connector == null) {
				return CompletableFuture.failedFuture(new IllegalStateException("Master " + this.url + " is closed"));
			}
			try {
				current = this.connector.get().thenApply(this::countDisconnects);
			}
			catch (RuntimeException ex) {
				current = CompletableFuture.failedFuture(ex);
			}
			this.connection = current;
			return current;
		}
	}

	/**
	 * Whether a connection can be used: being opened or open. One that failed to open, or that was closed under us
	 * (a connection from an application's connection factory is closed when the factory stops, for example when the
	 * Spring context stops and is started again), is opened anew when this master has a connector.
	 */
	private boolean isUsable(@Nullable CompletableFuture<StatefulRedisConnection<String, String>> current) {
		if (current == null || current.isCompletedExceptionally()) {
			return false;
		}
		StatefulRedisConnection<String, String> open = current.getNow(null);
		return open == null || this.connector == null || !isClosed(open);
	}

	private static boolean isClosed(StatefulRedisConnection<String, String> connection) {
		return connection instanceof RedisChannelHandler<?, ?> handler && handler.isClosed();
	}

	/** Close the connection if this master opened it and nobody closed it already. */
	public synchronized void close() {
		this.closed = true;
		CompletableFuture<StatefulRedisConnection<String, String>> current = this.connection;
		if (this.connector != null && current != null) {
			current.thenAccept((connection) -> {
				if (!isClosed(connection)) {
					connection.close();
				}
			});
			this.connection = null;
		}
	}

	static Throwable unwrap(Throwable ex) {
		Throwable current = ex;
		while ((current instanceof CompletionException || current instanceof ExecutionException)
				&& current.getCause() != null) {
			current = current.getCause();
		}
		return current;
	}

	@Override
	public String toString() {
		return this.url;
	}

	/**
	 * A URL with any password replaced by {@code ****}, for messages.
	 * @param url a URL, possibly unparseable
	 * @return the masked URL
	 */
	public static String mask(String url) {
		Matcher matcher = URL_CREDENTIALS.matcher(url);
		StringBuilder masked = new StringBuilder();
		while (matcher.find()) {
			String replacement;
			if (matcher.group(3) != null) {
				replacement = matcher.group(1) + matcher.group(2) + ":****@";
			}
			else {
				// redis://secret@host: a lone user-info part is the password (Lettuce and redis-py read it so)
				replacement = matcher.group(2).isEmpty() ? matcher.group() : matcher.group(1) + "****@";
			}
			matcher.appendReplacement(masked, Matcher.quoteReplacement(replacement));
		}
		return matcher.appendTail(masked).toString();
	}

}
