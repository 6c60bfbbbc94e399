import type { Orm } from '../../db/orm.js';
import {
  HumanLoopRequestSchema,
  type HumanLoopRequest,
  type HumanLoopStatus,
} from './human-loop-request.entity.js';

export class HumanLoopRepository {
  constructor(private readonly orm: Orm) {}

  findById(id: string): Promise<HumanLoopRequest | null> {
    return this.orm.em.fork().findOne(HumanLoopRequestSchema, { id }, { populate: ['run', 'session'] });
  }

  /** First answer wins: true when this call moved the request from PENDING to RESOLVED. */
  async resolve(id: string, answer: string, answeredBy: string): Promise<boolean> {
    const count = await this.orm.em
      .fork()
      .nativeUpdate(
        HumanLoopRequestSchema,
        { id, status: 'PENDING' },
        { status: 'RESOLVED', answer, answeredBy, resolvedAt: new Date() },
      );
    return count > 0;
  }

  list(where: {
    runId?: string;
    sessionId?: string;
    /** Requests of this user's sessions. */
    ownerId?: string;
    status?: HumanLoopStatus | null;
  }): Promise<HumanLoopRequest[]> {
    const session = {
      ...(where.sessionId ? { id: where.sessionId } : {}),
      ...(where.ownerId ? { owner: where.ownerId } : {}),
    };
    return this.orm.em.fork().find(
      HumanLoopRequestSchema,
      {
        ...(where.runId ? { run: where.runId } : {}),
        ...(Object.keys(session).length ? { session } : {}),
        ...(where.status ? { status: where.status } : {}),
      },
      { orderBy: { createdAt: 'asc', id: 'asc' } },
    );
  }

  /** Answers a person gave that the run's event log does not show as delivered yet. */
  async undelivered(runId: string): Promise<HumanLoopRequest[]> {
    const em = this.orm.em.fork();
    const rows = await em.getConnection().execute<{ id: string }[]>(
      `SELECT h.id FROM human_loop_request h
       WHERE h.run_id = ? AND h.status = 'RESOLVED' AND h.answered_by_id IS NOT NULL
         AND NOT EXISTS (SELECT 1 FROM run_event e WHERE e.run_id = h.run_id AND e.type = 'HumanLoopResolved'
                         AND e.payload->>'requestId' = h.id::text)`,
      [runId],
    );
    const ids = (rows as { id: string }[]).map((r) => r.id);
    return ids.length ? em.find(HumanLoopRequestSchema, { id: { $in: ids } }) : [];
  }
}
