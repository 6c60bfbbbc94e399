import { z } from 'zod';
import type { Config } from '../../../server/src/config.js';

/** Session lifecycle sweeps (LC2, LC3, LC6): repeatable, one at a time, whichever worker is free. */
export const SESSIONS_QUEUE = 'sessions';

export const sessionJobs = {
  /** Syncs, then stops, running sessions idle for SESSION_IDLE_STOP_AFTER. */
  idleStopSweep: { name: 'idle-stop-sweep', payload: z.object({}), everyMs: sessionSweepEveryMs },
  /** Removes sessions stopped for SESSION_REMOVE_AFTER, once their data is synced. */
  removeSweep: { name: 'remove-sweep', payload: z.object({}), everyMs: sessionSweepEveryMs },
  /** Compares the database with the runtime and the run queue and repairs the difference (LC6). */
  reconcile: {
    name: 'reconcile',
    payload: z.object({}),
    everyMs: (config: Config) => config.reconcile.everySeconds * 1000,
  },
} as const;

export type SessionJobName = (typeof sessionJobs)[keyof typeof sessionJobs]['name'];

/** How often each sweep runs (SESSION_SWEEP_EVERY); tests set it to a second. */
export function sessionSweepEveryMs(config: Config): number {
  return config.sessions.sweepEverySeconds * 1000;
}
