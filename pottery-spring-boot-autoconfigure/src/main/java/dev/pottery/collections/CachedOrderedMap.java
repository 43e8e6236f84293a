package dev.pottery.collections;

import java.util.Map;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * An ordered map of the given keys to their values in a {@link RedisMap} cache: pottery's
 * {@code CachedOrderedDict}. Built for "hydrating" a list of ids: the ids keep their order, the values already
 * cached are loaded in one HMGET, and only the {@link #misses()} need computing; each value put is written through
 * to the cache for the next caller.
 *
 * <p><b>Contents.</b> The keys are the given keys, in the given order (duplicates once, at their first position),
 * then keys added later. A key whose value was not in the cache is a <em>miss</em>: it is present, mapped to
 * {@code null}, and listed by {@link #misses()} until a value is put for it. Iteration, {@code keySet()},
 * {@code values()} and {@code entrySet()} keep this order and include misses (with null values).
 *
 * <p><b>Nulls.</b> Keys are never null. Values may be: the cache is a {@link RedisMap}, which stores pottery's
 * {@code None} as {@code null}, so a cached {@code null} is a <em>hit</em> whose value is {@code null} (it is not in
 * {@link #misses()}), and {@code put(k, null)} caches a {@code null}. {@code get} returns {@code null} for both a miss
 * and a cached {@code null}; {@link #misses()} tells them apart. {@code putIfAbsent} leaves a cached {@code null} in
 * place, as the cache's own {@code putIfAbsent} does.
 *
 * <p><b>Round trips.</b> Creating the map is one HMGET; {@code get}, iteration and {@code misses()} are local;
 * {@code put} is one HSET to the cache; {@code putAll} one HSET of all pairs; {@code putIfAbsent} one script on the
 * cache (the value another process cached meanwhile wins, as pottery's {@code setdefault} does).
 * {@code remove} and {@code clear} change only this local map, never the cache.
 *
 * <p><b>Differences from pottery.</b> pottery refreshes {@code EXPIRE key 60} (its {@code timeout}) after each write;
 * this map never sets a time to live on the cache: expire the cache key yourself if it should expire. Removing a key
 * also removes it from the misses.
 *
 * <p><b>Thread-safety.</b> Like {@code LinkedHashMap}, not thread-safe: use one per request. The cache it writes to
 * is shared and thread-safe.
 *
 * <pre>{@code
 * RedisMap<Integer, String> cache = collections.map("documents", Integer.class, String.class);
 * CachedOrderedMap<Integer, String> docs = collections.cachedOrderedMap(cache, List.of(3, 1, 2));
 * docs.misses().forEach((id) -> docs.put(id, database.get(id)));
 * List<String> ordered = List.copyOf(docs.values());  // documents 3, 1, 2
 * }</pre>
 *
 * @param <K> the key type; null keys are rejected
 * @param <V> the value type; {@code null} is a value (a miss also reads as null)
 * @since 0.1.0
 */
public interface CachedOrderedMap<K, V> extends Map<K, @Nullable V> {

	/**
	 * The keys whose values are not known yet, in map order.
	 *
	 * <pre>{@code
	 * Set<Integer> toLoad = docs.misses();
	 * }</pre>
	 * @return an unmodifiable snapshot
	 */
	Set<K> misses();

	/**
	 * The cache this map reads from and writes to.
	 * @return the cache
	 */
	RedisMap<K, V> cache();

	/**
	 * Associate a value with a key, here and in the cache (one HSET), and remove the key from the misses.
	 * @param key the key
	 * @param value the value
	 * @return the previous value here, {@code null} for a miss or a new key
	 * @throws NullPointerException if the key is null
	 * @throws dev.pottery.EncodingException if the key or value cannot be encoded (nothing is written)
	 */
	@Override
	@Nullable V put(K key, @Nullable V value);

}
