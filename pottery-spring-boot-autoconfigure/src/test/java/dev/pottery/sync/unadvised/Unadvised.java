package dev.pottery.sync.unadvised;

import dev.pottery.cache.RedisCached;
import dev.pottery.sync.Synchronized;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Public annotated methods of beans whose calls would still not reach Pottery's advice, for
 * {@code UnadvisedAnnotationsTests}.
 */
final class Unadvised {

	private Unadvised() {
	}

	/** One bean of each kind (no auto-configuration package: nothing here is scanned). */
	@Configuration(proxyBeanMethods = false)
	static class Application {

		@Bean
		Ledger ledger() {
			return new Ledger();
		}

		@Bean
		Accounts accounts() {
			return new DefaultAccounts();
		}

		@Bean
		Rates rates() {
			return new DefaultRates();
		}

	}

	/** A bean post-processor created before Spring AOP's auto-proxy creator, so never proxied. */
	@Configuration(proxyBeanMethods = false)
	static class EarlyApplication {

		@Bean
		static Auditor auditor() {
			return new Auditor();
		}

	}

	static class Auditor implements org.springframework.beans.factory.config.BeanPostProcessor,
			org.springframework.core.PriorityOrdered {

		@Synchronized(key = "'audit'")
		public void audit() {
		}

		@Override
		public int getOrder() {
			return 0;
		}

	}

	/** A plain class: advised when Spring AOP proxies beans, not otherwise. */
	static class Ledger {

		private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

		@Synchronized(key = "'ledger'")
		public int post() {
			return this.calls.incrementAndGet();
		}

	}

	/** An interface that declares one of its implementation's two annotated methods. */
	interface Accounts {

		@Synchronized(key = "'open'")
		void open();

	}

	static class DefaultAccounts implements Accounts {

		@Override
		@Synchronized(key = "'open'")
		public void open() {
		}

		/** Not on {@link Accounts}: a JDK proxy of the bean cannot expose it. */
		@RedisCached(key = "'balance'")
		public String balance() {
			return "0";
		}

	}

	/** The annotation only on the interface; the implementation's method has none. */
	interface Rates {

		@RedisCached(key = "'unadvised:rate'")
		int rate();

	}

	static class DefaultRates implements Rates {

		private final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

		@Override
		public int rate() {
			return this.calls.incrementAndGet();
		}

	}

}
