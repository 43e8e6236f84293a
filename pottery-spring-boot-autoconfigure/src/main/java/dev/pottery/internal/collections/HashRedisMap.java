package dev.pottery.internal.collections;

import java.nio.charset.StandardCharsets;
import java.util.AbstractCollection;
import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Function;

import dev.pottery.EncodingException;
import dev.pottery.collections.RedisMap;
import dev.pottery.internal.StructureSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.util.Assert;

/**
 * {@link RedisMap} over a Redis hash of canonical JSON fields and values.
 */
public final class HashRedisMap<K, V> extends AbstractMap<K, V> implements RedisMap<K, V> {

	/** The COUNT hint of every HSCAN. */
	static final int SCAN_COUNT = 1000;

	/** The most entries {@link #toString()} shows. */
	public static final int TO_STRING_LIMIT = 100;

	/** The stored form of a null key or value: pottery's {@code None}. */
	static final String NULL = "null";

	private final StructureSupport support;

	private final StringRedisTemplate template;

	private final String name;

	private final byte[] rawKey;

	private final List<String> keys;

	private final JavaType keyType;

	private final JavaType valueType;

	/** Whether null values (pottery's {@code None}) may be written; not for a counter's counts. */
	private final boolean nullValues;

	private final KeySet keySet = new KeySet();

	private final Values values = new Values();

	private final EntrySet entrySet = new EntrySet();

	HashRedisMap(StructureSupport support, JavaType keyType, JavaType valueType, String name) {
		this(support, keyType, valueType, name, true);
	}

	HashRedisMap(StructureSupport support, JavaType keyType, JavaType valueType, String name, boolean nullValues) {
		this.nullValues = nullValues;
		this.support = support;
		this.template = support.template();
		this.name = name;
		this.rawKey = support.key().getBytes(StandardCharsets.UTF_8);
		this.keys = List.of(support.key());
		this.keyType = keyType;
		this.valueType = valueType;
	}

	@Override
	public RedisMap<K, V> create(Map<? extends K, ? extends V> initial) {
		Assert.notNull(initial, "'initial' must not be null");
		List<String> args = new ArrayList<>(initial.size() * 2);
		initial.forEach((key, value) -> {
			args.add(encode(key));
			args.add(encodeValue(value));
		});
		createEncoded(this.support, args);
		return this;
	}

	/**
	 * Write already encoded fields and values if the key does not exist, atomically.
	 */
	static void createEncoded(StructureSupport support, List<String> fieldsAndValues) {
		support.create(HashScripts.MAP_CREATE, fieldsAndValues.toArray());
	}

	@Override
	public String key() {
		return this.support.key();
	}

	public StructureSupport support() {
		return this.support;
	}

	// ---- single keys ----

	@Override
	public @Nullable V get(@Nullable Object key) {
		byte[] field = queryField(key);
		if (field == null) {
			return null;
		}
		byte[] value = run((connection) -> connection.hashCommands().hGet(this.rawKey, field));
		return (value != null) ? decodeValue(value) : null;
	}

	@Override
	public @Nullable V getOrDefault(@Nullable Object key, @Nullable V defaultValue) {
		byte[] field = queryField(key);
		if (field == null) {
			return defaultValue;
		}
		byte[] value = run((connection) -> connection.hashCommands().hGet(this.rawKey, field));
		return (value != null) ? decodeValue(value) : defaultValue;
	}

	@Override
	public boolean containsKey(@Nullable Object key) {
		byte[] field = queryField(key);
		return field != null
				&& Boolean.TRUE.equals(run((connection) -> connection.hashCommands().hExists(this.rawKey, field)));
	}

	@Override
	public void set(K key, V value) {
		byte[] field = bytes(encode(key));
		byte[] encoded = bytes(encodeValue(value));
		write((connection) -> connection.hashCommands().hSet(this.rawKey, field, encoded));
	}

