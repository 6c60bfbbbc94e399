import { z } from 'zod';
import type { Config } from '../../../server/src/config.js';

/** Housekeeping that runs on a schedule, whichever worker is free. */
export const MAINTENANCE_QUEUE = 'maintenance';

const storageGcEveryMs = (config: Config) => config.storageGc.everySeconds * 1000;

export const maintenanceJobs = {
  /** Deletes API tokens that are expired or revoked. */
  purgeDeadTokens: {
    name: 'purge-dead-tokens',
    payload: z.object({}),
    everyMs: () => 60 * 60 * 1000,
  },
  /** Hands queued runs at the head of their session to the runs queue again, after a lost enqueue. */
  requeueStrandedRuns: {
    name: 'requeue-stranded-runs',
    payload: z.object({}),
    everyMs: () => 30 * 1000,
  },
  /** Deletes snapshots beyond SNAPSHOT_KEEP_LAST and older than SNAPSHOT_KEEP_DAYS, never a session's latest. */
  snapshotRetention: {
    name: 'snapshot-retention',
    payload: z.object({}),
    everyMs: storageGcEveryMs,
  },
  /** Deletes blobs no snapshot references once BLOB_GC_GRACE has passed, from storage and the table. */
  blobGc: {
    name: 'blob-gc',
    payload: z.object({}),
    everyMs: storageGcEveryMs,
  },
} as const;

export type MaintenanceJobName = (typeof maintenanceJobs)[keyof typeof maintenanceJobs]['name'];
