package dev.pottery.quorum;

import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A one-time look, on first use of fencing tokens or NextId, at whether each master persists every write: without
 * {@code appendonly yes} and {@code appendfsync always}, a master that restarts loses counters, and tokens and ids then
 * hold only under the condition the README states. Asynchronous and best effort: a master that does not allow
 * {@code CONFIG GET} (or is down) is skipped.
 */
final class PersistenceCheck {

	private static final Log logger = LogFactory.getLog(Masters.class);

	private PersistenceCheck() {
	}

	static void run(Masters masters) {
		if (!logger.isWarnEnabled()) {
			return;
		}
		for (Master master : masters.list()) {
			master.<Map<String, String>>execute((commands) -> commands.configGet("appendonly", "appendfsync"))
				.whenComplete((config, ex) -> {
					if (ex != null || config == null) {
						if (logger.isDebugEnabled()) {
							logger.debug("Could not read the persistence settings of master " + master.url(), ex);
						}
						return;
					}
					String appendonly = config.getOrDefault("appendonly", "?");
					String appendfsync = config.getOrDefault("appendfsync", "?");
					if (!"yes".equals(appendonly) || !"always".equals(appendfsync)) {
						logger.warn("Master " + master.url() + " runs with appendonly " + appendonly + " and appendfsync "
								+ appendfsync + ": if it restarts it may lose fencing counters and NextId values, and "
								+ "tokens and ids then never go backwards only while more than N - quorum masters keep "
								+ "the last value; use appendonly yes and appendfsync always (see the README's "
								+ "production advice)");
					}
				});
		}
	}

}
