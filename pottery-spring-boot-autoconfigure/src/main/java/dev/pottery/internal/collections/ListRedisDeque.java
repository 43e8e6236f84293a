package dev.pottery.internal.collections;

import java.util.AbstractCollection;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.OptionalInt;

import dev.pottery.EncodingException;
import dev.pottery.PotteryException;
import dev.pottery.collections.RedisDeque;
import dev.pottery.collections.RedisList;
import dev.pottery.internal.StructureSupport;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JavaType;

import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import org.springframework.util.Assert;

/**
 * A {@link RedisDeque} over a Redis list.
 */
final class ListRedisDeque<E> extends AbstractCollection<E> implements RedisDeque<E> {

	static final String REDIS_TYPE = "list";

	static final String STRUCTURE = "RedisDeque";

	/** No maximum length. */
	static final int UNBOUNDED = -1;

	private final StructureSupport support;

	private final JavaType elementType;

	private final int maxLength;

	private ListRedisDeque(StructureSupport support, JavaType elementType, int maxLength) {
		this.support = support;
		this.elementType = elementType;
		this.maxLength = maxLength;
	}

	/**
	 * Open a deque, checking, when bounded, that the existing list is not longer than {@code maxLength} (one LLEN);
	 * {@link #create} writes initial contents.
	 */
	static <E> ListRedisDeque<E> open(StructureSupport support, JavaType elementType, int maxLength) {
		Assert.isTrue(maxLength >= 0 || maxLength == UNBOUNDED, "'maxLength' must not be negative");
		ListRedisDeque<E> deque = new ListRedisDeque<>(support, elementType, maxLength);
		if (maxLength != UNBOUNDED) {
			int length = deque.size();
			if (length > maxLength) {
				throw new PotteryException(support.key(), "Redis key '" + support.key() + "' holds a list of " + length
						+ " elements, more than the RedisDeque's maxLength " + maxLength
						+ "; open it with a larger maxLength (or none), or trim it first");
			}
		}
		support.unlinkWhenUnreachable(deque);
		return deque;
	}

	@Override
	public RedisDeque<E> create(Collection<? extends E> initial) {
		Assert.notNull(initial, "'initial' must not be null");
		initial.forEach((element) -> Objects.requireNonNull(element, "RedisDeque does not permit null elements"));
		String[] elements = this.support.encodeAll(initial);
		if (this.maxLength != UNBOUNDED && elements.length > this.maxLength) {
			elements = Arrays.copyOfRange(elements, elements.length - this.maxLength, elements.length);
		}
		this.support.create(ListScripts.CREATE, elements);
		return this;
	}

	@Override
	public String key() {
		return this.support.key();
	}

	@Override
	public OptionalInt maxLength() {
		return (this.maxLength == UNBOUNDED) ? OptionalInt.empty() : OptionalInt.of(this.maxLength);
	}

	private StringRedisTemplate template() {
		return this.support.template();
	}

	private String encode(@Nullable E element) {
		Objects.requireNonNull(element, "RedisDeque does not permit null elements");
		return this.support.encode(element);
	}

	private @Nullable String tryEncode(@Nullable Object value) {
		if (value == null) {
			return null;
		}
		try {
			return this.support.encode(value);
		}
		catch (EncodingException ex) {
			return null;
		}
	}

	private @Nullable E decode(@Nullable String json) {
		return (json != null) ? this.support.decode(json, this.elementType) : null;
	}

	private <T> T run(RedisScript<T> script, String... args) {
		return this.support.write(() -> template().execute(script, List.of(key()), (Object[]) args));
	}

	// ---- insertion

	private void push(boolean left, String[] elements) {
		if (elements.length == 0) {
			return;
		}
		if (this.maxLength == UNBOUNDED) {
			this.support.write(() -> left ? template().opsForList().leftPushAll(key(), elements)
					: template().opsForList().rightPushAll(key(), elements));
			return;
		}
		// only the last maxLength pushed can survive
		int from = Math.max(0, elements.length - this.maxLength);
		String[] args = new String[elements.length - from + 2];
		args[0] = left ? "left" : "right";
		args[1] = Integer.toString(this.maxLength);
		System.arraycopy(elements, from, args, 2, elements.length - from);
		run(ListScripts.DEQUE_PUSH, args);
	}

