package dev.pottery.codec;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * Types and helpers shared by the codec tests.
 */
final class CodecFixtures {

	private CodecFixtures() {
	}

	/**
	 * A map in the given key/value order that allows {@code null} keys and values.
	 */
	static Map<@Nullable Object, @Nullable Object> map(@Nullable Object... keysAndValues) {
		Map<@Nullable Object, @Nullable Object> map = new LinkedHashMap<>();
		for (int i = 0; i < keysAndValues.length; i += 2) {
			map.put(keysAndValues[i], keysAndValues[i + 1]);
		}
		return map;
	}

	record Person(String name, int age, double score, List<String> tags, @Nullable String nickname) {
	}

	record Account(long id, @Nullable Person owner, double ratio) {
	}

	enum Color {

		RED, GREEN, BLUE;

		@Override
		public String toString() {
			return "colour " + name().toLowerCase(java.util.Locale.ROOT);
		}

	}

	/**
	 * A JavaBean with getters and setters.
	 */
	static final class Item {

		private String sku = "";

		private double price;

		private int quantity;

		private boolean gift;

		private Map<String, String> attributes = Map.of();

		private @Nullable LocalDate created;

		public String getSku() {
			return this.sku;
		}

		public void setSku(String sku) {
			this.sku = sku;
		}

		public double getPrice() {
			return this.price;
		}

		public void setPrice(double price) {
			this.price = price;
		}

		public int getQuantity() {
			return this.quantity;
		}

		public void setQuantity(int quantity) {
			this.quantity = quantity;
		}

		public boolean isGift() {
			return this.gift;
		}

		public void setGift(boolean gift) {
			this.gift = gift;
		}

		public Map<String, String> getAttributes() {
			return this.attributes;
		}

		public void setAttributes(Map<String, String> attributes) {
			this.attributes = attributes;
		}

		public @Nullable LocalDate getCreated() {
			return this.created;
		}

		public void setCreated(@Nullable LocalDate created) {
			this.created = created;
		}

	}

}
