import type { Queue } from 'bullmq';
import { randomUUID } from 'node:crypto';
import { enqueueRun, type RunJobPayload } from '../../../../jobs/src/queues/runs.queue.js';
import { ExecutorClient } from '../../executor-client/executor-client.js';
import type { Logger } from '../../logger.js';
import type { RuntimeInstance, SessionRuntime } from '../../runtime/session-runtime.js';
import type { RunExecutionService } from '../runs/run-execution.service.js';
import { isFinalRunStatus } from '../runs/run.entity.js';
import type { RunRepository } from '../runs/run.repository.js';
import type { SnapshotService } from '../snapshots/snapshot.service.js';
import {
  orphanSessionIds,
  planRunJobRepair,
  planSessionRepair,
  type SessionFacts,
  type SessionRepair,
} from './reconcile-plan.js';
import type { Session } from './session.entity.js';
import type { SessionRepository } from './session.repository.js';
import type { SessionService } from './session.service.js';

/** What one pass repaired; the job returns it. */
export interface ReconcileResult {
  /** Containers, volumes and networks of sessions that no longer exist, removed. */
  orphansRemoved: number;
  /** Sessions whose container vanished, set to REMOVED (the next message recreates and restores). */
  vanished: number;
  /** Running sessions whose container had stopped, set to STOPPED. */
  stoppedBehindBack: number;
  /** Sessions without a container by the database whose container exists, set to match it. */
  found: number;
  /** Sessions stuck in STARTING, IDLE_STOPPING or REMOVING, set to what the engine shows. */
  stale: number;
  /** Syncs retried for running sessions whose last sync failed. */
  syncsRetried: number;
  /** Runs in flight without a job, handed to the queue again. */
  runsRequeued: number;
  /** Runs in flight whose job failed, failed with a class. */
  runsFailed: number;
  /** Repairs that failed (logged; the next pass tries again). */
  errors: number;
}

/** Runs looked at per pass; in-flight runs are few, one per busy session. */
const RUNS_PER_PASS = 500;

/**
 * LC6: compares the database with the session runtime and the run queue, and repairs what drifted
 * apart: orphaned containers, sessions whose container vanished or stopped behind our back,
 * sessions stuck between states, failed syncs nobody retries, and runs whose job is gone. Every
 * repair is a compare-and-set or an idempotent call, so a pass racing a worker or another pass
 * does no harm, and each is logged with the pass's trace id (LC7).
 */
export class SessionReconciler {
  constructor(
    private readonly deps: {
      sessions: SessionRepository;
      sessionService: SessionService;
      runs: RunRepository;
      runExecution: RunExecutionService;
      runsQueue: Queue<RunJobPayload>;
      runtime: SessionRuntime;
      snapshots: SnapshotService;
      /** A session between states for longer than this is stuck (SESSION_STALE_AFTER, seconds). */
      staleAfterSeconds: number;
      log: Logger;
    },
  ) {}

  async reconcile(now = new Date()): Promise<ReconcileResult> {
    const log = this.deps.log.child({ traceId: randomUUID() });
    const result: ReconcileResult = {
      orphansRemoved: 0,
      vanished: 0,
      stoppedBehindBack: 0,
      found: 0,
      stale: 0,
      syncsRetried: 0,
      runsRequeued: 0,
      runsFailed: 0,
      errors: 0,
    };
    const instances = await this.deps.runtime.list();
    await this.removeOrphans(instances, result, log);
    await this.repairSessions(instances, now, result, log);
    await this.repairRuns(result, log);
    const repaired = Object.entries(result).some(([key, count]) => key !== 'errors' && count > 0);
    if (repaired || result.errors > 0) log.info({ op: 'reconcile', ...result }, 'reconciled');
    return result;
  }

  private async removeOrphans(instances: RuntimeInstance[], result: ReconcileResult, log: Logger) {
    const ids = instances.map((instance) => instance.sessionId);
    if (ids.length === 0) return;
    const existing = new Set((await this.deps.sessions.findByIds(ids.filter(isUuid))).map((s) => s.id));
    const orphans = orphanSessionIds(ids, existing);
    // An empty database next to a namespace full of sessions is far more likely a wrong
    // DATABASE_URL than a deployment whose every session was deleted: deleting every workspace
    // would be the one repair that loses data, so it waits for a person.
    if (orphans.length > 0 && existing.size === 0 && !(await this.deps.sessions.hasAny())) {
      log.error(
        { op: 'reconcile.removeOrphan', count: orphans.length },
        'the database has no sessions but the runtime holds some: not removing them; check DATABASE_URL and REDIS_PREFIX',
      );
      return;
    }
    for (const sessionId of orphans) {
      await this.attempt(result, log, { sessionId, op: 'reconcile.removeOrphan' }, async () => {
        await this.deps.runtime.remove(sessionId);
        result.orphansRemoved++;
        log.info({ sessionId, op: 'reconcile.removeOrphan' }, 'container of a deleted session removed');
      });
    }
  }

