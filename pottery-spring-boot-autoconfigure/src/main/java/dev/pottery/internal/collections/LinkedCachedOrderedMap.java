package dev.pottery.internal.collections;

import java.util.AbstractMap;
import java.util.AbstractSet;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

import dev.pottery.collections.CachedOrderedMap;
import dev.pottery.collections.RedisMap;
import org.jspecify.annotations.Nullable;

/**
 * {@link CachedOrderedMap} as a local {@link LinkedHashMap} filled from, and writing through to, a {@link RedisMap}.
 */
final class LinkedCachedOrderedMap<K, V> extends AbstractMap<K, @Nullable V> implements CachedOrderedMap<K, V> {

	private final RedisMap<K, V> cache;

	private final LinkedHashMap<K, @Nullable V> entries = new LinkedHashMap<>();

	private final Set<K> misses = new LinkedHashSet<>();

	private final EntrySet entrySet = new EntrySet();

	LinkedCachedOrderedMap(RedisMap<K, V> cache, Iterable<? extends K> keys) {
		this.cache = cache;
		LinkedHashSet<K> ordered = new LinkedHashSet<>();
		for (K key : keys) {
			ordered.add(Objects.requireNonNull(key, "null key"));
		}
		Map<K, V> hits = ordered.isEmpty() ? Map.of() : cache.getAll(ordered);
		for (K key : ordered) {
			// a cached null (pottery's None) is a hit with a null value, not a miss
			this.entries.put(key, hits.get(key));
			if (!hits.containsKey(key)) {
				this.misses.add(key);
			}
		}
	}

	@Override
	public Set<K> misses() {
		return Collections.unmodifiableSet(new LinkedHashSet<>(this.misses));
	}

	@Override
	public RedisMap<K, V> cache() {
		return this.cache;
	}

	@Override
	public @Nullable V get(Object key) {
		return this.entries.get(key);
	}

	@Override
	public boolean containsKey(Object key) {
		return this.entries.containsKey(key);
	}

	@Override
	public int size() {
		return this.entries.size();
	}

	@Override
	public @Nullable V put(K key, @Nullable V value) {
		Objects.requireNonNull(key, "null key");
		this.cache.set(key, value);
		this.misses.remove(key);
		return this.entries.put(key, value);
	}

	@Override
	public void putAll(Map<? extends K, ? extends @Nullable V> map) {
		Map<K, V> values = new LinkedHashMap<>();
		map.forEach((key, value) -> values.put(Objects.requireNonNull(key, "null key"), value));
		this.cache.putAll(values);
		values.forEach((key, value) -> {
			this.entries.put(key, value);
			this.misses.remove(key);
		});
	}

	@Override
	public @Nullable V putIfAbsent(K key, @Nullable V value) {
		V current = this.entries.get(Objects.requireNonNull(key, "null key"));
		if (current != null || (this.entries.containsKey(key) && !this.misses.contains(key))) {
			// a value, or a cached null: present, as in the cache
			return current;
		}
		V cached = this.cache.putIfAbsent(key, value);
		this.entries.put(key, (cached != null) ? cached : value);
		this.misses.remove(key);
		return cached;
	}

	@Override
	public @Nullable V remove(Object key) {
		this.misses.remove(key);
		return this.entries.remove(key);
	}

	@Override
	public void clear() {
		this.entries.clear();
		this.misses.clear();
	}

	@Override
	public Set<Entry<K, @Nullable V>> entrySet() {
		return this.entrySet;
	}

	@Override
	public String toString() {
		return "CachedOrderedMap" + this.entries;
	}

	private final class EntrySet extends AbstractSet<Entry<K, @Nullable V>> {

		@Override
		public Iterator<Entry<K, @Nullable V>> iterator() {
			Iterator<Entry<K, @Nullable V>> delegate = LinkedCachedOrderedMap.this.entries.entrySet().iterator();
			return new Iterator<>() {

				private @Nullable Entry<K, @Nullable V> last;

				@Override
				public boolean hasNext() {
					return delegate.hasNext();
				}

				@Override
				public Entry<K, @Nullable V> next() {
					Entry<K, @Nullable V> entry = delegate.next();
					this.last = entry;
					return new SimpleEntry<>(entry.getKey(), entry.getValue()) {

						private static final long serialVersionUID = 1L;

						@Override
						public @Nullable V setValue(@Nullable V value) {
							LinkedCachedOrderedMap.this.cache.set(getKey(), value);
							LinkedCachedOrderedMap.this.misses.remove(getKey());
							entry.setValue(value);
							return super.setValue(value);
						}

					};
				}

				@Override
				public void remove() {
					delegate.remove();
					if (this.last != null) {
						LinkedCachedOrderedMap.this.misses.remove(this.last.getKey());
					}
				}

			};
		}

		@Override
		public int size() {
			return LinkedCachedOrderedMap.this.entries.size();
		}

		@Override
		public void clear() {
			LinkedCachedOrderedMap.this.clear();
		}

	}

}
