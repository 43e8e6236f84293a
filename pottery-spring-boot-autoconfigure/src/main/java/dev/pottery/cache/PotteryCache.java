package dev.pottery.cache;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

import org.jspecify.annotations.Nullable;

import org.springframework.cache.Cache;
import org.springframework.cache.interceptor.SimpleKey;
import org.springframework.cache.support.SimpleValueWrapper;
import org.springframework.util.Assert;
import org.springframework.util.ReflectionUtils;

/**
 * A Spring {@link Cache} over a {@link RedisCache}: the same Redis hash, fields and values as {@code @RedisCached},
 * so {@code @Cacheable}, {@code @CachePut} and {@code @CacheEvict} store pottery's bytes and report the same
 * {@code pottery.cache.gets} metrics. Built by {@link PotteryCacheManager}.
 *
 * <p><b>Keys.</b> The field of a Spring Cache key is the canonical JSON of an argument list, as {@code @RedisCached}
 * writes it: a {@link SimpleKey} of several arguments is {@code ["EUR", 2]}, {@link SimpleKey#EMPTY} is {@code []},
 * and any other key {@code k} (a single argument, or the result of a {@code key} expression) is {@code [k]}. A
 * {@code @Cacheable("fx-rates")} method therefore shares entries with a {@code @RedisCached(key = "fx-rates")} method
 * of the same parameters.
 *
 * <p><b>Values.</b> {@code null} is stored as JSON {@code null} and is a hit (the cache allows null values). A value is
 * decoded into the cache's declared type ({@link PotteryCacheManager.Builder#cache}); {@link #get(Object, Class)}
 * decodes into the class asked for. A stored value that cannot be decoded is a miss (logged once). The sliding
 * timeout of the whole hash applies as for {@link RedisCache}: every lookup and store slides it.
 *
 * <p><b>Costs and atomicity.</b> {@link #get(Object)} and {@link #put} are one round trip each,
 * {@link #putIfAbsent} one script ({@code HGET}, {@code HSET} if absent, {@code PEXPIRE}), {@link #evict} one
 * {@code HDEL}, {@link #clear} one {@code UNLINK}. {@link #get(Object, Callable)} (Spring's {@code sync = true})
 * runs the loader at most once at a time per key <em>in this JVM</em> (a per-key local lock, then a second lookup);
 * other JVMs may compute the same key concurrently, and the last store wins. The asynchronous {@code retrieve}
 * methods are not supported.
 *
 * @since 0.1.0
 */
public final class PotteryCache implements Cache {

	private static final @Nullable Field simpleKeyParams = ReflectionUtils.findField(SimpleKey.class, "params");

	static {
		if (simpleKeyParams != null) {
			ReflectionUtils.makeAccessible(simpleKeyParams);
		}
	}

	private final String name;

	private final RedisCache<@Nullable Object> cache;

	private final Map<String, ReentrantLock> loading = new ConcurrentHashMap<>();

	PotteryCache(String name, RedisCache<@Nullable Object> cache) {
		this.name = name;
		this.cache = cache;
	}

	@Override
	public String getName() {
		return this.name;
	}

	/**
	 * The {@link RedisCache} this cache stores in.
	 * @return the Pottery cache, with its statistics
	 */
	@Override
	public RedisCache<@Nullable Object> getNativeCache() {
		return this.cache;
	}

	@Override
	public @Nullable ValueWrapper get(Object key) {
		RedisCache.Lookup<@Nullable Object> found = this.cache.lookup(field(key));
		return (found != null) ? new SimpleValueWrapper(found.value()) : null;
	}

	@Override
	public <T> @Nullable T get(Object key, @Nullable Class<T> type) {
		String field = field(key);
		if (type == null || type == Object.class) {
			RedisCache.Lookup<@Nullable Object> found = this.cache.lookup(field);
			return (found != null) ? type == null ? castUnchecked(found.value()) : type.cast(found.value()) : null;
		}
		RedisCache.Lookup<T> found = this.cache.lookup(field, type);
		return (found != null) ? found.value() : null;
	}

	@SuppressWarnings("unchecked")
	private static <T> @Nullable T castUnchecked(@Nullable Object value) {
		return (T) value;
	}

	@Override
	public <T> @Nullable T get(Object key, Callable<T> valueLoader) {
		Assert.notNull(valueLoader, "'valueLoader' must not be null");
		String field = field(key);
		RedisCache.Lookup<@Nullable Object> found = this.cache.lookup(field);
		if (found != null) {
			return castUnchecked(found.value());
		}
		ReentrantLock lock = this.loading.computeIfAbsent(field, (f) -> new ReentrantLock());
		lock.lock();
		try {
			found = this.cache.peek(field);
			if (found != null) {
				return castUnchecked(found.value());
			}
			T value;
			try {
				value = valueLoader.call();
			}
			catch (Exception ex) {
				throw new ValueRetrievalException(key, valueLoader, ex);
			}
			this.cache.put(field, value);
			return value;
		}
		finally {
			lock.unlock();
			if (!lock.hasQueuedThreads()) {
				this.loading.remove(field, lock);
			}
		}
	}

	@Override
	public void put(Object key, @Nullable Object value) {
		this.cache.put(field(key), value);
	}

	@Override
	public @Nullable ValueWrapper putIfAbsent(Object key, @Nullable Object value) {
		RedisCache.Lookup<@Nullable Object> existing = this.cache.putIfAbsent(field(key), value);
		return (existing != null) ? new SimpleValueWrapper(existing.value()) : null;
	}

	@Override
	public void evict(Object key) {
		this.cache.evictField(field(key));
	}

	@Override
	public boolean evictIfPresent(Object key) {
		return this.cache.evictField(field(key));
	}

	@Override
	public void clear() {
		this.cache.clear();
	}

	@Override
	public boolean invalidate() {
		return this.cache.invalidate();
	}

	/**
	 * The hash field of a Spring Cache key: the canonical JSON of its argument list.
	 *
	 * <pre>{@code
	 * cache.field(new SimpleKey("EUR", 2));   // ["EUR", 2]
	 * cache.field("EUR");                     // ["EUR"]
	 * }</pre>
	 * @param key the key, as Spring's key generator or a {@code key} expression made it
	 * @return the field
	 * @throws dev.pottery.EncodingException if the key cannot be encoded
	 */
	public String field(Object key) {
		Assert.notNull(key, "'key' must not be null");
		return this.cache.field(arguments(key));
	}

	static List<@Nullable Object> arguments(Object key) {
		if (key instanceof SimpleKey simpleKey) {
			Assert.state(simpleKeyParams != null, "Cannot read the arguments of Spring's SimpleKey; "
					+ "give @Cacheable a key expression such as key = \"#currency\"");
			Object[] params = (Object[]) ReflectionUtils.getField(simpleKeyParams, simpleKey);
			return (params != null) ? Arrays.asList(params) : List.of();
		}
		return Arrays.asList(key);
	}

	@Override
	public String toString() {
		return "PotteryCache{name='" + this.name + "', key='" + this.cache.key() + "', timeout="
				+ this.cache.timeout() + "}";
	}

}
