package dev.pottery.autoconfigure;

import java.util.List;

/**
 * Thrown at startup, with {@code pottery.annotations.fail-on-unproxyable=true}, when {@code @Synchronized} or
 * {@code @RedisCached} methods cannot be intercepted by Spring AOP and would run without their lock or cache.
 *
 * @since 0.1.0
 */
public class UnproxyableAnnotationException extends IllegalStateException {

	private final List<String> problems;

	/**
	 * Create the exception.
	 * @param problems one message per method, naming it and the fix
	 */
	public UnproxyableAnnotationException(List<String> problems) {
		super(problems.size() + " Pottery annotation(s) cannot be intercepted by Spring AOP:\n  "
				+ String.join("\n  ", problems));
		this.problems = List.copyOf(problems);
	}

	/**
	 * The problems found.
	 * @return one message per method
	 */
	public List<String> getProblems() {
		return this.problems;
	}

}
