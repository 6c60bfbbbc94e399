import pg from 'pg';
import type { Logger } from '../../logger.js';
import type { RedisPubSub } from '../../pubsub/redis-pubsub.js';
import { isoMicros, SQL_ISO_MICROS } from './event-time.js';
import { foldBatch, type AppendItem, type RunFold } from './run-fold.js';
import type { RunStatus } from './run.entity.js';
import { runTopic, type StoredRunEvent } from './run-event.types.js';

export interface AppendResult {
  events: StoredRunEvent[];
  status: RunStatus;
  sessionId: string;
  ownerId: string;
}

/**
 * The append-only run log on the hot path. One transaction per batch (row lock on the run, so
 * the worker and the API can both append without two events sharing a seq), then publish: an
 * event reaches Redis only once it is committed, so no subscriber sees what a crash could lose.
 */
/** What a writer knows of a run between its batches, so most batches need no read. */
interface KnownRun {
  status: RunStatus;
  executorSeq: number;
  lastSeq: number;
  sessionId: string;
  ownerId: string;
}

/**
 * The assistant's text of run $1 from its events up to seq $2. `run.output` is written from it once,
 * when the run finishes: appending to it with every batch would rewrite the whole, growing text
 * (and its TOAST pages) each time, so long answers would make every later event slower to commit.
 */
const OUTPUT_UP_TO = `SELECT COALESCE(string_agg(payload->>'text', '' ORDER BY seq), '') FROM run_event
  WHERE run_id = $1 AND seq <= $2 AND type = 'AssistantTextDelta'`;

export class RunEventStore {
  private readonly pool: pg.Pool;
  /** Runs this process appends to now; bounded by the runs in flight, dropped when one finishes. */
  private readonly known = new Map<string, KnownRun>();

  constructor(
    databaseUrl: string,
    private readonly pubsub: RedisPubSub,
    private readonly log: Logger,
  ) {
    this.pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
    this.pool.on('error', (error) => log.warn({ err: error }, 'idle event store connection failed'));
  }

  async append(runId: string, items: readonly AppendItem[]): Promise<AppendResult> {
    const result = (await this.appendInOneStatement(runId, items)) ?? (await this.appendLocked(runId, items));
    // Committed events are safe whether or not this reaches Redis: subscribers fill a gap from the
    // log on the next event, or when their connection to Redis comes back.
    if (result.events.length) await this.pubsub.announce(runTopic(runId), result.events);
    return result;
  }

  /**
   * The common batch (text, reasoning, tool calls, status) in one round trip: the run row is
   * updated only if its last seq is still the one this process wrote, and the events are inserted
   * in the same statement. Returns null when that does not apply or someone else appended
   * meanwhile (the API canceling, another worker): the caller takes the locking path.
   */
  private async appendInOneStatement(
    runId: string,
    items: readonly AppendItem[],
  ): Promise<AppendResult | null> {
    const known = this.known.get(runId);
    if (!known) return null;
    const fold = foldBatch({ status: known.status, executorSeq: known.executorSeq }, items);
    const touchesOtherState =
      fold.todos ||
      fold.humanLoopRequested.length ||
      fold.humanLoopResolved.length ||
      fold.agentSessionId ||
      fold.finishedAt;
    if (touchesOtherState) return null;
    const events = toStoredEvents(runId, known.lastSeq, fold);
    const lastSeq = known.lastSeq + events.length;
    // Named, so each connection plans this statement once: on the hot path planning costs about
    // as much as executing it.
    const updated = await this.pool.query({
      name: 'run-event-append-one-statement',
      text: `WITH moved AS (
         UPDATE run SET last_seq = $3, executor_seq = $4, status = $5,
           started_at = COALESCE(started_at, $6),
           input_tokens = COALESCE($7, input_tokens), output_tokens = COALESCE($8, output_tokens),
           cost_usd = COALESCE($9, cost_usd)
         WHERE id = $1 AND last_seq = $2 RETURNING id
       ), inserted AS (
         INSERT INTO run_event (run_id, seq, type, payload, at)
         SELECT $1, * FROM unnest($10::int[], $11::text[], $12::jsonb[], $13::timestamptz[])
         WHERE EXISTS (SELECT 1 FROM moved)
       )
       SELECT count(*)::int AS moved FROM moved`,
      values: [
        runId,
        known.lastSeq,
        lastSeq,
        fold.executorSeq,
        fold.status,
        fold.startedAt,
        fold.usage?.inputTokens ?? null,
        fold.usage?.outputTokens ?? null,
        fold.usage?.costUsd ?? null,
        ...eventColumns(events),
      ],
    });
    if ((updated.rows[0] as { moved: number }).moved !== 1) {
      this.known.delete(runId);
      return null;
    }
    this.known.set(runId, { ...known, status: fold.status, executorSeq: fold.executorSeq, lastSeq });
    return { events, status: fold.status, sessionId: known.sessionId, ownerId: known.ownerId };
  }