  private async repairSessions(
    instances: RuntimeInstance[],
    now: Date,
    result: ReconcileResult,
    log: Logger,
  ) {
    const { sessions, runs, runtime } = this.deps;
    const states = new Map(instances.map((instance) => [instance.sessionId, instance.state]));
    const candidates = new Map<string, Session>();
    for (const session of await sessions.findWithContainerStates()) candidates.set(session.id, session);
    for (const session of await sessions.findByIds([...states.keys()].filter(isUuid)))
      candidates.set(session.id, session);
    const active = await runs.sessionsWithActiveRuns();
    const staleAfterMs = this.deps.staleAfterSeconds * 1000;
    for (const session of candidates.values()) {
      const facts = (state: SessionFacts['runtime']): SessionFacts => ({
        status: session.status,
        updatedAt: session.updatedAt,
        syncFailureCount: session.syncFailureCount,
        runtime: state,
        activeRun: active.has(session.id),
      });
      if (!planSessionRepair(facts(states.get(session.id) ?? 'absent'), now, staleAfterMs)) continue;
      const op = { sessionId: session.id, op: 'reconcile.session' };
      await this.attempt(result, log, op, async () => {
        // The listing is a few moments old: decide again on what the engine says now.
        const repair = planSessionRepair(facts((await runtime.status(session.id)).state), now, staleAfterMs);
        if (repair) await this.applySessionRepair(session, repair, now, result, log);
      });
    }
  }

  private async applySessionRepair(
    session: Session,
    repair: SessionRepair,
    now: Date,
    result: ReconcileResult,
    log: Logger,
  ) {
    const { sessions, sessionService } = this.deps;
    const op = `reconcile.${repair.kind}`;
    if (repair.kind === 'retrySync') {
      await this.retrySync(session, result, log);
      return;
    }
    // A vanished container's volumes are kept, not removed: the activation that recreates the
    // container mounts them again, so files written after the last snapshot are not lost, and the
    // snapshot is restored only where the volume lacks a file (keep_session).
    const also = repair.to === 'STOPPED' ? { stoppedAt: now } : {};
    // Compare-and-set on the state we judged: a worker that moved the session meanwhile wins.
    if (!(await sessions.transition(session.id, [session.status], repair.to, also))) return;
    result[repair.kind]++;
    await sessionService.notifyChanged(session.id);
    log.info(
      { sessionId: session.id, op, from: session.status, to: repair.to },
      repair.kind === 'vanished'
        ? 'container vanished: the next activation recreates it and restores the latest snapshot'
        : 'session state repaired to match the runtime',
    );
  }

  private async retrySync(session: Session, result: ReconcileResult, log: Logger) {
    const latest = (await this.deps.runs.pageOfSession(session.id, { limit: 1 }))[0] ?? null;
    result.syncsRetried++;
    // What is missing is the snapshot after the session's last run (nothing ran since).
    const outcome = await this.deps.snapshots
      .sync(session.id, latest ? 'AFTER_RUN' : 'MANUAL', latest?.id ?? null)
      .then(
        () => 'synced',
        // Counted on the session by the sync itself (LC4); the next pass tries again.
        () => 'failed again',
      );
    log.info(
      { sessionId: session.id, runId: latest?.id ?? null, op: 'reconcile.retrySync', outcome },
      `sync retried: ${outcome}`,
    );
  }

  private async repairRuns(result: ReconcileResult, log: Logger) {
    const { runs, runsQueue } = this.deps;
    for (const run of await runs.inFlight(RUNS_PER_PASS)) {
      const op = { sessionId: run.sessionId, runId: run.id, op: 'reconcile.run' };
      await this.attempt(result, log, op, async () => {
        const state = await runsQueue.getJobState(run.id);
        const action = planRunJobRepair(state);
        if (action === 'leave') return;
        // Read after the job: a job that just finished has settled its run by now.
        const current = await runs.findById(run.id);
        if (!current || isFinalRunStatus(current.status)) return;
        if (action === 'requeue') {
          // A completed job would keep its id taken; none should exist, but a stale one must not block.
          if (state === 'completed') await runsQueue.remove(run.id);
          await enqueueRun(runsQueue, run.id);
          result.runsRequeued++;
          log.warn(
            { ...op, op: 'reconcile.requeueRun', job: state, status: current.status },
            'run in flight without a job: queued again, the next worker reattaches to its executor',
          );
          return;
        }
        const reason = (await runsQueue.getJob(run.id))?.failedReason ?? 'unknown reason';
        await this.cancelInExecutor(run.sessionId, run.id);
        await this.deps.runExecution.failForInfrastructure(run.id, new Error(`its job failed (${reason})`));
        result.runsFailed++;
        log.warn({ ...op, op: 'reconcile.failRun', reason }, 'run in flight whose job failed: failed');
      });
    }
  }

  /** The agent may still be at work in the container: it must stop, or it blocks the next run. */
  private async cancelInExecutor(sessionId: string, runId: string): Promise<void> {
    const endpoint = await this.deps.runtime.endpoint(sessionId).catch(() => null);
    if (endpoint) await new ExecutorClient(endpoint).cancel(runId).catch(() => undefined);
  }

  private async attempt(
    result: ReconcileResult,
    log: Logger,
    context: Record<string, unknown>,
    work: () => Promise<void>,
  ): Promise<void> {
    try {
      await work();
    } catch (error) {
      result.errors++;
      log.warn({ ...context, err: error }, 'repair failed; the next pass tries again');
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// Runtime labels are strings anyone could set; only a UUID can be a session id in the database.
function isUuid(id: string): boolean {
  return UUID.test(id);
}
