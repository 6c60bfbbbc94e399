import { UnrecoverableError, type Job } from 'bullmq';
import type { Services } from '../../../server/src/services.js';
import { maintenanceJobs } from '../queues/maintenance.queue.js';

/** Each handler only calls a service; the queue contract says what a job carries. */
export function maintenanceProcessor(services: Services) {
  return async (job: Job): Promise<unknown> => {
    switch (job.name) {
      case maintenanceJobs.purgeDeadTokens.name: {
        maintenanceJobs.purgeDeadTokens.payload.parse(job.data);
        const deleted = await services.auth.purgeDeadTokens();
        return { deleted };
      }
      case maintenanceJobs.requeueStrandedRuns.name: {
        maintenanceJobs.requeueStrandedRuns.payload.parse(job.data);
        return { requeued: await services.runs.requeueStranded() };
      }
      case maintenanceJobs.snapshotRetention.name:
        maintenanceJobs.snapshotRetention.payload.parse(job.data);
        return services.retention.apply();
      case maintenanceJobs.blobGc.name:
        maintenanceJobs.blobGc.payload.parse(job.data);
        return services.blobGc.collect();
      default:
        throw new UnrecoverableError(`unknown maintenance job "${job.name}"`);
    }
  };
}
