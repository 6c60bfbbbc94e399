import type { JobState } from 'bullmq';
import type { RuntimeState } from '../../runtime/session-runtime.js';
import type { SessionStatus } from './session.entity.js';

/** States in which a session is between two others; a worker that died there leaves it stuck. */
const TRANSITIONAL: readonly SessionStatus[] = ['STARTING', 'IDLE_STOPPING', 'REMOVING'];
/** States that say the session has a container. */
const HAS_CONTAINER: readonly SessionStatus[] = ['RUNNING', 'STOPPED', 'FAILED'];
/** States that say it has none. */
const NO_CONTAINER: readonly SessionStatus[] = ['ABSENT', 'REMOVED'];

/** What reconciliation knows about one session. */
export interface SessionFacts {
  status: SessionStatus;
  /** When its state last changed. */
  updatedAt: Date;
  syncFailureCount: number;
  /** Its container (or process) as the runtime sees it now. */
  runtime: RuntimeState;
  /** A run of it is queued or in flight: that run's job owns the container meanwhile. */
  activeRun: boolean;
}

export type SessionRepair =
  /** The database said container, the engine has none: REMOVED, so the next activation recreates it and restores (LC5). */
  | { kind: 'vanished'; to: 'REMOVED' }
  /** Running by the database, stopped in the engine (crashed, killed, OOM). */
  | { kind: 'stoppedBehindBack'; to: 'STOPPED' }
  /** The engine has a container the database does not count on. */
  | { kind: 'found'; to: 'RUNNING' | 'STOPPED' }
  /** Stuck between states far longer than any step takes: back to what the engine shows. */
  | { kind: 'stale'; to: 'RUNNING' | 'STOPPED' | 'REMOVED' }
  /** Its last syncs failed and nothing else will retry soon: sync it now (LC4). */
  | { kind: 'retrySync' };

/** The state that matches what the engine shows. */
function matching(runtime: RuntimeState): 'RUNNING' | 'STOPPED' | 'REMOVED' {
  return runtime === 'running' ? 'RUNNING' : runtime === 'stopped' ? 'STOPPED' : 'REMOVED';
}

/**
 * The one repair a session needs, or null. A session with an active run is left to that run's job
 * (it starts or recreates the container itself), except when it is stuck between states.
 */
export function planSessionRepair(facts: SessionFacts, now: Date, staleAfterMs: number): SessionRepair | null {
  if (TRANSITIONAL.includes(facts.status)) {
    const stuck = now.getTime() - facts.updatedAt.getTime() > staleAfterMs;
    return stuck ? { kind: 'stale', to: matching(facts.runtime) } : null;
  }
  if (facts.activeRun) return null;
  if (HAS_CONTAINER.includes(facts.status) && facts.runtime === 'absent') return { kind: 'vanished', to: 'REMOVED' };
  if (facts.status === 'RUNNING' && facts.runtime === 'stopped') return { kind: 'stoppedBehindBack', to: 'STOPPED' };
  if (NO_CONTAINER.includes(facts.status) && facts.runtime !== 'absent')
    return { kind: 'found', to: facts.runtime === 'running' ? 'RUNNING' : 'STOPPED' };
  if (facts.status === 'RUNNING' && facts.runtime === 'running' && facts.syncFailureCount > 0)
    return { kind: 'retrySync' };
  return null;
}

/** Session ids the runtime holds that no session row has: their containers and volumes go. */
export function orphanSessionIds(runtimeIds: readonly string[], existing: ReadonlySet<string>): string[] {
  return [...new Set(runtimeIds)].filter((id) => !existing.has(id));
}

export type RunJobRepair = 'leave' | 'requeue' | 'fail';

/**
 * What to do with a run in flight (STARTING, RUNNING, WAITING_FOR_HUMAN) given its BullMQ job.
 * A job that is active or waiting is BullMQ's: a lapsed lock is found by its stalled-job check and
 * the job handed to another worker. A missing job (lost with Redis data, or removed) is queued
 * again: the next worker reattaches to the executor, which kept the agent running. A failed job
 * used up its attempts (or stalled too often), so the run fails with a class instead of staying
 * in flight.
 */
export function planRunJobRepair(job: JobState | 'unknown'): RunJobRepair {
  switch (job) {
    case 'active':
    case 'waiting':
    case 'delayed':
    case 'prioritized':
    case 'waiting-children':
      return 'leave';
    case 'unknown':
    case 'completed':
      return 'requeue';
    case 'failed':
      return 'fail';
  }
}
