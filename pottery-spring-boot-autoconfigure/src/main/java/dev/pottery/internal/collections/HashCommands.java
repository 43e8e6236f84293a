package dev.pottery.internal.collections;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.pottery.internal.StructureSupport;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.MapScanCursor;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.async.RedisHashAsyncCommands;
import org.jspecify.annotations.Nullable;

import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;
import org.springframework.data.redis.core.RedisCallback;

/**
 * The two hash commands Spring Data Redis' connection API cannot send as Pottery needs them: one HSCAN step from a
 * given cursor (Spring only offers a cursor that holds a connection until it is closed) and one HSET with many
 * pairs (Spring sends the deprecated HMSET). Both go to the Lettuce connection behind the template, falling back to
 * a Lua script and to HMSET for other clients.
 */
public final class HashCommands {

	private static final LettuceExceptionConverter exceptionConverter = new LettuceExceptionConverter();

	private HashCommands() {
	}

	/**
	 * One HSCAN step.
	 * @param support the structure
	 * @param key the raw key
	 * @param cursor the cursor, {@code "0"} to start
	 * @param count the COUNT hint
	 * @return the next cursor ({@code "0"} when finished) and the entries of this step
	 */
	public static Batch scan(StructureSupport support, byte[] key, String cursor, int count) {
		RedisCallback<@Nullable Batch> oneStep = (connection) -> {
			if (connection.getNativeConnection() instanceof RedisHashAsyncCommands<?, ?> lettuce) {
				@SuppressWarnings("unchecked")
				RedisHashAsyncCommands<byte[], byte[]> commands = (RedisHashAsyncCommands<byte[], byte[]>) lettuce;
				MapScanCursor<byte[], byte[]> step = await(support,
						commands.hscan(key, ScanCursor.of(cursor), ScanArgs.Builder.limit(count)));
				return new Batch(step.isFinished() ? "0" : step.getCursor(), step.getMap());
			}
			return null;
		};
		Batch batch = support.execute(() -> support.template().execute(oneStep, true));
		return (batch != null) ? batch : scanWithScript(support, cursor, count);
	}

	/**
	 * One HSCAN step through a Lua script, for clients other than Lettuce.
	 */
	public static Batch scanWithScript(StructureSupport support, String cursor, int count) {
		List<?> reply = support.execute(() -> support.template()
			.execute(HashScripts.MAP_SCAN, List.of(support.key()), cursor, Integer.toString(count)));
		String next = String.valueOf(reply.get(0));
		List<?> flat = (List<?>) reply.get(1);
		Map<byte[], byte[]> entries = new LinkedHashMap<>();
		for (int i = 0; i + 1 < flat.size(); i += 2) {
			entries.put(bytes(flat.get(i)), bytes(flat.get(i + 1)));
		}
		return new Batch(next, entries);
	}

	/**
	 * One HSET of all pairs (HMSET for clients other than Lettuce).
	 * @param support the structure
	 * @param key the raw key
	 * @param pairs field to value, not empty
	 */
	static void setAll(StructureSupport support, byte[] key, Map<byte[], byte[]> pairs) {
		support.write(() -> support.template().execute((RedisCallback<Object>) (connection) -> {
			if (connection.getNativeConnection() instanceof RedisHashAsyncCommands<?, ?> lettuce) {
				@SuppressWarnings("unchecked")
				RedisHashAsyncCommands<byte[], byte[]> commands = (RedisHashAsyncCommands<byte[], byte[]>) lettuce;
				return await(support, commands.hset(key, pairs));
			}
			connection.hashCommands().hMSet(key, pairs);
			return Boolean.TRUE;
		}, true));
	}

	private static <T> T await(StructureSupport support, RedisFuture<T> future) {
		Duration timeout = StructureSupport.commandTimeout(support.template().getConnectionFactory());
		try {
			return LettuceFutures.awaitOrCancel(future, timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RuntimeException ex) {
			DataAccessException translated = exceptionConverter.convert(ex);
			throw (translated != null) ? translated : ex;
		}
	}

	private static byte[] bytes(@Nullable Object value) {
		return (value instanceof byte[] raw) ? raw : String.valueOf(value).getBytes(StandardCharsets.UTF_8);
	}

	/**
	 * One HSCAN step.
	 * @param cursor the next cursor, {@code "0"} when the scan is finished
	 * @param entries the raw fields and values of this step
	 */
	public record Batch(String cursor, Map<byte[], byte[]> entries) {

		boolean isLast() {
			return "0".equals(this.cursor);
		}

	}

}
