package dev.pottery.internal;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

import org.jspecify.annotations.Nullable;

/**
 * The result of one {@link Quorum} run: per master what it answered by the time the run was decided, the time that
 * took, and the futures of the commands themselves for follow-ups ({@link Quorum#runAfter}).
 *
 * <p>Immutable (the futures in {@link #sent()} complete later).
 *
 * @param <T> the reply type
 * @since 0.1.0
 */
public final class QuorumOutcome<T> {

	private final int needed;

	private final List<Reply<T>> replies;

	private final List<CompletableFuture<T>> sent;

	private final long elapsedNanos;

	private final int agreed;

	private final int erred;

	QuorumOutcome(int needed, List<Reply<T>> replies, List<CompletableFuture<T>> sent, long elapsedNanos) {
		this.needed = needed;
		this.replies = List.copyOf(replies);
		this.sent = sent;
		this.elapsedNanos = elapsedNanos;
		// counted once: callers ask several times per run (isAchieved, isImpossible, messages)
		int agreed = 0;
		int erred = 0;
		for (Reply<T> reply : this.replies) {
			agreed += reply.agreed() ? 1 : 0;
			erred += reply.erred() ? 1 : 0;
		}
		this.agreed = agreed;
		this.erred = erred;
	}

	/**
	 * Whether enough masters agreed.
	 * @return {@code true} if at least the needed number (a majority unless asked otherwise) agreed
	 */
	public boolean isAchieved() {
		return agreed() >= this.needed;
	}

	/**
	 * How many masters agreed.
	 * @return the count
	 */
	public int agreed() {
		return this.agreed;
	}

	/**
	 * How many masters erred or timed out.
	 * @return the count
	 */
	public int erred() {
		return this.erred;
	}

	/**
	 * Whether more than half of the masters erred or timed out, pottery's condition for {@code QuorumIsImpossible}.
	 * @return {@code true} if {@code erred() > N / 2}
	 */
	public boolean isImpossible() {
		return erred() > this.replies.size() / 2;
	}

	/**
	 * The replies of the masters that agreed.
	 * @return the values, in master order
	 */
	public List<T> agreedValues() {
		return this.replies.stream().filter(Reply::agreed).map(Reply::value).filter(Objects::nonNull).toList();
	}

	/**
	 * What each master answered.
	 * @return one reply per master, in master order
	 */
	public List<Reply<T>> replies() {
		return this.replies;
	}

	/**
	 * The errors, per master URL (password masked), as {@code "ExceptionClass: message"}.
	 * @return the errors; empty when none erred
	 */
	public Map<String, String> redisErrors() {
		Map<String, String> errors = new LinkedHashMap<>();
		for (Reply<T> reply : this.replies) {
			if (reply.erred()) {
				Throwable error = reply.error();
				String text = (error != null) ? error.getClass().getSimpleName() + ": " + error.getMessage() : "timeout";
				errors.put(reply.master().url(), Master.mask(text));
			}
		}
		return errors;
	}

	/**
	 * What each master answered, for messages: {@code agreed} or {@code disagreed} (the caller's words, for example
	 * {@code acquired} and {@code busy}), {@code timeout}, {@code error: <exception>: <message>} (password-masked), or
	 * {@code no answer yet} when the run was decided before it answered.
	 * @param agreed the word for a master that agreed
	 * @param disagreed the word for a master that answered otherwise
	 * @return per master URL (password masked), in master order
	 */
	public Map<String, String> outcomes(String agreed, String disagreed) {
		Map<String, String> outcomes = new LinkedHashMap<>();
		for (Reply<T> reply : this.replies) {
			Throwable error = reply.error();
			String text = switch (reply.status()) {
				case AGREED -> agreed;
				case DISAGREED -> disagreed;
				case TIMED_OUT -> "timeout";
				case FAILED -> "error: " + ((error != null)
						? Master.mask(error.getClass().getSimpleName() + ": " + error.getMessage()) : "unknown");
				case PENDING -> "no answer yet";
			};
			outcomes.put(reply.master().url(), text);
		}
		return outcomes;
	}

	/**
	 * How many masters answered, but not as needed (for a lock: it is held by someone else there).
	 * @return the count
	 */
	public int disagreed() {
		return (int) this.replies.stream().filter((reply) -> reply.status() == Reply.Status.DISAGREED).count();
	}

	/**
	 * The first error, to chain as a cause.
	 * @return the first master's error, or {@code null} when none erred
	 */
	public @Nullable Throwable firstError() {
		return this.replies.stream().map(Reply::error).filter(Objects::nonNull).findFirst().orElse(null);
	}

	/**
	 * How long the run took until it was decided.
	 * @return the elapsed time
	 */
	public Duration elapsed() {
		return Duration.ofNanos(this.elapsedNanos);
	}

	/**
	 * Per master, the future of the command itself: it completes when the master's reply arrives, also after this
	 * outcome was decided. Pass it to {@link Quorum#runAfter} to order a follow-up after it.
	 * @return one future per master, in master order
	 */
	public List<CompletableFuture<T>> sent() {
		return this.sent;
	}

	@Override
	public String toString() {
		return "QuorumOutcome{agreed=" + agreed() + ", needed=" + this.needed + ", erred=" + erred() + ", elapsed="
				+ elapsed() + "}";
	}

}
