import { UnrecoverableError, type Job } from 'bullmq';
import { ExecutorCallError } from '../../../server/src/executor-client/executor-client.js';
import { outlastDatabaseOutages } from '../../../server/src/db/database-outage.js';
import { pingDatabase } from '../../../server/src/db/orm.js';
import { DomainError } from '../../../server/src/errors.js';
import { InfrastructureError } from '../../../server/src/modules/runs/run-execution.service.js';
import { RuntimeError } from '../../../server/src/runtime/runtime.errors.js';
import type { Services } from '../../../server/src/services.js';
import { runJobPayload, type RunJobPayload } from '../queues/runs.queue.js';

/**
 * The one place that decides retry or give up (RN2): faults of the machinery around the agent
 * are retried with backoff; anything else, and the last attempt, settles the run as failed
 * with a class instead of leaving it RUNNING. A database outage is neither: the job waits it
 * out, however long, and carries on where the run's committed events end, so that a database
 * restart neither fails a run nor uses up its retries.
 */
export function isRetryable(error: unknown): boolean {
  if (error instanceof RuntimeError) return error.transient;
  if (error instanceof ExecutorCallError) return error.retryable;
  if (error instanceof DomainError) return false;
  if (error instanceof InfrastructureError) return error.cause === undefined || isRetryable(error.cause);
  return false;
}

export function runsProcessor(services: Services) {
  return async (job: Job<RunJobPayload>): Promise<void> => {
    const { runId } = runJobPayload.parse(job.data);
    const outlasting = (action: () => Promise<void>) =>
      outlastDatabaseOutages(action, () => pingDatabase(services.orm), services.log, { runId });
    try {
      await outlasting(() => services.runExecution.execute(runId));
    } catch (error) {
      const lastAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (isRetryable(error) && !lastAttempt) {
        services.log.warn(
          { runId, attempt: job.attemptsMade + 1, err: error },
          'run hit an infrastructure fault; retrying',
        );
        throw error;
      }
      services.log.error({ runId, err: error }, 'run failed');
      await outlasting(() => services.runExecution.failForInfrastructure(runId, error));
      throw new UnrecoverableError(error instanceof Error ? error.message : String(error));
    }
  };
}
