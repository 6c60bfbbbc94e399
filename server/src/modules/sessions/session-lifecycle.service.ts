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
      log: Logger;
    },
  ) {}

  /** LC1: brings the session's container up and waits for its executor. */
  async activate(viewer: User, id: string): Promise<Session> {
    const { sessions, repository, runtime, apps } = this.deps;
    const session = await sessions.get(viewer, id);
    const app = await apps.getVisible(viewer, session.app.id);
    await repository.transition(id, ['ABSENT', 'STOPPED', 'REMOVED', 'FAILED'], 'STARTING');
    try {
      await runtime.ensureRunning({ sessionId: id, image: app.image ?? null, env: {} });
    } catch (error) {
      await repository.transition(id, ['STARTING'], 'FAILED');
      await sessions.notifyChanged(id);
      throw error;
    }
    await repository.transition(id, ['ABSENT', 'STARTING', 'STOPPED', 'REMOVED', 'FAILED'], 'RUNNING');
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
      await runtime.stop(id);
      await repository.transition(id, ['IDLE_STOPPING'], 'STOPPED');
      await sessions.notifyChanged(id);
    }
    return sessions.get(viewer, id);
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
