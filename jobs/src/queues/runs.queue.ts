import { Queue, type JobsOptions } from 'bullmq';
import { z } from 'zod';
import type { Config } from '../../../server/src/config.js';
import type { Logger } from '../../../server/src/logger.js';
import { logQueueErrors, producerConnection, queuePrefix } from '../connection.js';

/** Runs waiting for a worker; one job per run, whose id is the run id (idempotent enqueue). */
export const RUNS_QUEUE = 'runs';
export const RUN_JOB = 'run';

export const runJobPayload = z.object({ runId: z.uuid() });
export type RunJobPayload = z.infer<typeof runJobPayload>;

/** Infrastructure faults are retried this many times in all, with exponential backoff. */
export const RUN_JOB_ATTEMPTS = 4;

export const runJobOptions = (runId: string): JobsOptions => ({
  jobId: runId,
  attempts: RUN_JOB_ATTEMPTS,
  backoff: { type: 'exponential', delay: 1_000 },
  // A finished job frees its id, so a run can be handed to the queue again after a crash.
  removeOnComplete: true,
  removeOnFail: { count: 1000 },
});

export function createRunsQueue(config: Config, log: Logger): Queue<RunJobPayload> {
  return logQueueErrors(
    new Queue<RunJobPayload>(RUNS_QUEUE, {
      connection: producerConnection(config),
      prefix: queuePrefix(config),
    }),
    log,
  );
}

/** Hands a run to the workers; a run that is already queued or running is left as it is. */
export async function enqueueRun(queue: Queue<RunJobPayload>, runId: string): Promise<void> {
  await queue.add(RUN_JOB, { runId }, runJobOptions(runId));
}
