package dev.pottery.internal.probabilistic;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;

import dev.pottery.internal.StructureSupport;
import dev.pottery.probabilistic.HyperLogLog;
import org.jspecify.annotations.Nullable;

import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.serializer.GenericToStringSerializer;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.util.Assert;

/** A {@link HyperLogLog} over Redis' own HyperLogLog string ({@code PFADD}, {@code PFCOUNT}, {@code PFMERGE}). */
final class DefaultHyperLogLog<E> implements HyperLogLog<E> {

	/** Values per {@code PFADD}; more go out as several commands in one pipeline. */
	static final int CHUNK = 1000;

	private final StructureSupport support;

	DefaultHyperLogLog(StructureSupport support) {
		this.support = support;
		support.unlinkWhenUnreachable(this);
	}

	// ---- writes ----

	@Override
	public boolean add(E element) {
		String json = this.support.encode(element);
		Long changed = this.support.write(() -> this.support.template().opsForHyperLogLog().add(key(), json));
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
		}, true);
		return replies.contains(1L);
	}

	@Override
	public void union(HyperLogLog<?>... others) {
		List<String> sources = keysOf(others);
		if (sources.isEmpty()) {
			return;
		}
		if (this.support.sharesSlotWith(sources)) {
			byte[] rawKey = rawKey();
			byte[][] rawSources = sources.stream().map(DefaultHyperLogLog::raw).toArray(byte[][]::new);
			this.support.write(() -> this.support.template().execute((RedisCallback<@Nullable Object>) (connection) -> {
				connection.hyperLogLogCommands().pfMerge(rawKey, rawSources);
				return null;
			}));
			return;
		}
		acrossSlots("merge", sources);
	}

	@Override
	public HyperLogLog<E> unionStore(@Nullable String destKey, HyperLogLog<?>... others) {
		keysOf(others);
		DefaultHyperLogLog<E> result = new DefaultHyperLogLog<>(
				this.support.attachOther(destKey, ProbabilisticFactory.HLL_TYPE, "HyperLogLog"));
		HyperLogLog<?>[] sources = new HyperLogLog<?>[others.length + 1];
		sources[0] = this;
		System.arraycopy(others, 0, sources, 1, others.length);
		result.union(sources);
		return result;
	}

	@Override
	public void clear() {
		this.support.write(() -> this.support.template().unlink(key()));
	}

	// ---- reads ----

	@Override
	public long size() {
		Long size = this.support.execute(() -> this.support.template().opsForHyperLogLog().size(key()));
		return (size != null) ? size : 0;
	}

	@Override
	public long unionSize(HyperLogLog<?>... others) {
		List<String> sources = keysOf(others);
		if (!this.support.sharesSlotWith(sources)) {
			Long size = acrossSlots("count", sources);
			if (size != null) {
				return size;
			}
			// every HyperLogLog of another slot is missing: count the rest in place
			sources = sources.stream().filter((source) -> this.support.sharesSlotWith(List.of(source))).toList();
		}
		byte[][] keys = new byte[sources.size() + 1][];
		keys[0] = rawKey();
		for (int i = 0; i < sources.size(); i++) {
			keys[i + 1] = raw(sources.get(i));
		}
		Long size = this.support.execute(() -> this.support.template()
			.execute((RedisCallback<Long>) (connection) -> connection.hyperLogLogCommands().pfCount(keys)));
		return (size != null) ? size : 0;
	}

	/**
	 * The client-side fallback of {@link #union} and {@link #unionSize} on a Redis Cluster when some keys are in
	 * other slots than this one (DESIGN §5.5): read each of those with GET in its own slot, then merge or count
	 * copies of them in this key's slot in one script ({@code hll_union.lua}), which deletes the copies again. Keys
	 * in this key's slot are used in place.
	 * @return the script's reply, or {@code null} for {@code count} when there was nothing to copy (nothing sent)
	 */
	private @Nullable Long acrossSlots(String mode, List<String> sources) {
		List<String> direct = new ArrayList<>();
		List<byte[]> copies = new ArrayList<>();
		for (String source : new LinkedHashSet<>(sources)) {
			if (this.support.sharesSlotWith(List.of(source))) {
				direct.add(source);
			}
			else {
				byte[] copy = read(source);
				if (copy != null) {
					copies.add(copy);
				}
			}
		}
		if (copies.isEmpty() && mode.equals("count")) {
			return null;
		}
		List<String> keys = new ArrayList<>(1 + direct.size() + copies.size());
		keys.add(key());
		keys.addAll(direct);
		Object[] args = new Object[2 + copies.size()];
		args[0] = raw(mode);
		args[1] = raw(Integer.toString(direct.size()));
		for (int i = 0; i < copies.size(); i++) {
			keys.add(this.support.scratchKey("hll-scratch"));
			args[2 + i] = copies.get(i);
		}
		java.util.function.Supplier<Long> union = () -> this.support.template()
			.execute(ProbabilisticScripts.HLL_UNION, RedisSerializer.byteArray(), new GenericToStringSerializer<>(Long.class),
					keys, args);
		return mode.equals("count") ? this.support.execute(union) : this.support.write(union);
	}

	/** The raw HyperLogLog string at another key (GET in that key's slot), or {@code null} if it is missing. */
	private byte @Nullable [] read(String source) {
		StructureSupport other = StructureSupport.attach(this.support.template(), this.support.codec(), source,
				ProbabilisticFactory.HLL_TYPE, "HyperLogLog");
		byte[] rawSource = raw(source);
		return other.execute(() -> other.template()
			.execute((RedisCallback<byte[]>) (connection) -> connection.stringCommands().get(rawSource)));
	}

	@Override
	public boolean contains(E element) {
		return containsMany(Collections.singletonList(element)).get(0);
	}

	@Override
	public List<Boolean> containsMany(Collection<? extends E> elements) {
		Assert.notNull(elements, "'elements' must not be null");
		List<String> values = encodeAll(elements);
		if (values.isEmpty()) {
			return List.of();
		}
		List<String> keys = List.of(key(), this.support.scratchKey("hll-scratch"));
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
		return raw(key());
	}

	private static byte[] raw(String text) {
		return text.getBytes(StandardCharsets.UTF_8);
	}

	private List<String> keysOf(HyperLogLog<?>[] others) {
		Assert.notNull(others, "'others' must not be null");
		List<String> keys = new ArrayList<>(others.length);
		for (HyperLogLog<?> other : others) {
			Assert.notNull(other, "'others' must not contain null");
			if (other instanceof DefaultHyperLogLog<?> mine) {
				Assert.isTrue(
						mine.support.template().getConnectionFactory() == this.support.template().getConnectionFactory(),
						() -> "HyperLogLog '" + other.key() + "' lives on another Redis connection than '" + key()
								+ "'; union needs both on the same server");
			}
			keys.add(other.key());
		}
		return keys;
	}

	/**
	 * The key and the estimated size, like pottery's {@code repr}: {@code HyperLogLog{key='searches', size=3}}; one
	 * {@code PFCOUNT}.
	 */
	@Override
	public String toString() {
		try {
			return "HyperLogLog{key='" + key() + "', size=" + size() + "}";
		}
		catch (RuntimeException ex) {
			return "HyperLogLog{key='" + key() + "', unreadable: " + ex.getMessage() + "}";
		}
	}

}
