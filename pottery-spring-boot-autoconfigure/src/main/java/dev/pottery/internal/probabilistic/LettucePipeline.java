package dev.pottery.internal.probabilistic;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiFunction;

import dev.pottery.internal.StructureSupport;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisSystemException;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceExceptionConverter;
import org.springframework.data.redis.core.RedisCallback;

/**
 * Sends several commands on the connection a template would use (Lettuce's shared connection by default) without
 * waiting between them, then waits for all replies: one round trip, and unlike Spring's {@code executePipelined} no
 * dedicated connection is opened for it.
 */
final class LettucePipeline {

	private static final LettuceExceptionConverter exceptionConverter = new LettuceExceptionConverter();

	private LettucePipeline() {
	}

	/**
	 * Send {@code count} commands built by {@code command} (given the async commands and the command's index) and
	 * return their replies in order; Redis errors come back as {@code DataAccessException}s, translated by the
	 * structure (so {@code WRONGTYPE} becomes a {@link dev.pottery.WrongTypeException}).
	 */
	static <T> List<T> run(StructureSupport support, int count,
			BiFunction<RedisClusterAsyncCommands<byte[], byte[]>, Integer, RedisFuture<T>> command) {
		return run(support, count, command, false);
	}

	/**
	 * Like {@link #run(StructureSupport, int, BiFunction)}; {@code write} commands run through
	 * {@link StructureSupport#write} (so that a durable structure waits for its replicas).
	 */
	static <T> List<T> run(StructureSupport support, int count,
			BiFunction<RedisClusterAsyncCommands<byte[], byte[]>, Integer, RedisFuture<T>> command, boolean write) {
		RedisConnectionFactory factory = support.template().getConnectionFactory();
		long timeoutMillis = (factory instanceof LettuceConnectionFactory lettuce) ? lettuce.getTimeout() : 60_000;
		java.util.function.Supplier<List<T>> pipeline = () -> support.template().execute((RedisCallback<List<T>>) (connection) -> {
			if (!(connection.getNativeConnection() instanceof RedisClusterAsyncCommands<?, ?> nativeCommands)) {
				throw new IllegalStateException("Pottery's probabilistic structures need a Lettuce connection, but "
						+ "the connection factory gives " + connection.getNativeConnection().getClass().getName());
			}
			@SuppressWarnings("unchecked")
			RedisClusterAsyncCommands<byte[], byte[]> async = (RedisClusterAsyncCommands<byte[], byte[]>) nativeCommands;
			List<RedisFuture<T>> futures = new ArrayList<>(count);
			for (int i = 0; i < count; i++) {
				futures.add(command.apply(async, i));
			}
			List<T> results = new ArrayList<>(count);
			long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
			for (RedisFuture<T> future : futures) {
				results.add(await(future, deadline));
			}
			return results;
		});
		List<T> replies = write ? support.write(pipeline) : support.execute(pipeline);
		return (replies != null) ? replies : List.of();
	}

	private static <T> T await(RedisFuture<T> future, long deadline) {
		try {
			return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			Throwable cause = (ex.getCause() != null) ? ex.getCause() : ex;
			throw translate(cause);
		}
		catch (TimeoutException ex) {
			future.cancel(true);
			throw new QueryTimeoutException("Redis did not answer in time", ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new RedisSystemException("Interrupted while waiting for Redis", ex);
		}
	}

	private static DataAccessException translate(Throwable failure) {
		DataAccessException translated = (failure instanceof Exception ex) ? exceptionConverter.convert(ex) : null;
		return (translated != null) ? translated : new RedisSystemException(String.valueOf(failure.getMessage()), failure);
	}

}
