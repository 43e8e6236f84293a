package dev.pottery.lock;

import dev.pottery.internal.Master;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A one-time look, on first use of fencing tokens or NextId, at whether each master persists its writes: without an
 * append-only file ({@code appendonly yes}, best with {@code appendfsync always}), a master that restarts loses
 * counters, and tokens and ids then hold only under the condition the README states. It reads {@code INFO
 * persistence} ({@code aof_enabled}), which the ACL list in the README already grants, not {@code CONFIG GET}, which
 * an application user should not have (it reveals every setting, passwords included); the fsync policy is not in
 * {@code INFO}, so it is not checked. Asynchronous and best effort: a master that does not answer is skipped.
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
			master.<String>execute((commands) -> commands.info("persistence")).whenComplete((info, ex) -> {
				if (ex != null || info == null) {
					if (logger.isDebugEnabled()) {
						logger.debug("Could not read the persistence settings of master " + master.url(), ex);
					}
					return;
				}
				if (!aofEnabled(info)) {
					logger.warn("Master " + master.url() + " runs without an append-only file (aof_enabled:0): if it "
							+ "restarts it loses fencing counters and NextId values, and tokens and ids then never go "
							+ "backwards only while more than N - quorum masters keep the last value; use appendonly "
							+ "yes and appendfsync always (see the README's production advice)");
				}
			});
		}
	}

	/** Whether {@code INFO persistence} says {@code aof_enabled:1}. */
	static boolean aofEnabled(String info) {
		for (String line : info.split("\r?\n")) {
			if (line.startsWith("aof_enabled:")) {
				return line.substring("aof_enabled:".length()).trim().equals("1");
			}
		}
		return false;
	}

}
