import { z } from 'zod';

/** Housekeeping that runs on a schedule, whichever worker is free. */
export const MAINTENANCE_QUEUE = 'maintenance';

export const maintenanceJobs = {
  /** Deletes API tokens that are expired or revoked. */
  purgeDeadTokens: {
    name: 'purge-dead-tokens',
    payload: z.object({}),
    everyMs: 60 * 60 * 1000,
  },
  /** Hands queued runs at the head of their session to the runs queue again, after a lost enqueue. */
  requeueStrandedRuns: {
    name: 'requeue-stranded-runs',
    payload: z.object({}),
    everyMs: 30 * 1000,
  },
} as const;

export type MaintenanceJobName = (typeof maintenanceJobs)[keyof typeof maintenanceJobs]['name'];
