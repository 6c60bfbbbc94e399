import { z } from 'zod';
import type { Config } from '../../../server/src/config.js';

/** Session lifecycle sweeps (LC2, LC3): repeatable, one at a time, whichever worker is free. */
export const SESSIONS_QUEUE = 'sessions';

export const sessionJobs = {
  /** Syncs, then stops, running sessions idle for SESSION_IDLE_STOP_AFTER. */
  idleStopSweep: { name: 'idle-stop-sweep', payload: z.object({}) },
  /** Removes sessions stopped for SESSION_REMOVE_AFTER, once their data is synced. */
  removeSweep: { name: 'remove-sweep', payload: z.object({}) },
} as const;

export type SessionJobName = (typeof sessionJobs)[keyof typeof sessionJobs]['name'];

/** How often each sweep runs (SESSION_SWEEP_EVERY); tests set it to a second. */
export function sessionSweepEveryMs(config: Config): number {
  return config.sessions.sweepEverySeconds * 1000;
}
