package dev.pottery.timing;

import java.util.function.LongSupplier;

/**
 * A stopwatch for a block of code, pottery's {@code ContextTimer}: start it, read the elapsed milliseconds while it
 * runs, stop it to freeze the reading. Use it in try-with-resources, where closing stops it.
 *
 * <p>It reads {@link System#nanoTime()}, a monotonic clock: wall-clock adjustments (NTP, daylight saving) do not
 * affect it, and readings are only meaningful within one JVM. Elapsed times are whole milliseconds, rounded down, as
 * pottery's {@code elapsed()}.
 *
 * <p>Thread-safe: every method is atomic, so one thread may stop the timer while others read it. The state machine
 * is pottery's: a timer starts once and stops once; starting it twice, stopping it twice or before it started, and
 * reading it before it started fail with {@link IllegalStateException}. Unlike pottery's {@code __exit__},
 * {@link #close()} does nothing on a timer already stopped, so {@code stop()} inside a try-with-resources block is
 * fine.
 *
 * <pre>{@code
 * try (ContextTimer timer = ContextTimer.started()) {
 *     expensiveFunction();
 *     long soFar = timer.elapsed();   // milliseconds since started()
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class ContextTimer implements AutoCloseable {

	private static final long NOT_YET = Long.MIN_VALUE;

	private final LongSupplier nanoClock;

	private long started = NOT_YET;

	private long stopped = NOT_YET;

	ContextTimer(LongSupplier nanoClock) {
		this.nanoClock = nanoClock;
	}

	/**
	 * A timer that has not started, pottery's {@code ContextTimer()}.
	 *
	 * <pre>{@code
	 * ContextTimer timer = ContextTimer.create();
	 * timer.start();
	 * }</pre>
	 * @return a new timer; call {@link #start()}
	 */
	public static ContextTimer create() {
		return new ContextTimer(System::nanoTime);
	}

	/**
	 * A timer started now, pottery's {@code with ContextTimer() as timer:}.
	 *
	 * <pre>{@code
	 * try (ContextTimer timer = ContextTimer.started()) {
	 *     expensiveFunction();
	 * }
	 * }</pre>
	 * @return a running timer
	 */
	public static ContextTimer started() {
		ContextTimer timer = create();
		timer.start();
		return timer;
	}

	/**
	 * Start the timer.
	 *
	 * <pre>{@code
	 * timer.start();
	 * }</pre>
	 * @throws IllegalStateException if it was already started (or stopped)
	 */
	public synchronized void start() {
		if (this.stopped != NOT_YET) {
			throw new IllegalStateException("The timer has already been stopped");
		}
		if (this.started != NOT_YET) {
			throw new IllegalStateException("The timer has already been started");
		}
		this.started = this.nanoClock.getAsLong();
	}

	/**
	 * Stop the timer; {@link #elapsed()} then keeps returning the time from start to stop.
	 *
	 * <pre>{@code
	 * timer.stop();
	 * long total = timer.elapsed();
	 * }</pre>
	 * @throws IllegalStateException if it was not started, or already stopped
	 */
	public synchronized void stop() {
		if (this.stopped != NOT_YET) {
			throw new IllegalStateException("The timer has already been stopped");
		}
		if (this.started == NOT_YET) {
			throw new IllegalStateException("The timer has not been started yet");
		}
		this.stopped = this.nanoClock.getAsLong();
	}

	/**
	 * The whole milliseconds from start to now (while running) or to stop (once stopped).
	 *
	 * <pre>{@code
	 * long soFar = timer.elapsed();
	 * }</pre>
	 * @return the elapsed milliseconds, rounded down, never negative
	 * @throws IllegalStateException if it was not started
	 */
	public synchronized long elapsed() {
		if (this.started == NOT_YET) {
			throw new IllegalStateException("The timer has not been started yet");
		}
		long end = (this.stopped != NOT_YET) ? this.stopped : this.nanoClock.getAsLong();
		return Math.max(0, (end - this.started) / 1_000_000);
	}

	/**
	 * Whether the timer has started and not stopped.
	 *
	 * <pre>{@code
	 * timer.isRunning();   // true between start() and stop()
	 * }</pre>
	 * @return {@code true} while running
	 */
	public synchronized boolean isRunning() {
		return this.started != NOT_YET && this.stopped == NOT_YET;
	}

	/**
	 * Stop the timer if it is running; otherwise do nothing.
	 */
	@Override
	public synchronized void close() {
		if (isRunning()) {
			this.stopped = this.nanoClock.getAsLong();
		}
	}

	@Override
	public synchronized String toString() {
		if (this.started == NOT_YET) {
			return "ContextTimer{not started}";
		}
		return "ContextTimer{" + (isRunning() ? "running" : "stopped") + ", elapsed=" + elapsed() + " ms}";
	}

}
