package dev.pottery.codec;

import java.lang.reflect.Method;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.pottery.codec.CodecFixtures.Person;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JavaType;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.core.ParameterizedTypeReference;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The examples of the Javadoc in {@code dev.pottery.codec}, run so that they cannot rot.
 */
class JavadocExamplesTests {

	private final PotteryJson json = PotteryJson.create();

	@Test
	void potteryJson() {
		PotteryJson json = PotteryJson.create();
		assertThat(json.encode(Map.of("b", 1, "a", List.of(1.0, "x")))).isEqualTo("{\"a\": [1.0, \"x\"], \"b\": 1}");
		assertThat(json.encode(Map.of(10, "a", 9, "b"))).isEqualTo("{\"9\": \"b\", \"10\": \"a\"}");
		List<Integer> ids = json.decode("users", "[1, 2]", new ParameterizedTypeReference<List<Integer>>() { });
		assertThat(ids).containsExactly(1, 2);
	}

	@Test
	void create() {
		PotteryJson json = PotteryJson.create();
		assertThat(json.encode(1e16)).isEqualTo("1e+16");
	}

	@Test
	void of() {
		JsonMapper mapper = PotteryJson.defaultMapperBuilder().addMixIn(Point.class, PointMixin.class).build();
		PotteryJson json = PotteryJson.of(mapper);
		assertThat(json.encode(new Point(1, 2))).isEqualTo("{\"horizontal\": 1, \"y\": 2}");
		assertThat(json.decode("k", "{\"horizontal\": 1, \"y\": 2}", Point.class)).isEqualTo(new Point(1, 2));
	}

	@Test
	void defaultMapperBuilder() {
		JsonMapper mapper = PotteryJson.defaultMapperBuilder()
			.enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
			.build();
		assertThat(mapper.isEnabled(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)).isTrue();
	}

	@Test
	void mapper() {
		String stored = "{\"a\": 1}";
		JsonNode tree = this.json.mapper().readTree(stored);
		assertThat(tree.get("a").intValue()).isEqualTo(1);
	}

	@Test
	void constructType() throws NoSuchMethodException {
		Method method = JavadocExamplesTests.class.getDeclaredMethod("people");
		JavaType type = this.json.constructType(method.getGenericReturnType());
		assertThat(type.toCanonical()).isEqualTo("java.util.List<" + Person.class.getName() + ">");
	}

	@Test
	void encode() {
		assertThat(this.json.encode(0.1 + 0.2)).isEqualTo("0.30000000000000004");
		assertThat(this.json.encode("users", 42)).isEqualTo("42");
	}

	@Test
	void decodeUntyped() {
		Object value = this.json.decode("users", "{\"a\": [1, 2.5]}");
		assertThat(value).hasToString("{a=[1, 2.5]}");
	}

	@Test
	void decodeTyped() throws NoSuchMethodException {
		String stored = "{\"age\": 36, \"name\": \"Ada\", \"nickname\": null, \"score\": 1.0, \"tags\": []}";
		Person user = this.json.decode("users", stored, Person.class);
		assertThat(user).isEqualTo(new Person("Ada", 36, 1.0, List.of(), null));

		Map<String, Double> scores = this.json.decode("scores", "{\"a\": 1.5}", new ParameterizedTypeReference<>() { });
		assertThat(scores).isEqualTo(Map.of("a", 1.5));

		Method method = JavadocExamplesTests.class.getDeclaredMethod("people");
		Object value = this.json.decode("cache", "[" + stored + "]", ResolvableType.forMethodReturnType(method));
		assertThat(value).isEqualTo(List.of(user));

		JavaType type = this.json.constructType(Person.class);
		assertThat(this.json.<Person>decode("users", stored, type)).isEqualTo(user);
	}

	List<Person> people() {
		return List.of();
	}

	record Point(int x, int y) {
	}

	abstract static class PointMixin {

		@JsonProperty("horizontal")
		abstract int x();

	}

}