	@Override
	public @Nullable V put(K key, V value) {
		return script(HashScripts.MAP_PUT, encodeKey(key), encodeValue(value));
	}

	@Override
	public @Nullable V putIfAbsent(K key, V value) {
		return script(HashScripts.MAP_PUT_IF_ABSENT, encodeKey(key), encodeValue(value));
	}

	@Override
	public @Nullable V replace(K key, V value) {
		return script(HashScripts.MAP_REPLACE, encodeKey(key), encodeValue(value));
	}

	@Override
	public boolean replace(K key, V oldValue, V newValue) {
		String field = encodeKey(key);
		String replacement = encodeValue(newValue);
		if (oldValue == null && !this.nullValues) {
			return false;
		}
		String expected = encodeQuery(oldValue);
		return expected != null && compareAndSet(field, expected, replacement);
	}

	@Override
	public @Nullable V remove(@Nullable Object key) {
		String field = encodeQuery(key);
		return (field != null) ? script(HashScripts.MAP_REMOVE, field) : null;
	}

	@Override
	public boolean remove(@Nullable Object key, @Nullable Object value) {
		String field = encodeQuery(key);
		String expected = encodeQuery(value);
		return field != null && expected != null && compareAndSet(field, expected, null);
	}

	// ---- compute (optimistic: read, apply, compare-and-set on the bytes read, retry) ----

	@Override
	public @Nullable V computeIfAbsent(K key, Function<? super K, ? extends @Nullable V> mappingFunction) {
		Objects.requireNonNull(mappingFunction, "null mappingFunction");
		String field = encodeKey(key);
		String current = hget(field);
		while (NULL.equals(current)) {
			// mapped to null (a pottery None) counts as absent, as Map.computeIfAbsent specifies
			V computed = mappingFunction.apply(key);
			if (computed == null || compareAndSet(field, NULL, encodeValue(computed))) {
				return computed;
			}
			current = hget(field);
		}
		if (current != null) {
			return decodeValue(current);
		}
		V computed = mappingFunction.apply(key);
		if (computed == null) {
			return null;
		}
		String existing = this.support.write(
				() -> this.template.execute(HashScripts.MAP_PUT_IF_ABSENT, this.keys, field, encodeValue(computed)));
		return (existing != null) ? decodeValue(existing) : computed;
	}

	@Override
	public @Nullable V computeIfPresent(K key,
			BiFunction<? super K, ? super V, ? extends @Nullable V> remappingFunction) {
		Objects.requireNonNull(remappingFunction, "null remappingFunction");
		String field = encodeKey(key);
		while (true) {
			String current = hget(field);
			if (current == null || NULL.equals(current)) {
				return null;
			}
			V computed = remappingFunction.apply(key, decodeValue(current));
			if (compareAndSet(field, current, (computed != null) ? encodeValue(computed) : null)) {
				return computed;
			}
		}
	}

	@Override
	public @Nullable V compute(K key,
			BiFunction<? super K, ? super @Nullable V, ? extends @Nullable V> remappingFunction) {
		Objects.requireNonNull(remappingFunction, "null remappingFunction");
		String field = encodeKey(key);
		while (true) {
			String current = hget(field);
			V computed = remappingFunction.apply(key, (current != null) ? decodeValue(current) : null);
			if (computed == null && current == null) {
				return null;
			}
			if (compareAndSet(field, current, (computed != null) ? encodeValue(computed) : null)) {
				return computed;
			}
		}
	}

	@Override
	public @Nullable V merge(K key, V value,
			BiFunction<? super V, ? super V, ? extends @Nullable V> remappingFunction) {
		Objects.requireNonNull(remappingFunction, "null remappingFunction");
		String field = encodeKey(key);
		String given = encode(Objects.requireNonNull(value, "null value"));
		while (true) {
			String current = hget(field);
			if (current == null || NULL.equals(current)) {
				if (compareAndSet(field, current, given)) {
					return value;
				}
				continue;
			}
			V computed = remappingFunction.apply(decodeValue(current), value);
			if (compareAndSet(field, current, (computed != null) ? encodeValue(computed) : null)) {
				return computed;
			}
		}
	}

