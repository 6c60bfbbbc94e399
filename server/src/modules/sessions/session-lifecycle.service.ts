import type { Logger } from '../../logger.js';
import type { SessionRuntime } from '../../runtime/session-runtime.js';
import { isFinalRunStatus } from '../runs/run.entity.js';
import type { RunRepository } from '../runs/run.repository.js';
import type { User } from '../users/user.entity.js';
import type { Session } from './session.entity.js';
import type { SessionRepository } from './session.repository.js';
import type { SessionService } from './session.service.js';
import { ValidationError } from '../../errors.js';
import type { AppService } from '../apps/app.service.js';
import type { SnapshotService } from '../snapshots/snapshot.service.js';
import { SyncFailedError } from '../snapshots/snapshot.errors.js';
import type { SessionActivator } from './session-activator.js';

/**
 * Starting, stopping and deleting a session's container by hand. Every state change is a
 * compare-and-set on the old state, so a late job never overwrites a newer state.
 */
export class SessionLifecycleService {
  constructor(
    private readonly deps: {
      sessions: SessionService;
      repository: SessionRepository;
      runs: RunRepository;
      apps: AppService;
      runtime: SessionRuntime;
      activator: SessionActivator;
      snapshots: SnapshotService;
      /** LC2/LC3 thresholds, in seconds. */
      idleStopAfterSeconds: number;
      removeAfterSeconds: number;
      log: Logger;
    },
  ) {}

  /** LC1: brings the session's container up and waits for its executor. */
  async activate(viewer: User, id: string): Promise<Session> {
    const { sessions, repository, activator, apps } = this.deps;
    const session = await sessions.get(viewer, id);
    const app = await apps.getVisible(viewer, session.app.id);
    await repository.transition(id, ['ABSENT', 'STOPPED', 'REMOVED', 'FAILED'], 'STARTING');
    try {
      await activator.ensureRunning(id, app.image ?? null);
    } catch (error) {
      await repository.transition(id, ['STARTING'], 'FAILED');
      await sessions.notifyChanged(id);
      throw error;
    }
    await repository.transition(id, ['ABSENT', 'STARTING', 'STOPPED', 'REMOVED', 'FAILED'], 'RUNNING');
    // Activation is activity: the idle clock starts now, not at the last message.
    await repository.touch(id, new Date());
    await sessions.notifyChanged(id);
    return sessions.get(viewer, id);
  }

  /** Stops the container, keeping its workspace; refused while a run is active. */
  async stop(viewer: User, id: string): Promise<Session> {
    const { sessions, repository, runtime, runs } = this.deps;
    await sessions.get(viewer, id);
    const head = await runs.headOfSession(id);
    if (head && !isFinalRunStatus(head.status) && head.status !== 'QUEUED') {
      throw new ValidationError('the session has a run in progress: cancel it or wait for it to finish', [
        { path: ['sessionId'], message: 'a run is in progress' },
      ]);
    }
    if (await repository.transition(id, ['RUNNING', 'STARTING', 'FAILED'], 'IDLE_STOPPING')) {
      // LC4: a running container is synced first; a failed sync leaves it running.
      if ((await runtime.status(id)).state === 'running') {
        try {
          await this.deps.snapshots.sync(id, 'BEFORE_STOP');
        } catch (error) {
          await repository.transition(id, ['IDLE_STOPPING'], 'RUNNING');
          await sessions.notifyChanged(id);
          throw error;
        }
      }
      await runtime.stop(id);
      await repository.transition(id, ['IDLE_STOPPING'], 'STOPPED', { stoppedAt: new Date() });
      await sessions.notifyChanged(id);
    }
    return sessions.get(viewer, id);
  }

  /** LC2: syncs, then stops, every running session without activity for `idleStopAfterSeconds`. */
  async sweepIdle(now = new Date()): Promise<{ stopped: number; failed: number }> {
    const before = new Date(now.getTime() - this.deps.idleStopAfterSeconds * 1000);
    let stopped = 0;
    let failed = 0;
    for (const session of await this.deps.repository.findIdle(before)) {
      try {
        if (await this.stopIdle(session.id)) stopped++;
      } catch (error) {
        failed++;
        this.deps.log.warn({ sessionId: session.id, op: 'session.idleStop', err: error }, 'idle stop failed');
      }
    }
    return { stopped, failed };
  }

