package dev.pottery.collections;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentMap;

import org.jspecify.annotations.Nullable;

/**
 * A {@link ConcurrentMap} stored in a Redis hash: pottery's {@code RedisDict}. Every Java process (and every Python
 * pottery process) that opens the same key sees the same map.
 *
 * <p><b>Storage.</b> Each entry is one hash field: the field is the canonical JSON of the key and the value the
 * canonical JSON of the value (wire-format.md §2.1), so {@code "x"} is field {@code "x"} with its quotes, the number
 * {@code 1} is field {@code 1} and the string {@code "1"} is field {@code "1"}, exactly as Python writes them.
 *
 * <p><b>Atomicity and round trips.</b> Every method is atomic in Redis. {@code get}, {@code containsKey},
 * {@code size} and {@link #set} are one command; {@code put}, {@code remove(k)}, {@code putIfAbsent},
 * {@code replace} and {@code remove(k, v)} are one Lua script (one round trip); {@code putAll} is one HSET of all
 * pairs; {@link #getAll} one HMGET; {@link #toMap()} one HGETALL; {@code clear} one script (UNLINK, as pottery does).
 * {@code compute}, {@code computeIfAbsent}, {@code computeIfPresent} and {@code merge} run the function in this JVM
 * and write with a compare-and-set script on the exact bytes they read, retrying when another writer got there
 * first: two round trips per attempt, never a lost update. The function may therefore run more than once; keep it
 * free of side effects.
 *
 * <p><b>Views and iteration.</b> {@link #keySet()}, {@link #values()} and {@link #entrySet()} are live views that
 * read and write through to Redis. Their iterators stream the hash with {@code HSCAN COUNT 1000} (one round trip per
 * batch, constant client memory, so a map larger than the heap can be iterated), support {@code remove()} (HDEL of
 * the last field returned), and entries' {@code setValue} writes through. Like {@code ConcurrentHashMap}'s, they are
 * weakly consistent: they never throw {@code ConcurrentModificationException}, and entries added or removed during
 * the iteration may or may not be seen. Unlike {@code ConcurrentHashMap}'s, if the hash shrinks while it is being
 * iterated an entry may be returned twice (Redis' HSCAN guarantee). {@code size()} is {@code HLEN};
 * {@code containsValue}, {@code equals} and {@code hashCode} iterate.
 *
 * <p><b>Nulls.</b> Null keys and null values are allowed, as {@code HashMap} allows them, because pottery stores
 * Python's {@code None} as both: the null key is the field {@code null} and a null value is the value {@code null}
 * (wire-format.md §2.1), so everything a pottery {@code RedisDict} holds can be read and written. A key mapped to
 * null is present: {@code containsKey} is true, iteration and {@link #toMap()} include it, {@code get} returns
 * {@code null} (use {@code containsKey} or {@code getOrDefault} to tell it from an absent key), and
 * {@code putIfAbsent}, {@code replace(k, v)} treat it as present, as {@link ConcurrentMap} defines them. As the
 * {@link java.util.Map} contract requires, {@code computeIfAbsent} and {@code merge} treat a null value as absent,
 * {@code computeIfPresent} skips it, a {@code null} function result removes the entry, and {@code merge(k, null, f)}
 * throws {@code NullPointerException}. A key that cannot be encoded (or has the wrong type) is simply not found by
 * {@code get}, {@code containsKey} and {@code remove}; writing one throws {@link dev.pottery.EncodingException}
 * before anything is sent.
 *
 * <p><b>Errors.</b> If the key holds another Redis type, every method throws {@link dev.pottery.WrongTypeException}
 * naming the key and both types, and nothing is written. {@code toString()} shows the stored JSON of at most the
 * first 100 entries: {@code RedisMap{"jack": 4098, "sape": 4139}}.
 *
 * <pre>{@code
 * RedisMap<String, Integer> tel = collections.map("tel", String.class, Integer.class);
 * tel.put("jack", 4098);
 * tel.putIfAbsent("sape", 4139);
 * tel.merge("jack", 1, Integer::sum);  // 4099, atomic across JVMs
 * }</pre>
 *
 * @param <K> the key type; {@code null} is a key (pottery's {@code None})
 * @param <V> the value type; {@code null} is a value (pottery's {@code None})
 * @since 0.1.0
 */
public interface RedisMap<K, V> extends ConcurrentMap<K, V> {

	/**
	 * The Redis key of the hash.
	 *
	 * <pre>{@code
	 * String key = tel.key();  // "tel"
	 * }</pre>
	 * @return the key
	 */
	String key();

	/**
	 * Create this structure with initial contents, as pottery's constructors with contents do: the key must not exist
	 * yet, and the check and the write (one HSET of every pair) are one atomic script, so a concurrent creator cannot interleave.
	 * Opening a structure with {@code Pottery} writes nothing; call this once, right after, to create it.
	 *
	 * <pre>{@code
	 * RedisMap<String, Integer> tel = pottery.map("tel", String.class, Integer.class)
 *     .create(Map.of("jack", 4098, "sape", 4139));
	 * }</pre>
	 * @param initial the initial entries (possibly empty: the key must still be free)
	 * @return this structure
	 * @throws dev.pottery.KeyExistsException if the key already exists, whatever its type (nothing is written)
	 * @throws dev.pottery.EncodingException if an element cannot be encoded (nothing is written)
 * @throws NullPointerException if an initial key or value is null
	 * @since 0.1.0
	 */
	RedisMap<K, V> create(Map<? extends K, ? extends V> initial);

	/**
	 * Associate the value with the key without reading the previous value: one HSET, the fastest write.
	 *
	 * <pre>{@code
	 * tel.set("guido", 4127);
	 * }</pre>
	 * @param key the key
	 * @param value the value
	 * @throws dev.pottery.EncodingException if the key or value cannot be encoded (nothing is written)
	 */
	void set(K key, V value);

	/**
	 * The values of the given keys that are present, in one HMGET.
	 *
	 * <pre>{@code
	 * Map<String, Integer> some = tel.getAll(List.of("jack", "nobody"));  // {jack=4098}
	 * }</pre>
	 * @param keys the keys to look up
	 * @return a new map, in the order of {@code keys}, of the keys that are present and their values; absent and
	 * unencodable keys are left out; a key mapped
	 * to null is present, with a null value
	 */
	Map<K, V> getAll(Collection<? extends K> keys);

	/**
	 * A copy of the whole map, in one HGETALL. Prefer iterating for maps too large for the heap.
	 *
	 * <pre>{@code
	 * Map<String, Integer> copy = tel.toMap();
	 * }</pre>
	 * @return a new, modifiable map in Redis' order
	 */
	LinkedHashMap<K, V> toMap();

	/**
	 * Associate the value with the key and return the previous value, in one round trip (a script: HGET, then HSET).
	 * Use {@link #set} when the previous value is not needed.
	 * @param key the key
	 * @param value the value
	 * @return the previous value, or {@code null} if the key was absent
	 * @throws dev.pottery.EncodingException if the key or value cannot be encoded (nothing is written)
	 */
	@Override
	@Nullable V put(K key, V value);

}
