package dev.pottery.autoconfigure;

import tools.jackson.databind.json.JsonMapper;

/**
 * Customizes the Jackson mapper behind the auto-configured {@link dev.pottery.codec.PotteryJson} codec, for example
 * to register mix-ins or modules for value types. The builder starts from
 * {@link dev.pottery.codec.PotteryJson#defaultMapperBuilder()}, whose safety settings (no default typing, no
 * class-name subtypes) should be kept. Customizers run in {@code @Order} order. The canonical text the codec
 * writes does not depend on the mapper's output settings.
 *
 * <pre>{@code
 * @Bean
 * PotteryJsonCustomizer pointMixin() {
 *     return (builder) -> builder.addMixIn(Point.class, PointMixin.class);
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface PotteryJsonCustomizer {

	/**
	 * Customize the mapper builder.
	 * @param builder the builder to customize
	 */
	void customize(JsonMapper.Builder builder);

}
