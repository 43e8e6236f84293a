package dev.pottery.internal.collections;

import java.util.ArrayList;
import java.util.List;

import dev.pottery.internal.StructureSupport;
import org.jspecify.annotations.Nullable;

/**
 * The cached LRANGE window of a list or deque iterator, at offsets {@code start ..< start + size} from the origin.
 */
final class ListWindow {

	/** The LRANGE window of iterators. */
	static final int SIZE = 1000;

	private final Reader reader;

	/** The cached elements, in iteration order. */
	private List<String> elements = new ArrayList<>();

	private int start;

	/** Whether the window reaches the end of the list. */
	private boolean complete;

	ListWindow(Reader reader, int start) {
		this.reader = reader;
		this.start = start;
	}

	/** LRANGE start end (inclusive, Redis indexes) of the structure's key; never null. */
	static List<String> range(StructureSupport support, long start, long end) {
		List<String> elements = support
			.execute(() -> support.template().opsForList().range(support.key(), start, end));
		return (elements != null) ? elements : List.of();
	}

	/** LLEN of the structure's key, capped at {@link Integer#MAX_VALUE}. */
	static int length(StructureSupport support) {
		Long size = support.execute(() -> support.template().opsForList().size(support.key()));
		return (size == null) ? 0 : (int) Math.min(size, Integer.MAX_VALUE);
	}

	boolean cached(int offset) {
		return offset >= this.start && offset < this.start + this.elements.size();
	}

	/**
	 * Whether there is an element at {@code offset}, reading the window from there (one more than {@link #SIZE}
	 * is asked for, to learn whether the list goes on without another round trip) unless it is cached or known
	 * to be past the end.
	 */
	boolean has(int offset) {
		if (cached(offset)) {
			return true;
		}
		if (this.complete && offset == this.start + this.elements.size()) {
			return false;
		}
		List<String> read = this.reader.read(offset, (long) offset + SIZE);
		this.complete = read.size() <= SIZE;
		this.elements = new ArrayList<>(this.complete ? read : read.subList(0, SIZE));
		this.start = offset;
		return cached(offset);
	}

	/** Read the window that ends at offset {@code to}. */
	void fetchBackward(int to) {
		int from = Math.max(0, to - SIZE + 1);
		this.elements = new ArrayList<>(this.reader.read(from, to));
		this.start = from;
		this.complete = false;
	}

	/** The cached element at {@code offset}. */
	String get(int offset) {
		return this.elements.get(offset - this.start);
	}

	/** The cached element at {@code offset}, or {@code null} if it is not cached. */
	@Nullable String getIfCached(int offset) {
		return cached(offset) ? get(offset) : null;
	}

	/** Follow the removal of the element at {@code offset}. */
	void removed(int offset) {
		if (cached(offset)) {
			this.elements.remove(offset - this.start);
		}
		else if (offset < this.start) {
			this.start--;
		}
	}

	/** Follow the replacement of the element at {@code offset}. */
	void replaced(int offset, String element) {
		if (cached(offset)) {
			this.elements.set(offset - this.start, element);
		}
	}

	/** Follow the insertion of an element at {@code offset}. */
	void inserted(int offset, String element) {
		if (offset >= this.start && offset <= this.start + this.elements.size()) {
			this.elements.add(offset - this.start, element);
		}
		else if (offset < this.start) {
			this.start++;
		}
	}

	/** Reads the elements at offsets {@code from ..= to} from the origin, in iteration order. */
	@FunctionalInterface
	interface Reader {

		List<String> read(long from, long to);

	}

	/**
	 * {@code [e1, e2, ...]} of stored JSON elements, read with one more than the limit to show an ellipsis.
	 */
	static String describe(List<String> elements) {
		StringBuilder text = new StringBuilder("[");
		for (int i = 0; i < elements.size(); i++) {
			if (i == HashRedisMap.TO_STRING_LIMIT) {
				text.append(", ...");
				break;
			}
			text.append((i > 0) ? ", " : "").append(elements.get(i));
		}
		return text.append(']').toString();
	}

}
