import { UnrecoverableError, WaitingError, type Job } from 'bullmq';
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

/**
 * `signal` aborts when the worker stops: the job stops following its run and goes back to the
 * queue, so that the next worker takes it over at once. Left to lapse, its lock would make it a
 * stalled job, and a run that outlives a few restarts (a question waiting over a weekend of
 * deploys) would fail as stalled too often.
 */
export function runsProcessor(services: Services) {
  // Three declared parameters: BullMQ passes the signal only to a processor that takes it.
  return async (job: Job<RunJobPayload>, token?: string, signal?: AbortSignal): Promise<void> => {
    const { runId } = runJobPayload.parse(job.data);
    const outlasting = (action: () => Promise<void>) =>
      outlastDatabaseOutages(action, () => pingDatabase(services.orm), services.log, { runId }, signal);
    services.log.info({ runId, attempt: job.attemptsMade + 1 }, 'run job taken');
    try {
      await outlasting(() => services.runExecution.execute(runId, signal));
    } catch (error) {
      // Whatever stopped the job once the worker began stopping, the run is handed on, not failed.
      if (signal?.aborted) {
        services.log.info({ runId }, 'worker stopping: run handed back to the queue');
        await job.moveToWait(token);
        throw new WaitingError();
      }
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
