import { describe, expect, it } from 'vitest';
import { orphanSessionIds, planRunJobRepair, planSessionRepair, type SessionFacts } from './reconcile-plan.js';

const now = new Date('2026-06-30T12:00:00Z');
const staleAfter = 30 * 60_000;
const facts = (over: Partial<SessionFacts>): SessionFacts => ({
  status: 'RUNNING',
  updatedAt: new Date(now.getTime() - 60_000),
  syncFailureCount: 0,
  runtime: 'running',
  activeRun: false,
  ...over,
});

describe('planSessionRepair', () => {
  it('leaves a session that matches its container alone', () => {
    expect(planSessionRepair(facts({}), now, staleAfter)).toBeNull();
    expect(planSessionRepair(facts({ status: 'STOPPED', runtime: 'stopped' }), now, staleAfter)).toBeNull();
    expect(planSessionRepair(facts({ status: 'REMOVED', runtime: 'absent' }), now, staleAfter)).toBeNull();
  });

  it('marks a session whose container vanished as removed, so the next activation restores it', () => {
    for (const status of ['RUNNING', 'STOPPED', 'FAILED'] as const)
      expect(planSessionRepair(facts({ status, runtime: 'absent' }), now, staleAfter)).toEqual({
        kind: 'vanished',
        to: 'REMOVED',
      });
  });

  it('records a container that stopped behind our back, and one the database lost track of', () => {
    expect(planSessionRepair(facts({ runtime: 'stopped' }), now, staleAfter)).toEqual({
      kind: 'stoppedBehindBack',
      to: 'STOPPED',
    });
    expect(planSessionRepair(facts({ status: 'REMOVED', runtime: 'running' }), now, staleAfter)).toEqual({
      kind: 'found',
      to: 'RUNNING',
    });
    expect(planSessionRepair(facts({ status: 'ABSENT', runtime: 'stopped' }), now, staleAfter)).toEqual({
      kind: 'found',
      to: 'STOPPED',
    });
  });

  it('leaves a session with an active run to its job', () => {
    expect(planSessionRepair(facts({ runtime: 'absent', activeRun: true }), now, staleAfter)).toBeNull();
    expect(planSessionRepair(facts({ syncFailureCount: 2, activeRun: true }), now, staleAfter)).toBeNull();
  });

  it('repairs a session stuck between states only once it has been there too long', () => {
    const longAgo = new Date(now.getTime() - staleAfter - 1);
    expect(planSessionRepair(facts({ status: 'IDLE_STOPPING' }), now, staleAfter)).toBeNull();
    expect(planSessionRepair(facts({ status: 'IDLE_STOPPING', updatedAt: longAgo }), now, staleAfter)).toEqual({
      kind: 'stale',
      to: 'RUNNING',
    });
    expect(
      planSessionRepair(facts({ status: 'REMOVING', runtime: 'absent', updatedAt: longAgo }), now, staleAfter),
    ).toEqual({ kind: 'stale', to: 'REMOVED' });
    expect(
      planSessionRepair(
        facts({ status: 'STARTING', runtime: 'stopped', updatedAt: longAgo, activeRun: true }),
        now,
        staleAfter,
      ),
    ).toEqual({ kind: 'stale', to: 'STOPPED' });
  });

  it('retries the sync of a running session whose last sync failed', () => {
    expect(planSessionRepair(facts({ syncFailureCount: 1 }), now, staleAfter)).toEqual({ kind: 'retrySync' });
    expect(planSessionRepair(facts({ status: 'STOPPED', runtime: 'stopped', syncFailureCount: 1 }), now, staleAfter))
      .toBeNull();
  });
});

describe('orphanSessionIds', () => {
  it('names each runtime session without a row once', () => {
    expect(orphanSessionIds(['a', 'b', 'a', 'c'], new Set(['b']))).toEqual(['a', 'c']);
  });
});

describe('planRunJobRepair', () => {
  it("leaves live jobs to BullMQ, requeues a run without one, and fails a run whose job failed", () => {
    for (const state of ['active', 'waiting', 'delayed', 'prioritized', 'waiting-children'] as const)
      expect(planRunJobRepair(state)).toBe('leave');
    expect(planRunJobRepair('unknown')).toBe('requeue');
    expect(planRunJobRepair('completed')).toBe('requeue');
    expect(planRunJobRepair('failed')).toBe('fail');
  });
});
