package dev.pottery.sync.unproxyable;

import dev.pottery.cache.RedisCached;
import dev.pottery.sync.Synchronized;

import org.springframework.boot.autoconfigure.AutoConfigurationPackage;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Annotated methods Spring AOP cannot intercept, for {@code UnproxyableAnnotationsTests}.
 */
final class Unproxyable {

	private Unproxyable() {
	}

	/** The application: its package is scanned for annotated classes that are not beans. */
	@Configuration(proxyBeanMethods = false)
	@AutoConfigurationPackage
	static class Application {

		@Bean
		Invoices invoices() {
			return new Invoices();
		}

	}

	/** A bean with one interceptable and three unproxyable methods. */
	static class Invoices {

		@Synchronized(key = "fine")
		public void fine() {
		}

		@Synchronized(key = "hidden")
		private void hidden() {
		}

		@Synchronized(key = "sealed")
		public final void sealed() {
		}

		@RedisCached(key = "'rates'")
		public static String rates() {
			return "rates";
		}

		void callHidden() {
			hidden();
		}

	}

	/** Not a bean: nothing intercepts its methods. */
	static class NotABean {

		@Synchronized(key = "orphan")
		public void orphan() {
		}

	}

}
