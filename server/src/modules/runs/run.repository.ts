import { pastPosition } from '../../db/keyset.js';
import { LockMode } from '@mikro-orm/core';
import type { Orm } from '../../db/orm.js';
import { SessionSchema } from '../sessions/session.entity.js';
import { FINAL_RUN_STATUSES, RunSchema, type Run, type RunStatus } from './run.entity.js';
import type { RunOptions } from './run-options.js';

export interface CreatedRun {
  run: Run;
  /** False when the client mutation id was seen before and the earlier run is returned. */
  created: boolean;
  /** True when no earlier unfinished run of the session is ahead of it. */
  isHead: boolean;
}

export class RunRepository {
  constructor(private readonly orm: Orm) {}

  findById(id: string): Promise<Run | null> {
    return this.orm.em.fork().findOne(RunSchema, { id }, { populate: ['session'] });
  }

  /**
   * Creates a queued run. The session row is locked, so two messages sent at once are ordered
   * and at most one of them is the head of the session's queue.
   */
  createQueued(input: {
    sessionId: string;
    prompt: string;
    clientMutationId: string | null;
    options: RunOptions | null;
  }): Promise<CreatedRun> {
    return this.orm.em.fork().transactional(async (em) => {
      await em.findOneOrFail(
        SessionSchema,
        { id: input.sessionId },
        { lockMode: LockMode.PESSIMISTIC_WRITE },
      );
      if (input.clientMutationId) {
        const existing = await em.findOne(RunSchema, {
          session: input.sessionId,
          clientMutationId: input.clientMutationId,
        });
        if (existing) return { run: existing, created: false, isHead: false };
      }
      const ahead = await em.count(RunSchema, {
        session: input.sessionId,
        status: { $nin: [...FINAL_RUN_STATUSES] },
      });
      const run = em.create(RunSchema, {
        session: input.sessionId,
        prompt: input.prompt,
        clientMutationId: input.clientMutationId,
        options: input.options,
      });
      await em.nativeUpdate(SessionSchema, { id: input.sessionId }, { lastActiveAt: new Date() });
      await em.flush();
      return { run, created: true, isHead: ahead === 0 };
    });
  }

  /** The session's oldest unfinished run: the one that may run now. */
  headOfSession(sessionId: string): Promise<Run | null> {
    return this.orm.em
      .fork()
      .findOne(
        RunSchema,
        { session: sessionId, status: { $nin: [...FINAL_RUN_STATUSES] } },
        { orderBy: { createdAt: 'asc', id: 'asc' } },
      );
  }

  /** Runs of a session, newest first, for keyset paging by (createdAt, id). */
  pageOfSession(
    sessionId: string,
    query: { after?: { createdAt: Date; id: string }; limit: number },
  ): Promise<Run[]> {
    const where = query.after
      ? {
          session: sessionId,
          ...pastPosition('createdAt', { at: query.after.createdAt, id: query.after.id }),
        }
      : { session: sessionId };
    return this.orm.em
      .fork()
      .find(RunSchema, where, { orderBy: { createdAt: 'desc', id: 'desc' }, limit: query.limit });
  }

  async requestCancel(id: string): Promise<void> {
    await this.orm.em
      .fork()
      .nativeUpdate(RunSchema, { id, cancelRequestedAt: null }, { cancelRequestedAt: new Date() });
  }

  /** A new executor attempt: counts it and resets the executor cursor, since a new executor numbers from 1. */
  async beginAttempt(id: string): Promise<number> {
    const em = this.orm.em.fork();
    await em
      .getConnection()
      .execute('UPDATE run SET attempts = attempts + 1, executor_seq = 0 WHERE id = ?', [id]);
    const run = await em.findOneOrFail(RunSchema, { id });
    return run.attempts;
  }

  /** Queued runs at the head of their session, to hand to the queue again after a crash. */
  async queuedHeads(limit: number): Promise<string[]> {
    const rows = await this.orm.em
      .fork()
      .getConnection()
      .execute<{ id: string }[]>(
        `SELECT DISTINCT ON (session_id) id, status FROM run
       WHERE status NOT IN ('SUCCEEDED', 'FAILED', 'CANCELED', 'BLOCKED')
       ORDER BY session_id, created_at, id LIMIT ?`,
        [limit],
      );
    return (rows as { id: string; status: RunStatus }[])
      .filter((r) => r.status === 'QUEUED')
      .map((r) => r.id);
  }

  /** Sessions with a run that is not final (queued or in flight). */
  async sessionsWithActiveRuns(): Promise<Set<string>> {
    const rows = await this.orm.em
      .fork()
      .execute<{ session_id: string }[]>(
        `select distinct "session_id" from "run" where "status" not in ('SUCCEEDED', 'FAILED', 'CANCELED', 'BLOCKED')`,
      );
    return new Set(rows.map((row) => row.session_id));
  }

  /** Runs a worker should own right now (started, running or waiting for a person), oldest first. */
  async inFlight(limit: number): Promise<{ id: string; sessionId: string }[]> {
    const runs = await this.orm.em
      .fork()
      .find(
        RunSchema,
        { status: { $in: ['STARTING', 'RUNNING', 'WAITING_FOR_HUMAN'] } },
        { fields: ['id', 'session'], orderBy: { createdAt: 'asc', id: 'asc' }, limit },
      );
    return runs.map((run) => ({ id: run.id, sessionId: run.session.id }));
  }
}
