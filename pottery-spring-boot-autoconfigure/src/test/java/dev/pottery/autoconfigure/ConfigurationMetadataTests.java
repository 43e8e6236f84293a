package dev.pottery.autoconfigure;

import java.io.InputStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import dev.pottery.autoconfigure.PotteryProperties.Structure;
import dev.pottery.autoconfigure.PotteryProperties.StructureType;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The configuration metadata IDEs read ({@code META-INF/spring-configuration-metadata.json}) describes every
 * {@code pottery.structures.*.*} field, with the {@code type} values and class references as hints.
 */
class ConfigurationMetadataTests {

	private static final String VALUES = "pottery.structures.values.";

	private final JsonNode metadata = read();

	@Test
	void everyStructureFieldIsDescribed() {
		List<String> fields = Arrays.stream(Structure.class.getDeclaredFields())
			.filter((field) -> !Modifier.isStatic(field.getModifiers()))
			.map(Field::getName)
			.map(ConfigurationMetadataTests::kebab)
			.toList();
		assertThat(fields).containsExactlyInAnyOrderElementsOf(StructureBeansRegistrar.FIELDS);
		for (String field : fields) {
			JsonNode property = find("properties", VALUES + field);
			assertThat(property).as(field).isNotNull();
			assertThat(property.get("description").asString()).as(field).isNotBlank();
		}
	}

	@Test
	void typeHintListsTheKebabCaseValuesAndTypeFieldsReferToClasses() {
		List<String> values = new ArrayList<>();
		find("hints", VALUES + "type").get("values").forEach((value) -> values.add(value.get("value").asString()));
		assertThat(values).containsExactly(
				Arrays.stream(StructureType.values()).map(StructureType::kebabCase).toArray(String[]::new));
		for (String field : List.of("key-type", "value-type", "element-type")) {
			assertThat(find("hints", VALUES + field).get("providers").get(0).get("name").asString())
				.isEqualTo("class-reference");
		}
	}

	@Test
	void validateOnStartupAndTheEmbeddedRedisServerAreProperties() {
		assertThat(find("properties", "pottery.validate-on-startup")).isNotNull();
		assertThat(find("properties", "pottery.embedded.redis-server").get("description").asString())
			.contains("redis-server");
	}

	private JsonNode find(String section, String name) {
		for (JsonNode node : this.metadata.get(section)) {
			if (node.get("name").asString().equals(name)) {
				return node;
			}
		}
		return null;
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
	}

	private static JsonNode read() {
		try (InputStream in = ConfigurationMetadataTests.class.getClassLoader()
			.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
			return JsonMapper.builder().build().readTree(in);
		}
		catch (java.io.IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
