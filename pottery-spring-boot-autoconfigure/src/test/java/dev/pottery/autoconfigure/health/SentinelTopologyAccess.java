package dev.pottery.autoconfigure.health;

/**
 * Opens {@link SentinelTopology}'s replica parsing to tests in other packages.
 */
public final class SentinelTopologyAccess {

	private SentinelTopologyAccess() {
	}

	public static boolean inSync(String replica) {
		return SentinelTopology.inSync(replica);
	}

}
