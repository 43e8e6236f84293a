package dev.pottery.sample;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import dev.pottery.sync.Synchronized;

import org.springframework.stereotype.Service;

/**
 * Settles invoices, one caller at a time per invoice across every JVM sharing the Redlock masters.
 */
@Service
public class Billing {

	private final AtomicInteger inside = new AtomicInteger();

	private final AtomicInteger mostInside = new AtomicInteger();

	private final AtomicInteger settlements = new AtomicInteger();

	@Synchronized(key = "'invoice:' + #id", autoReleaseTime = "30s")
	public void settle(long id) {
		int now = this.inside.incrementAndGet();               // callers inside, on every machine: at most 1
		this.mostInside.accumulateAndGet(now, Math::max);
		LockSupport.parkNanos(Duration.ofMillis(20).toNanos()); // the settling itself
		this.settlements.incrementAndGet();
		this.inside.decrementAndGet();
	}

	/**
	 * The most callers of {@link #settle(long)} that were inside it at the same time.
	 * @return 1 when the lock did its job
	 */
	public int mostInside() {
		return this.mostInside.get();
	}

	/**
	 * How many settlements ran.
	 * @return the count
	 */
	public int settlements() {
		return this.settlements.get();
	}

}