	private @Nullable String hget(String field) {
		byte[] value = run((connection) -> connection.hashCommands().hGet(this.rawKey, bytes(field)));
		return (value != null) ? new String(value, StandardCharsets.UTF_8) : null;
	}

	/**
	 * Set ({@code replacement} not null) or delete the field if it holds {@code expected} ({@code null}: absent).
	 */
	private boolean compareAndSet(String field, @Nullable String expected, @Nullable String replacement) {
		Long changed = this.support.write(() -> this.template.execute(HashScripts.MAP_COMPARE_AND_SET, this.keys,
				field, (expected != null) ? "1" : "0", (expected != null) ? expected : "",
				(replacement != null) ? "1" : "0", (replacement != null) ? replacement : ""));
		return changed != null && changed == 1L;
	}

	// ---- whole map ----

	@Override
	public int size() {
		Long length = run((connection) -> connection.hashCommands().hLen(this.rawKey));
		return (length != null) ? (int) Math.min(length, Integer.MAX_VALUE) : 0;
	}

	@Override
	public boolean isEmpty() {
		return size() == 0;
	}

	@Override
	public boolean containsValue(@Nullable Object value) {
		String expected = encodeQuery(value);
		if (expected == null) {
			return false;
		}
		byte[] wanted = bytes(expected);
		for (ScanIterator<byte[]> it = new ScanIterator<>((field, raw) -> raw); it.hasNext();) {
			if (Arrays.equals(it.next(), wanted)) {
				return true;
			}
		}
		return false;
	}

	@Override
	public void putAll(Map<? extends K, ? extends V> map) {
		if (map.isEmpty()) {
			return;
		}
		Map<byte[], byte[]> pairs = new LinkedHashMap<>(map.size() * 4 / 3 + 1);
		map.forEach((key, value) -> pairs.put(bytes(encodeKey(key)), bytes(encodeValue(value))));
		HashCommands.setAll(this.support, this.rawKey, pairs);
	}

	@Override
	public void clear() {
		this.support.write(() -> this.template.execute(HashScripts.MAP_CLEAR, this.keys));
	}

	@Override
	public Map<K, V> getAll(Collection<? extends K> keys) {
		List<K> wanted = new ArrayList<>(keys.size());
		List<byte[]> fields = new ArrayList<>(keys.size());
		for (K key : keys) {
			byte[] field = queryField(key);
			if (field != null) {
				wanted.add(key);
				fields.add(field);
			}
		}
		Map<K, V> found = new LinkedHashMap<>();
		if (fields.isEmpty()) {
			return found;
		}
		List<byte[]> values = run((connection) -> connection.hashCommands()
			.hMGet(this.rawKey, fields.toArray(byte[][]::new)));
		for (int i = 0; values != null && i < values.size(); i++) {
			byte[] value = values.get(i);
			if (value != null) {
				found.put(wanted.get(i), decodeValue(value));
			}
		}
		return found;
	}

	@Override
	public LinkedHashMap<K, V> toMap() {
		Map<byte[], byte[]> all = run((connection) -> connection.hashCommands().hGetAll(this.rawKey));
		LinkedHashMap<K, V> copy = new LinkedHashMap<>();
		if (all != null) {
			all.forEach((field, value) -> copy.put(decodeKey(field), decodeValue(value)));
		}
		return copy;
	}

	// ---- views ----

	@Override
	public Set<K> keySet() {
		return this.keySet;
	}

	@Override
	public Collection<V> values() {
		return this.values;
	}

	@Override
	public Set<Entry<K, V>> entrySet() {
		return this.entrySet;
	}

