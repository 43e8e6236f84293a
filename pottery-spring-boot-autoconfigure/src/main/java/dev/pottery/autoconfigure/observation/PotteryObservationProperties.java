package dev.pottery.autoconfigure.observation;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Settings of Pottery's observations ({@code pottery.observations.*}).
 *
 * <pre>{@code
 * pottery.observations.include-keys=true
 * }</pre>
 *
 * @since 0.1.0
 */
@ConfigurationProperties("pottery.observations")
public class PotteryObservationProperties {

	/**
	 * Whether lock and NextId observations carry the lock's or sequence's name as the high-cardinality key value
	 * pottery.key (traces only; never a metric tag).
	 */
	private boolean includeKeys;

	/**
	 * Whether lock and NextId names are recorded.
	 * @return {@code false} by default
	 */
	public boolean isIncludeKeys() {
		return this.includeKeys;
	}

	/**
	 * Set whether lock and NextId names are recorded.
	 * @param includeKeys {@code true} to record them on traces
	 */
	public void setIncludeKeys(boolean includeKeys) {
		this.includeKeys = includeKeys;
	}

}
