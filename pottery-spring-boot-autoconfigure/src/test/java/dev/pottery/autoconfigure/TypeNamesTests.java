package dev.pottery.autoconfigure;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.core.ResolvableType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Tests for {@link TypeNames}, the parser of {@code pottery.structures.*-type} properties, and the failure report
 * of a bad one.
 */
class TypeNamesTests {

	private static final String PROPERTY = "pottery.structures.tel.value-type";

	private static ResolvableType resolve(String name) {
		return TypeNames.resolve(PROPERTY, name, TypeNamesTests.class.getClassLoader());
	}

	@Test
	void absentMeansObject() {
		assertThat(TypeNames.resolve(PROPERTY, null, null).resolve()).isEqualTo(Object.class);
		assertThat(TypeNames.resolve(PROPERTY, " ", null).resolve()).isEqualTo(Object.class);
	}

	@Test
	void resolvesClassesPrimitivesAndJavaLangShortNames() {
		assertThat(resolve("java.lang.Integer").resolve()).isEqualTo(Integer.class);
		assertThat(resolve("long").resolve()).isEqualTo(Long.class);
		assertThat(resolve("String").resolve()).isEqualTo(String.class);
		assertThat(resolve("dev.pottery.autoconfigure.TypeNamesTests.Rate").resolve()).isEqualTo(Rate.class);
		assertThat(resolve("dev.pottery.autoconfigure.TypeNamesTests$Rate").resolve()).isEqualTo(Rate.class);
	}

	@Test
	void resolvesGenericTypes() {
		ResolvableType list = resolve("java.util.List<java.lang.String>");
		assertThat(list.resolve()).isEqualTo(List.class);
		assertThat(list.getGeneric(0).resolve()).isEqualTo(String.class);
		ResolvableType map = resolve(" java.util.Map< String , java.util.List<dev.pottery.autoconfigure.TypeNamesTests.Rate> > ");
		assertThat(map.resolve()).isEqualTo(Map.class);
		assertThat(map.getGeneric(0).resolve()).isEqualTo(String.class);
		assertThat(map.getGeneric(1).getGeneric(0).resolve()).isEqualTo(Rate.class);
	}

	@Test
	void unknownClassNamesThePropertyAndTheFix() {
		assertThatExceptionOfType(InvalidPotteryPropertyException.class).isThrownBy(() -> resolve("com.acme.Missing"))
			.satisfies((ex) -> {
				assertThat(ex.getProperty()).isEqualTo(PROPERTY);
				assertThat(ex.getMessage()).contains("'com.acme.Missing'").contains(PROPERTY).contains("classpath");
				FailureAnalysis analysis = new InvalidPotteryPropertyFailureAnalyzer().analyze(ex);
				assertThat(analysis.getDescription()).contains(PROPERTY).contains("com.acme.Missing");
				assertThat(analysis.getAction()).contains(PROPERTY).contains("fully qualified class name");
			});
	}

	@Test
	void malformedGenericsAreRejected() {
		assertThatExceptionOfType(InvalidPotteryPropertyException.class)
			.isThrownBy(() -> resolve("java.util.List<java.lang.String")).withMessageContaining("'>' expected");
		assertThatExceptionOfType(InvalidPotteryPropertyException.class)
			.isThrownBy(() -> resolve("java.util.Map<java.lang.String>")).withMessageContaining("takes 2 type argument");
		assertThatExceptionOfType(InvalidPotteryPropertyException.class)
			.isThrownBy(() -> resolve("java.util.List<>")).withMessageContaining("class name is missing");
		assertThatExceptionOfType(InvalidPotteryPropertyException.class)
			.isThrownBy(() -> resolve("java.lang.String junk")).withMessageContaining("unexpected");
	}

	record Rate(String currency, double value) {
	}

}