	@Override
	public String toString() {
		try {
			return contentsToString();
		}
		catch (RuntimeException ex) {
			return this.name + "{key='" + key() + "', unreadable: " + ex.getMessage() + "}";
		}
	}

	private String contentsToString() {
		StringBuilder text = new StringBuilder(this.name).append('{');
		int shown = 0;
		for (ScanIterator<String> it = new ScanIterator<>((field, value) -> utf8(field) + ": " + utf8(value)); it
			.hasNext();) {
			String entry = it.next();
			if (shown == TO_STRING_LIMIT) {
				text.append(", ...");
				break;
			}
			text.append((shown > 0) ? ", " : "").append(entry);
			shown++;
		}
		return text.append('}').toString();
	}

	/** Iterates the hash one HSCAN batch at a time; {@code remove()} deletes the last field returned. */
	final class ScanIterator<T> implements Iterator<T> {

		private final BiFunction<byte[], byte[], T> mapper;

		private String cursor = "0";

		private boolean scanned;

		private Iterator<Map.Entry<byte[], byte[]>> batch = java.util.Collections.emptyIterator();

		private byte @Nullable [] lastField;

		private byte @Nullable [] lastValue;

		/** Whether {@code remove()} removes the field only if it still holds the value returned (values, entries). */
		private final boolean conditional;

		ScanIterator(BiFunction<byte[], byte[], T> mapper) {
			this(mapper, false);
		}

		ScanIterator(BiFunction<byte[], byte[], T> mapper, boolean conditional) {
			this.mapper = mapper;
			this.conditional = conditional;
		}

		@Override
		public boolean hasNext() {
			while (!this.batch.hasNext()) {
				if (this.scanned && "0".equals(this.cursor)) {
					return false;
				}
				HashCommands.Batch next = HashCommands.scan(HashRedisMap.this.support, HashRedisMap.this.rawKey,
						this.cursor, SCAN_COUNT);
				this.scanned = true;
				this.cursor = next.cursor();
				this.batch = next.entries().entrySet().iterator();
			}
			return true;
		}

		@Override
		public T next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			Map.Entry<byte[], byte[]> entry = this.batch.next();
			this.lastField = entry.getKey();
			this.lastValue = entry.getValue();
			return this.mapper.apply(entry.getKey(), entry.getValue());
		}