	@Override
	public void addFirst(E e) {
		push(true, new String[] { encode(e) });
	}

	@Override
	public void addLast(E e) {
		push(false, new String[] { encode(e) });
	}

	@Override
	public boolean offerFirst(E e) {
		addFirst(e);
		return true;
	}

	@Override
	public boolean offerLast(E e) {
		addLast(e);
		return true;
	}

	@Override
	public boolean add(E e) {
		addLast(e);
		return true;
	}

	@Override
	public boolean offer(E e) {
		addLast(e);
		return true;
	}

	@Override
	public void push(E e) {
		addFirst(e);
	}

	@Override
	public boolean addAll(Collection<? extends E> c) {
		Objects.requireNonNull(c, "'c' must not be null");
		String[] elements = new String[c.size()];
		int i = 0;
		for (E element : c) {
			elements[i++] = encode(element);
		}
		elements = (i == elements.length) ? elements : Arrays.copyOf(elements, i);
		push(false, elements);
		return elements.length > 0;
	}

	// ---- removal

	@Override
	public @Nullable E pollFirst() {
		String json = this.support.write(() -> template().opsForList().leftPop(key()));
		if (HashRedisMap.NULL.equals(json)) {
			// pottery's None: null would mean "empty", so put it back where it was (not lost) and refuse it
			this.support.write(() -> template().opsForList().leftPush(key(), json));
			throw none("first");
		}
		return decode(json);
	}

	@Override
	public @Nullable E pollLast() {
		String json = this.support.write(() -> template().opsForList().rightPop(key()));
		if (HashRedisMap.NULL.equals(json)) {
			this.support.write(() -> template().opsForList().rightPush(key(), json));
			throw none("last");
		}
		return decode(json);
	}

	private EncodingException none(String end) {
		return new EncodingException(key(), "RedisDeque '" + key() + "' holds null (Python's None) as its " + end
				+ " element, which a Deque cannot return from poll or peek (null means \"empty\"); it was left in "
				+ "place: read it with toList() or iteration, or remove it through a RedisList on the same key", null);
	}

	@Override
	public @Nullable E poll() {
		return pollFirst();
	}

	@Override
	public E removeFirst() {
		return nonNull(pollFirst());
	}

	@Override
	public E removeLast() {
		return nonNull(pollLast());
	}

	@Override
	public E remove() {
		return removeFirst();
	}

	@Override
	public E pop() {
		return removeFirst();
	}

	private E nonNull(@Nullable E element) {
		if (element == null) {
			throw new NoSuchElementException("RedisDeque '" + key() + "' is empty");
		}
		return element;
	}

	@Override
	public boolean removeFirstOccurrence(@Nullable Object o) {
		return removeOccurrence(o, 1);
	}

	@Override
	public boolean removeLastOccurrence(@Nullable Object o) {
		return removeOccurrence(o, -1);
	}

	@Override
	public boolean remove(@Nullable Object o) {
		return removeFirstOccurrence(o);
	}

	private boolean removeOccurrence(@Nullable Object o, int count) {
		String element = tryEncode(o);
		if (element == null) {
			return false;
		}
		Long removed = this.support.write(() -> template().opsForList().remove(key(), count, element));
		return removed != null && removed > 0;
	}

	@Override
	public void clear() {
		this.support.write(() -> template().unlink(key()));
	}

	// ---- inspection

	@Override
	public @Nullable E peekFirst() {
		String json = this.support.execute(() -> template().opsForList().index(key(), 0));
		if (HashRedisMap.NULL.equals(json)) {
			throw none("first");
		}
		return decode(json);
	}

	@Override
	public @Nullable E peekLast() {
		String json = this.support.execute(() -> template().opsForList().index(key(), -1));
		if (HashRedisMap.NULL.equals(json)) {
			throw none("last");
		}
		return decode(json);
	}

	@Override
	public @Nullable E peek() {
		return peekFirst();
	}

