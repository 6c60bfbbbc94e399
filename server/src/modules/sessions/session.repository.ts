import { pastPosition } from '../../db/keyset.js';
import type { FilterQuery } from '@mikro-orm/core';
import type { Orm } from '../../db/orm.js';
import { SessionSchema, type Session, type SessionStatus } from './session.entity.js';

/** Keyset position in the history list: newest activity first, id breaks ties. */
export interface SessionCursor {
  lastActiveAt: Date;
  id: string;
}

export interface SessionPageQuery {
  ownerId: string;
  search?: string | null;
  after?: SessionCursor;
  before?: SessionCursor;
  limit: number;
  /** True when paging backwards (`last`/`before`): rows come oldest first and the caller reverses them. */
  inverted: boolean;
}

export class SessionRepository {
  constructor(private readonly orm: Orm) {}

  findById(id: string): Promise<Session | null> {
    return this.orm.em.fork().findOne(SessionSchema, { id });
  }

  async create(input: { ownerId: string; appId: string; title: string }): Promise<Session> {
    const em = this.orm.em.fork();
    const session = em.create(SessionSchema, { owner: input.ownerId, app: input.appId, title: input.title });
    await em.flush();
    return session;
  }

  /** Renames and returns the session, or null when it is gone. */
  async rename(id: string, title: string): Promise<Session | null> {
    const em = this.orm.em.fork();
    const count = await em.nativeUpdate(SessionSchema, { id }, { title, updatedAt: new Date() });
    return count ? em.findOne(SessionSchema, { id }) : null;
  }

  /** Compare-and-set on the worker state, so a late job never overwrites a newer state. */
  async transition(
    id: string,
    from: readonly SessionStatus[],
    to: SessionStatus,
    also: { stoppedAt?: Date } = {},
  ): Promise<boolean> {
    const count = await this.orm.em
      .fork()
      .nativeUpdate(
        SessionSchema,
        { id, status: { $in: [...from] } },
        { status: to, updatedAt: new Date(), ...also },
      );
    return count > 0;
  }

  async recordSyncSuccess(id: string, at: Date): Promise<void> {
    await this.orm.em
      .fork()
      .nativeUpdate(SessionSchema, { id }, { lastSyncAt: at, lastSyncError: null, syncFailureCount: 0 });
  }

  /** LC4: counts the failure and keeps the error for the user; the state is left as it is. */
  async recordSyncFailure(id: string, error: string): Promise<void> {
    await this.orm.em
      .fork()
      .getConnection()
      .execute(
        'update "session" set "last_sync_error" = ?, "sync_failure_count" = "sync_failure_count" + 1 where "id" = ?',
        [error.slice(0, 2000), id],
      );
  }

  async setPendingRestore(id: string, snapshotId: string | null): Promise<void> {
    await this.orm.em.fork().nativeUpdate(SessionSchema, { id }, { pendingRestoreId: snapshotId });
  }

  /** Clears the pending restore if it is still this one (a newer one set meanwhile stays). */
  async clearPendingRestore(id: string, snapshotId: string): Promise<void> {
    await this.orm.em
      .fork()
      .nativeUpdate(SessionSchema, { id, pendingRestoreId: snapshotId }, { pendingRestoreId: null });
  }

  /** WS5: a new container is about to be created; its restore plan (and snapshot, if any) is due. */
  async beginRestorePlan(id: string, snapshotId: string | null): Promise<void> {
    await this.orm.em
      .fork()
      .nativeUpdate(SessionSchema, { id }, { restorePlanPending: true, pendingRestoreId: snapshotId });
  }

  /** The plan completed: the container runs the app's `runtimeVersion`; a mismatch waits for the next run. */
  async finishRestorePlan(
    id: string,
    outcome: { snapshotId: string | null; runtimeVersion: string | null; warning: string | null },
  ): Promise<void> {
    const em = this.orm.em.fork();
    await em.nativeUpdate(
      SessionSchema,
      { id },
      {
        restorePlanPending: false,
        runtimeVersion: outcome.runtimeVersion,
        ...(outcome.warning === null ? {} : { runtimeWarning: outcome.warning }),
      },
    );
    if (outcome.snapshotId) await this.clearPendingRestore(id, outcome.snapshotId);
  }

  /** Clears the runtime warning once a run reported it, unless a newer one replaced it meanwhile. */
  async clearRuntimeWarning(id: string, warning: string): Promise<void> {
    await this.orm.em
      .fork()
      .nativeUpdate(SessionSchema, { id, runtimeWarning: warning }, { runtimeWarning: null });
  }

  /** Running sessions without activity since `before`: candidates for idle stop (LC2). */
  findIdle(before: Date, limit = 100): Promise<Session[]> {
    return this.orm.em
      .fork()
      .find(
        SessionSchema,
        { status: 'RUNNING', lastActiveAt: { $lt: before } },
        { orderBy: { lastActiveAt: 'asc' }, limit },
      );
  }

  /** Sessions stopped since before `before`: candidates for removal (LC3). */
  findRemovable(before: Date, limit = 100): Promise<Session[]> {
    return this.orm.em
      .fork()
      .find(
        SessionSchema,
        { status: 'STOPPED', stoppedAt: { $lt: before } },
        { orderBy: { stoppedAt: 'asc' }, limit },
      );
  }

  async delete(id: string): Promise<void> {
    await this.orm.em.fork().nativeDelete(SessionSchema, { id });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.orm.em.fork().nativeUpdate(SessionSchema, { id }, { lastActiveAt: at });
  }

  /** Sessions whose state says they have a container (or are between states): what reconciliation compares. */
  findWithContainerStates(): Promise<Session[]> {
    return this.orm.em.fork().find(
      SessionSchema,
      { status: { $in: ['STARTING', 'RUNNING', 'IDLE_STOPPING', 'STOPPED', 'REMOVING', 'FAILED'] } },
      { orderBy: { id: 'asc' } },
    );
  }

  /** The sessions among these ids that exist. */
  findByIds(ids: readonly string[]): Promise<Session[]> {
    if (ids.length === 0) return Promise.resolve([]);
    return this.orm.em.fork().find(SessionSchema, { id: { $in: [...ids] } });
  }

  async hasAny(): Promise<boolean> {
    // find, not findOne: MikroORM refuses findOne with an empty filter.
    const one = await this.orm.em.fork().find(SessionSchema, {}, { fields: ['id'], limit: 1 });
    return one.length > 0;
  }

  page(query: SessionPageQuery): Promise<Session[]> {
    const where: FilterQuery<Session>[] = [{ owner: query.ownerId }];
    if (query.search?.trim()) where.push({ title: { $ilike: `%${escapeLike(query.search.trim())}%` } });
    if (query.after)
      where.push(pastPosition('lastActiveAt', { at: query.after.lastActiveAt, id: query.after.id }, '$lt'));
    if (query.before)
      where.push(pastPosition('lastActiveAt', { at: query.before.lastActiveAt, id: query.before.id }, '$gt'));
    const direction = query.inverted ? 'asc' : 'desc';
    return this.orm.em
      .fork()
      .find(
        SessionSchema,
        { $and: where },
        { orderBy: { lastActiveAt: direction, id: direction }, limit: query.limit },
      );
  }
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