		@Override
		public void remove() {
			byte[] field = this.lastField;
			if (field == null) {
				throw new IllegalStateException("next() has not been called, or remove() was already called");
			}
			this.lastField = null;
			byte[] value = this.lastValue;
			if (this.conditional && value != null) {
				// like remove(k, v): a value another client changed since next() returned it stays (removeIf on
				// values() or entrySet() tests the value it saw, not the current one)
				compareAndSet(utf8(field), utf8(value), null);
				return;
			}
			write((connection) -> connection.hashCommands().hDel(HashRedisMap.this.rawKey, field));
		}

	}

	private final class KeySet extends AbstractSet<K> {

		@Override
		public Iterator<K> iterator() {
			return new ScanIterator<>((field, value) -> decodeKey(field));
		}

		@Override
		public int size() {
			return HashRedisMap.this.size();
		}

		@Override
		public boolean isEmpty() {
			return HashRedisMap.this.isEmpty();
		}

		@Override
		public boolean contains(Object o) {
			return HashRedisMap.this.containsKey(o);
		}

		@Override
		public boolean remove(Object o) {
			byte[] field = queryField(o);
			if (field == null) {
				return false;
			}
			Long removed = write((connection) -> connection.hashCommands().hDel(HashRedisMap.this.rawKey, field));
			return removed != null && removed > 0;
		}

		@Override
		public void clear() {
			HashRedisMap.this.clear();
		}

	}

	private final class Values extends AbstractCollection<V> {

		@Override
		public Iterator<V> iterator() {
			return new ScanIterator<>((field, value) -> decodeValue(value), true);
		}

		@Override
		public int size() {
			return HashRedisMap.this.size();
		}

		@Override
		public boolean isEmpty() {
			return HashRedisMap.this.isEmpty();
		}

		@Override
		public boolean contains(Object o) {
			return HashRedisMap.this.containsValue(o);
		}

		@Override
		public void clear() {
			HashRedisMap.this.clear();
		}

	}

	private final class EntrySet extends AbstractSet<Entry<K, V>> {

		@Override
		public Iterator<Entry<K, V>> iterator() {
			return new ScanIterator<>((field, value) -> new WriteThroughEntry(decodeKey(field), decodeValue(value)),
					true);
		}

		@Override
		public int size() {
			return HashRedisMap.this.size();
		}

		@Override
		public boolean isEmpty() {
			return HashRedisMap.this.isEmpty();
		}

		@Override
		public boolean contains(Object o) {
			if (!(o instanceof Map.Entry<?, ?> entry)) {
				return false;
			}
			byte[] field = queryField(entry.getKey());
			byte[] value = (field != null)
					? run((connection) -> connection.hashCommands().hGet(HashRedisMap.this.rawKey, field)) : null;
			return value != null && Objects.equals(decodeValue(value), entry.getValue());
		}

		@Override
		public boolean remove(Object o) {
			return (o instanceof Map.Entry<?, ?> entry) && HashRedisMap.this.remove(entry.getKey(), entry.getValue());
		}

		@Override
		public void clear() {
			HashRedisMap.this.clear();
		}

	}

	/** An entry whose {@code setValue} writes through to Redis. */
	private final class WriteThroughEntry extends SimpleEntry<K, V> {

		private static final long serialVersionUID = 1L;

		WriteThroughEntry(K key, V value) {
			super(key, value);
		}

		@Override
		public V setValue(V value) {
			HashRedisMap.this.set(getKey(), value);
			return super.setValue(value);
		}

	}

	// ---- encoding ----

	private String encodeKey(@Nullable K key) {
		return encode(key);
	}

	private String encodeValue(@Nullable Object value) {
		if (value == null && !this.nullValues) {
			throw new NullPointerException(this.name + " does not permit null values");
		}
		return encode(value);
	}

	/** The canonical JSON of a key or value; {@code null} is {@code null}, as pottery stores {@code None}. */
	private String encode(@Nullable Object value) {
		return this.support.encode(value);
	}

	/** The encoded form of a key or value looked up, or {@code null} if it cannot be encoded (so is absent). */
	private @Nullable String encodeQuery(@Nullable Object value) {
		try {
			return this.support.encode(value);
		}
		catch (EncodingException ex) {
			return null;
		}
	}

	private byte @Nullable [] queryField(@Nullable Object key) {
		String field = encodeQuery(key);
		return (field != null) ? bytes(field) : null;
	}

	/** A field's key; the field {@code null} (pottery's {@code None}) is the null key. */
	K decodeKey(byte[] field) {
		return this.support.decode(utf8(field), this.keyType);
	}

	/** A stored value; {@code null} (pottery's {@code None}) is the null value. */
	V decodeValue(byte[] value) {
		return this.support.decode(utf8(value), this.valueType);
	}

	private V decodeValue(String value) {
		return this.support.decode(value, this.valueType);
	}

	private @Nullable V script(org.springframework.data.redis.core.script.RedisScript<String> script,
			Object... args) {
		String previous = this.support.write(() -> this.template.execute(script, this.keys, args));
		return (previous != null) ? decodeValue(previous) : null;
	}

	private <T> @Nullable T run(RedisCallback<T> action) {
		return this.support.execute(() -> this.template.execute(action, true));
	}

	private <T> @Nullable T write(RedisCallback<T> action) {
		return this.support.write(() -> this.template.execute(action, true));
	}

	static byte[] bytes(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	static String utf8(byte[] raw) {
		return new String(raw, StandardCharsets.UTF_8);
	}

}
