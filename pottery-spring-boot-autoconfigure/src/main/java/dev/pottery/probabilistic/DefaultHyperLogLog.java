package dev.pottery.probabilistic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

import dev.pottery.collections.StructureSupport;
import io.lettuce.core.cluster.SlotHash;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.util.Assert;

/** A {@link HyperLogLog} over Redis' own HyperLogLog string ({@code PFADD}, {@code PFCOUNT}, {@code PFMERGE}). */
final class DefaultHyperLogLog<E> implements HyperLogLog<E> {

	/** Values per {@code PFADD}; more go out as several commands in one pipeline. */
	static final int CHUNK = 1000;

	private final StructureSupport support;

	/** A hash tag whose slot is the key's, for scratch keys ({@code pottery:{tag}:hll-scratch:<uuid>}). */
	private final String scratchTag;

	DefaultHyperLogLog(StructureSupport support) {
		this.support = support;
		this.scratchTag = sameSlotTag(support.key());
		support.unlinkWhenUnreachable(this);
	}

	// ---- writes ----

	@Override
	public boolean add(E element) {
		String json = this.support.encode(element);
		Long changed = this.support.execute(() -> this.support.template().opsForHyperLogLog().add(key(), json));
		return changed != null && changed == 1L;
	}

	@Override
	public boolean addAll(Collection<? extends E> elements) {
		Assert.notNull(elements, "'elements' must not be null");
		List<String> values = encodeAll(elements);
		if (values.isEmpty()) {
			return false;
		}
		byte[] rawKey = rawKey();
		int chunks = (values.size() + CHUNK - 1) / CHUNK;
		List<Long> replies = LettucePipeline.run(this.support, chunks, (async, chunk) -> {
			List<String> part = values.subList(chunk * CHUNK, Math.min((chunk + 1) * CHUNK, values.size()));
			byte[][] raw = new byte[part.size()][];
			for (int i = 0; i < raw.length; i++) {
				raw[i] = part.get(i).getBytes(StandardCharsets.UTF_8);
			}
			return async.pfadd(rawKey, raw);
		});
		return replies.contains(1L);
	}

	@Override
	public void union(HyperLogLog<?>... others) {
		byte[][] sources = rawKeys(others);
		if (sources.length == 0) {
			return;
		}
		byte[] rawKey = rawKey();
		this.support.execute(() -> this.support.template().execute((RedisCallback<@Nullable Object>) (connection) -> {
			connection.hyperLogLogCommands().pfMerge(rawKey, sources);
			return null;
		}));
	}

	@Override
	public void clear() {
		this.support.execute(() -> this.support.template().unlink(key()));
	}

	// ---- reads ----

	@Override
	public long size() {
		Long size = this.support.execute(() -> this.support.template().opsForHyperLogLog().size(key()));
		return (size != null) ? size : 0;
	}

	@Override
	public long unionSize(HyperLogLog<?>... others) {
		byte[][] sources = rawKeys(others);
		byte[][] keys = new byte[sources.length + 1][];
		keys[0] = rawKey();
		System.arraycopy(sources, 0, keys, 1, sources.length);
		Long size = this.support.execute(() -> this.support.template()
			.execute((RedisCallback<Long>) (connection) -> connection.hyperLogLogCommands().pfCount(keys)));
		return (size != null) ? size : 0;
	}

	@Override
	public boolean contains(E element) {
		return containsMany(List.of(element)).get(0);
	}

	@Override
	public List<Boolean> containsMany(Collection<? extends E> elements) {
		Assert.notNull(elements, "'elements' must not be null");
		List<String> values = encodeAll(elements);
		if (values.isEmpty()) {
			return List.of();
		}
		List<String> keys = List.of(key(), "pottery:{" + this.scratchTag + "}:hll-scratch:" + UUID.randomUUID());
		List<?> replies = this.support.execute(() -> this.support.template()
			.execute(ProbabilisticScripts.HLL_CONTAINS_MANY, keys, values.toArray()));
		Assert.state(replies != null && replies.size() == values.size(),
				() -> "hll_contains_many.lua answered " + replies + " for " + values.size() + " values");
		List<Boolean> answers = new ArrayList<>(replies.size());
		for (Object reply : replies) {
			answers.add(reply instanceof Long contained && contained == 1L);
		}
		return answers;
	}

	@Override
	public String key() {
		return this.support.key();
	}

	// ---- helpers ----

	private List<String> encodeAll(Collection<? extends E> elements) {
		List<String> values = new ArrayList<>(elements.size());
		for (E element : elements) {
			values.add(this.support.encode(element));
		}
		return values;
	}

	private byte[] rawKey() {
		return key().getBytes(StandardCharsets.UTF_8);
	}

	private byte[][] rawKeys(HyperLogLog<?>[] others) {
		Assert.notNull(others, "'others' must not be null");
		byte[][] keys = new byte[others.length][];
		for (int i = 0; i < others.length; i++) {
			HyperLogLog<?> other = others[i];
			Assert.notNull(other, "'others' must not contain null");
			if (other instanceof DefaultHyperLogLog<?> mine) {
				Assert.isTrue(
						mine.support.template().getConnectionFactory() == this.support.template().getConnectionFactory(),
						() -> "HyperLogLog '" + other.key() + "' lives on another Redis connection than '" + key()
								+ "'; union needs both on the same server");
			}
			keys[i] = other.key().getBytes(StandardCharsets.UTF_8);
		}
		return keys;
	}

	/**
	 * A hash tag that puts {@code pottery:{tag}:...} into the same Redis Cluster slot as {@code key}: the key's own
	 * hash tag, or the whole key, or (for keys such as {@code a}b} whose slot no tag spells out) a short tag searched for.
	 */
	static String sameSlotTag(String key) {
		int slot = SlotHash.getSlot(key);
		String natural = hashTag(key);
		if (SlotHash.getSlot("{" + natural + "}") == slot && natural.indexOf('}') < 0) {
			return natural;
		}
		for (int i = 0;; i++) {
			String candidate = "s" + i;
			if (SlotHash.getSlot(candidate) == slot) {
				return candidate;
			}
		}
	}

	/** Redis Cluster's hash tag of a key: the text inside the first {@code {...}} if not empty, else the whole key. */
	static String hashTag(String key) {
		int open = key.indexOf('{');
		if (open >= 0) {
			int close = key.indexOf('}', open + 1);
			if (close > open + 1) {
				return key.substring(open + 1, close);
			}
		}
		return key;
	}

	@Override
	public String toString() {
		return "HyperLogLog{key='" + key() + "'}";
	}

}