  private async appendLocked(runId: string, items: readonly AppendItem[]): Promise<AppendResult> {
    const client = await this.pool.connect();
    let fold: RunFold;
    let sessionId: string;
    let ownerId: string;
    let lastSeqBefore: number;
    let events: StoredRunEvent[];
    try {
      await client.query('BEGIN');
      const locked = await client.query<{
        status: RunStatus;
        executor_seq: number;
        last_seq: number;
        session_id: string;
        owner_id: string;
      }>(
        `SELECT r.status, r.executor_seq, r.last_seq, r.session_id, s.owner_id
         FROM run r JOIN session s ON s.id = r.session_id WHERE r.id = $1 FOR UPDATE OF r`,
        [runId],
      );
      const row = locked.rows[0];
      if (!row) throw new Error(`run ${runId} does not exist`);
      lastSeqBefore = row.last_seq;
      sessionId = row.session_id;
      ownerId = row.owner_id;
      fold = foldBatch({ status: row.status, executorSeq: row.executor_seq }, items);
      events = toStoredEvents(runId, row.last_seq, fold);
      if (events.length) {
        await client.query(
          `INSERT INTO run_event (run_id, seq, type, payload, at)
           SELECT $1, * FROM unnest($2::int[], $3::text[], $4::jsonb[], $5::timestamptz[])
           ON CONFLICT DO NOTHING`,
          [runId, ...eventColumns(events)],
        );
      }
      await this.applyState(client, runId, sessionId, row.last_seq + events.length, fold);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    if (fold.finishedAt) this.known.delete(runId);
    else {
      // Runs handed to another worker never finish here; forget them all rather than grow forever.
      if (this.known.size > 10_000) this.known.clear();
      this.known.set(runId, {
        status: fold.status,
        executorSeq: fold.executorSeq,
        lastSeq: lastSeqBefore + events.length,
        sessionId,
        ownerId,
      });
    }
    return { events, status: fold.status, sessionId, ownerId };
  }

  /** Events with seq > afterSeq, in order, at most `limit`. */
  async read(runId: string, afterSeq: number, limit = 10_000): Promise<StoredRunEvent[]> {
    const result = await this.pool.query<{ seq: number; type: string; payload: unknown; at: string }>(
      `SELECT seq, type, payload, ${SQL_ISO_MICROS} AS at FROM run_event
       WHERE run_id = $1 AND seq > $2 ORDER BY seq LIMIT $3`,
      [runId, afterSeq, limit],
    );
    return result.rows.map(
      (row) =>
        ({
          runId,
          seq: row.seq,
          type: row.type,
          payload: row.payload,
          at: row.at,
        }) as StoredRunEvent,
    );
  }

  /** The assistant's text in the run's events up to `lastSeq`, for a run that has not finished. */
  async outputUpTo(runId: string, lastSeq: number): Promise<string> {
    const result = await this.pool.query<{ output: string }>(`SELECT (${OUTPUT_UP_TO}) AS output`, [
      runId,
      lastSeq,
    ]);
    return result.rows[0]?.output ?? '';
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  private async applyState(
    client: pg.PoolClient,
    runId: string,
    sessionId: string,
    lastSeq: number,
    fold: RunFold,
  ) {
    await client.query(
      `UPDATE run SET
         last_seq = $2, executor_seq = $3, status = $4,
         output = CASE WHEN $6::timestamptz IS NULL THEN output ELSE (${OUTPUT_UP_TO}) END,
         started_at = COALESCE(started_at, $5), finished_at = COALESCE($6, finished_at),
         error_class = COALESCE($7, error_class), error_message = COALESCE($8, error_message),
         error_suggestion = COALESCE($9, error_suggestion),
         input_tokens = COALESCE($10, input_tokens), output_tokens = COALESCE($11, output_tokens),
         cost_usd = COALESCE($12, cost_usd)
       WHERE id = $1`,
      [
        runId,
        lastSeq,
        fold.executorSeq,
        fold.status,
        fold.startedAt,
        fold.finishedAt,
        fold.error?.class ?? null,
        fold.error?.message ?? null,
        fold.error?.suggestion ?? null,
        fold.usage?.inputTokens ?? null,
        fold.usage?.outputTokens ?? null,
        fold.usage?.costUsd ?? null,
      ],
    );
    if (fold.todos) {
      await client.query('DELETE FROM todo WHERE session_id = $1', [sessionId]);
      if (fold.todos.length) {
        await client.query(
          `INSERT INTO todo (session_id, item_id, run_id, text, status, "order")
           SELECT $1, t.item_id, $2, t.text, t.status, t.ord
           FROM unnest($3::text[], $4::text[], $5::text[], $6::int[]) AS t(item_id, text, status, ord)`,
          [
            sessionId,
            runId,
            fold.todos.map((t) => t.id),
            fold.todos.map((t) => t.text),
            fold.todos.map((t) => t.status),
            fold.todos.map((t) => t.order),
          ],
        );
      }
    }
    for (const request of fold.humanLoopRequested) {
      await client.query(
        `INSERT INTO human_loop_request (id, run_id, session_id, kind, prompt, options, status, deadline_at, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'PENDING', $7, $8) ON CONFLICT (id) DO NOTHING`,
        [
          request.id,
          runId,
          sessionId,
          request.kind,
          request.prompt,
          JSON.stringify(request.options),
          request.deadlineAt,
          request.createdAt,
        ],
      );
    }
    for (const resolved of fold.humanLoopResolved) {
      // The API records a person's answer first (first answer wins); this covers answers that
      // reached the agent another way, without overwriting who answered.
      await client.query(
        `UPDATE human_loop_request SET status = 'RESOLVED', answer = $2, resolved_at = $3
         WHERE id = $1 AND status = 'PENDING'`,
        [resolved.id, resolved.answer, resolved.at],
      );
    }
    if (fold.finishedAt) {
      // A run that ends leaves no question open: its pending requests can no longer be answered.
      await client.query(
        `UPDATE human_loop_request SET status = 'CANCELED', resolved_at = $2 WHERE run_id = $1 AND status = 'PENDING'`,
        [runId, fold.finishedAt],
      );
    }
    if (fold.agentSessionId) {
      await client.query('UPDATE session SET agent_session_id = $2 WHERE id = $1', [
        sessionId,
        fold.agentSessionId,
      ]);
    }
  }
}

function toStoredEvents(runId: string, lastSeq: number, fold: RunFold): StoredRunEvent[] {
  return fold.records.map(({ record, at }, index) => ({
    ...record,
    runId,
    seq: lastSeq + index + 1,
    at: isoMicros(at),
  }));
}

/** The events as column arrays for `unnest`: seq, type, payload, at. */
function eventColumns(events: StoredRunEvent[]): [number[], string[], string[], string[]] {
  return [
    events.map((e) => e.seq),
    events.map((e) => e.type),
    events.map((e) => JSON.stringify(e.payload)),
    events.map((e) => e.at),
  ];
}