	@Override
	public E getFirst() {
		return nonNull(peekFirst());
	}

	@Override
	public E getLast() {
		return nonNull(peekLast());
	}

	@Override
	public E element() {
		return getFirst();
	}

	@Override
	public boolean contains(@Nullable Object o) {
		String element = tryEncode(o);
		return element != null && this.support.execute(() -> template().opsForList().indexOf(key(), element)) != null;
	}

	@Override
	public int size() {
		return ListWindow.length(this.support);
	}

	@Override
	public boolean isEmpty() {
		return size() == 0;
	}

	@Override
	public List<E> toList() {
		List<String> elements = range(0, -1);
		List<E> list = new ArrayList<>(elements.size());
		for (String element : elements) {
			list.add(decode(element));
		}
		return list;
	}

	/**
	 * The stored JSON of at most the first 100 elements and the maximum length, like pottery's {@code repr}:
	 * {@code RedisDeque([1, 2, 3], maxlen=3)}, or {@code RedisDeque([1, 2, 3])} when unbounded. One {@code LRANGE}.
	 */
	@Override
	public String toString() {
		String elements = ListWindow.describe(range(0, HashRedisMap.TO_STRING_LIMIT));
		return "RedisDeque(" + elements + ((this.maxLength != UNBOUNDED) ? ", maxlen=" + this.maxLength : "") + ")";
	}

	private List<String> range(long start, long end) {
		return ListWindow.range(this.support, start, end);
	}

	@Override
	public void rotate(int n) {
		if (n != 0) {
			run(ListScripts.DEQUE_ROTATE, Integer.toString(n));
		}
	}

	// ---- iteration

	/**
	 * Weakly consistent, like the iterator, in queue order: {@code ORDERED} and {@code CONCURRENT} (other clients may
	 * change the key while it runs), not {@code SIZED}.
	 */
	@Override
	public java.util.Spliterator<E> spliterator() {
		return java.util.Spliterators.spliteratorUnknownSize(iterator(),
				java.util.Spliterator.ORDERED | java.util.Spliterator.CONCURRENT);
	}

	@Override
	public Iterator<E> iterator() {
		return new WindowIterator(false);
	}

	@Override
	public Iterator<E> descendingIterator() {
		return new WindowIterator(true);
	}

	/**
	 * Reads {@link ListWindow}s from the head, or (descending) from the tail with negative indexes. {@code remove}
	 * removes the element at its index if it is still there, else its first occurrence (the deque shifted under a
	 * concurrent push or pop).
	 */
	private final class WindowIterator implements Iterator<E> {

		private final boolean descending;

		private final ListWindow window;

		/** Offset from the head (or, descending, from the tail) of the next element. */
		private int cursor;

		private int lastReturned = -1;

		private @Nullable String lastElement;

		WindowIterator(boolean descending) {
			this.descending = descending;
			this.window = new ListWindow(descending ? this::readFromTail : ListRedisDeque.this::range, 0);
		}

		/** Offsets {@code from ..= to} from the tail, tail first: Redis indexes {@code -(to+1) .. -(from+1)}. */
		private List<String> readFromTail(long from, long to) {
			List<String> elements = new ArrayList<>(range(-(to + 1L), -(from + 1L)));
			java.util.Collections.reverse(elements);
			return elements;
		}

		@Override
		public boolean hasNext() {
			return this.window.has(this.cursor);
		}

		@Override
		public E next() {
			if (!hasNext()) {
				throw new NoSuchElementException();
			}
			this.lastElement = this.window.get(this.cursor);
			this.lastReturned = this.cursor++;
			return decode(this.lastElement);
		}

		@Override
		public void remove() {
			String element = this.lastElement;
			if (element == null) {
				throw new IllegalStateException("next() has not been called, or remove() was already called");
			}
			int index = this.descending ? -(this.lastReturned + 1) : this.lastReturned;
			run(ListScripts.REMOVE_AT, Integer.toString(index), "expect-or-value", element);
			this.window.removed(this.lastReturned);
			this.cursor--;
			this.lastElement = null;
		}

	}

}
