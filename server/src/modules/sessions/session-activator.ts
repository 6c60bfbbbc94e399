import type { Logger } from '../../logger.js';
import type { ExecutorEndpoint, SessionRuntime } from '../../runtime/session-runtime.js';
import type { SnapshotService } from '../snapshots/snapshot.service.js';
import type { SessionRepository } from './session.repository.js';

/**
 * Brings a session's executor up (LC1) and, when its container had to be created from nothing
 * (removed by the sweep, or lost behind our back), restores its latest snapshot first (LC5): the
 * workspace and the agent data, before anything runs in it.
 */
export class SessionActivator {
  constructor(
    private readonly deps: {
      runtime: SessionRuntime;
      repository: SessionRepository;
      snapshots: SnapshotService;
      log: Logger;
    },
  ) {}

  /** `env`: the agent's endpoint and key for the session's app (never logged). */
  async ensureRunning(
    sessionId: string,
    image: string | null,
    env: Record<string, string> = {},
  ): Promise<ExecutorEndpoint> {
    const { runtime, repository, snapshots, log } = this.deps;
    const before = await runtime.status(sessionId);
    if (before.state === 'absent') {
      // Written down before the container exists, so a crash between creating it and restoring
      // into it cannot leave a fresh, empty workspace that looks complete.
      const latest = await snapshots.latestOfSession(sessionId);
      if (latest) await repository.setPendingRestore(sessionId, latest.id);
    }
    const endpoint = await runtime.ensureRunning({ sessionId, image, env });
    const pending = (await repository.findById(sessionId))?.pendingRestoreId ?? null;
    if (pending) {
      // keep_session: files the volume still has (a container lost without its volume) win.
      const result = await snapshots.restore(sessionId, pending, 'keep_session');
      await repository.clearPendingRestore(sessionId, pending);
      log.info(
        { sessionId, snapshotId: pending, op: 'session.reactivate', ...result },
        'workspace restored into a new container',
      );
    }
    return endpoint;
  }
}
