import { UnrecoverableError, type Job } from 'bullmq';
import type { Services } from '../../../server/src/services.js';
import { sessionJobs } from '../queues/sessions.queue.js';

/** Each handler only calls a service; failures of single sessions are counted, not thrown. */
export function sessionsProcessor(services: Services) {
  return async (job: Job): Promise<unknown> => {
    switch (job.name) {
      case sessionJobs.idleStopSweep.name:
        sessionJobs.idleStopSweep.payload.parse(job.data);
        return services.lifecycle.sweepIdle();
      case sessionJobs.removeSweep.name:
        sessionJobs.removeSweep.payload.parse(job.data);
        return services.lifecycle.sweepRemove();
      case sessionJobs.reconcile.name:
        sessionJobs.reconcile.payload.parse(job.data);
        return services.reconciler.reconcile();
      default:
        throw new UnrecoverableError(`unknown sessions job "${job.name}"`);
    }
  };
}
