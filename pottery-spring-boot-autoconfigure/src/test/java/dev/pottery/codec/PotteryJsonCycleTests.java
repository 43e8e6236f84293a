package dev.pottery.codec;

import java.util.Map;

import dev.pottery.EncodingException;
import dev.pottery.internal.ChildJvm;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A cyclic object graph as the first Jackson failure of a fresh JVM: a clear {@link EncodingException}, no stack
 * overflow, and Jackson (the application's own mapper included) still healthy afterwards.
 */
class PotteryJsonCycleTests {

	@Test
	void cycleAsFirstJacksonErrorInAFreshJvmLeavesJacksonHealthy() throws Exception {
		String output = ChildJvm.start(Child.class).await(120);
		assertThat(output).contains("cycle: EncodingException")
			.contains(Child.Node.class.getName())
			.contains("for key 'users'")
			.contains("more than 1000 levels deep")
			.contains("app mapper: UnexpectedEndOfInputException true")
			.contains("pottery decode: EncodingException")
			.contains("DONE")
			.doesNotContain("NoClassDefFoundError")
			.doesNotContain("StackOverflowError");
	}

	/**
	 * Runs in the child JVM: encodes a cycle first, then makes the application's mapper and Pottery's codec fail to
	 * read bad JSON, printing what each threw.
	 */
	public static final class Child {

		public static void main(String[] args) {
			Node a = new Node();
			Node b = new Node();
			a.next = b;
			b.next = a;
			PotteryJson json = PotteryJson.create();
			try {
				json.encode("users", a);
				System.out.println("cycle: no exception");
			}
			catch (Throwable ex) {
				System.out.println("cycle: " + ex.getClass().getSimpleName() + ": " + ex.getMessage());
			}
			JsonMapper applicationMapper = JsonMapper.builder().build();
			try {
				applicationMapper.readValue("{\"a\": ", Map.class);
				System.out.println("app mapper: no exception");
			}
			catch (Throwable ex) {
				System.out.println("app mapper: " + ex.getClass().getSimpleName() + " " + (ex instanceof JacksonException));
			}
			try {
				json.decode("users", "{\"next\": ", Node.class);
				System.out.println("pottery decode: no exception");
			}
			catch (Throwable ex) {
				System.out.println("pottery decode: " + ex.getClass().getSimpleName() + " " + ex.getMessage());
			}
			System.out.println("DONE");
		}

		/** A bean that can point at another. */
		public static final class Node {

			public Node next;

			public String name = "n";

		}

	}

}
