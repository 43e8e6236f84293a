package dev.pottery.sample;

import java.util.Map;

/**
 * Exchange rates from one currency, as a slow upstream service returns them.
 * @param base the currency the rates convert from
 * @param rates the rate to each other currency
 */
public record Rates(String base, Map<String, Double> rates) {
}
