import type { Logger } from '../../logger.js';
import type { SessionRepository } from '../sessions/session.repository.js';
import { snapshotsToDelete, type RetentionPolicy } from './snapshot-retention.js';
import type { SnapshotRepository } from './snapshot.repository.js';

/** Sessions looked at per query. */
const PAGE = 100;

/**
 * Thins every session's snapshots to the retention policy, on a schedule. Deleted snapshots only
 * lose their rows: their blobs become unreferenced and garbage collection takes them once their
 * grace period is over.
 */
export class SnapshotRetentionService {
  constructor(
    private readonly deps: {
      snapshots: SnapshotRepository;
      sessions: SessionRepository;
      policy: RetentionPolicy;
      log: Logger;
    },
  ) {}

  async apply(now = new Date()): Promise<{ sessions: number; deleted: number }> {
    let sessions = 0;
    let deleted = 0;
    for (let after: string | null = null; ; ) {
      const page = await this.deps.snapshots.sessionsWithMoreThan(this.deps.policy.keepLast, PAGE, after);
      for (const sessionId of page) {
        const count = await this.thin(sessionId, now);
        if (count > 0) sessions++;
        deleted += count;
      }
      if (page.length < PAGE) break;
      after = page.at(-1)!;
    }
    return { sessions, deleted };
  }

  private async thin(sessionId: string, now: Date): Promise<number> {
    const { snapshots, sessions, policy, log } = this.deps;
    // Read before the list: a restore pending now names a snapshot that is in the list.
    const pending = (await sessions.findById(sessionId))?.pendingRestoreId ?? null;
    const doomed = snapshotsToDelete(
      await snapshots.listOfSession(sessionId),
      policy,
      now,
      new Set(pending ? [pending] : []),
    );
    const count = await snapshots.deleteOfSession(sessionId, doomed);
    if (count > 0) log.info({ sessionId, op: 'snapshot.retention', deleted: count }, 'old snapshots deleted');
    return count;
  }
}