  /** LC3: removes every session stopped for `removeAfterSeconds`, only once its data is synced. */
  async sweepRemove(now = new Date()): Promise<{ removed: number; failed: number }> {
    const before = new Date(now.getTime() - this.deps.removeAfterSeconds * 1000);
    let removed = 0;
    let failed = 0;
    for (const session of await this.deps.repository.findRemovable(before)) {
      try {
        if (await this.removeStopped(session.id)) removed++;
      } catch (error) {
        failed++;
        this.deps.log.warn({ sessionId: session.id, op: 'session.remove', err: error }, 'remove failed');
      }
    }
    return { removed, failed };
  }

  private async hasActiveRun(id: string): Promise<boolean> {
    // A pending human-loop request belongs to a run that is not final, so this covers it too.
    const head = await this.deps.runs.headOfSession(id);
    return head !== null && !isFinalRunStatus(head.status);
  }

  private async stopIdle(id: string): Promise<boolean> {
    const { repository, runtime, sessions, snapshots, log } = this.deps;
    if (await this.hasActiveRun(id)) return false;
    if (!(await repository.transition(id, ['RUNNING'], 'IDLE_STOPPING'))) return false;
    await sessions.notifyChanged(id);
    const backToRunning = async () => {
      await repository.transition(id, ['IDLE_STOPPING'], 'RUNNING');
      await sessions.notifyChanged(id);
    };
    try {
      await snapshots.sync(id, 'BEFORE_STOP');
    } catch (error) {
      // LC4: counted on the session by the sync; the next sweep tries again.
      await backToRunning();
      if (error instanceof SyncFailedError) return false;
      throw error;
    }
    // A message that arrived during the sync wins over the stop.
    if (await this.hasActiveRun(id)) {
      await backToRunning();
      return false;
    }
    await runtime.stop(id);
    await repository.transition(id, ['IDLE_STOPPING'], 'STOPPED', { stoppedAt: new Date() });
    await sessions.notifyChanged(id);
    log.info({ sessionId: id, op: 'session.idleStop' }, 'idle session synced and stopped');
    return true;
  }

  private async removeStopped(id: string): Promise<boolean> {
    const { repository, runtime, sessions, snapshots, apps, log } = this.deps;
    if (!(await repository.transition(id, ['STOPPED'], 'REMOVING'))) return false;
    await sessions.notifyChanged(id);
    const session = await repository.findById(id);
    if (!session) return false;
    // A stopped container cannot change: a successful sync newer than the last activity (the
    // one before the stop) is current. Otherwise (an older release's stop, or a failed sync)
    // start it once more and sync it before anything is deleted.
    const current =
      !session.lastSyncError &&
      session.lastSyncAt != null &&
      session.lastSyncAt.getTime() >= session.lastActiveAt.getTime();
    if (!current) {
      try {
        const app = await apps.findById(session.app.id);
        await runtime.ensureRunning({ sessionId: id, image: app?.image ?? null, env: {} });
        await snapshots.sync(id, 'BEFORE_REMOVE');
      } catch (error) {
        await runtime.stop(id).catch(() => undefined);
        await repository.transition(id, ['REMOVING'], 'STOPPED');
        await sessions.notifyChanged(id);
        log.warn(
          { sessionId: id, op: 'session.remove', err: error },
          'not removed: the sync before it failed',
        );
        return false;
      }
      await runtime.stop(id);
    }
    await runtime.remove(id);
    await repository.transition(id, ['REMOVING'], 'REMOVED');
    await sessions.notifyChanged(id);
    log.info({ sessionId: id, op: 'session.remove' }, 'stopped session removed (its snapshot stays)');
    return true;
  }

  /** Deletes the session with its container, workspace and history. */
  async delete(viewer: User, id: string): Promise<string> {
    const { sessions, repository, runtime } = this.deps;
    await sessions.get(viewer, id);
    await runtime.remove(id);
    await repository.delete(id);
    await sessions.notifyChanged(id);
    return id;
  }
}
