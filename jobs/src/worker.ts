import { Queue, Worker } from 'bullmq';
import type { Services } from '../../server/src/services.js';
import { logQueueErrors, producerConnection, queuePrefix, workerConnection } from './connection.js';
import { maintenanceProcessor } from './processors/maintenance.processor.js';
import { runsProcessor } from './processors/runs.processor.js';
import { RUNS_QUEUE } from './queues/runs.queue.js';
import { MAINTENANCE_QUEUE, maintenanceJobs } from './queues/maintenance.queue.js';
import { sessionsProcessor } from './processors/sessions.processor.js';
import { SESSIONS_QUEUE, sessionJobs } from './queues/sessions.queue.js';

/** Starts every queue's worker and registers the repeatable sweeps; `stop` lets running jobs finish. */
export async function startWorkers(services: Services): Promise<{ stop(): Promise<void> }> {
  const { config, log } = services;
  const prefix = queuePrefix(config);

  const maintenance = logQueueErrors(
    new Queue(MAINTENANCE_QUEUE, { connection: producerConnection(config), prefix }),
    log,
  );
  await maintenance.waitUntilReady();
  // Upserting the scheduler is idempotent, so every worker start may do it.
  for (const job of Object.values(maintenanceJobs)) {
    await maintenance.upsertJobScheduler(
      job.name,
      { every: job.everyMs(config) },
      { name: job.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }
  const sessionSweeps = logQueueErrors(
    new Queue(SESSIONS_QUEUE, { connection: producerConnection(config), prefix }),
    log,
  );
  await sessionSweeps.waitUntilReady();
  for (const job of Object.values(sessionJobs)) {
    await sessionSweeps.upsertJobScheduler(
      job.name,
      { every: job.everyMs(config) },
      { name: job.name, data: {}, opts: { removeOnComplete: 100, removeOnFail: 100 } },
    );
  }

  const workers = [
    new Worker(RUNS_QUEUE, runsProcessor(services), {
      connection: workerConnection(config),
      prefix,
      concurrency: config.worker.concurrency,
      // A killed worker's runs are picked up again within seconds (RN3): the lock lapses after
      // lockDuration and the stalled-job check moves them back to waiting.
      lockDuration: 15_000,
      stalledInterval: 5_000,
      maxStalledCount: 5,
    }),
    new Worker(MAINTENANCE_QUEUE, maintenanceProcessor(services), {
      connection: workerConnection(config),
      prefix,
      concurrency: 1,
    }),
    // One sweep at a time: a stop and a remove of the same session never overlap.
    new Worker(SESSIONS_QUEUE, sessionsProcessor(services), {
      connection: workerConnection(config),
      prefix,
      concurrency: 1,
      // A sweep syncs whole workspaces; its lock must outlast one slow sync.
      lockDuration: 120_000,
    }),
  ];
  for (const worker of workers) {
    worker.on('failed', (job, error) =>
      log.warn({ queue: worker.name, job: job?.id, err: error }, 'job failed'),
    );
    worker.on('error', (error) => log.error({ queue: worker.name, err: error }, 'worker error'));
    await worker.waitUntilReady();
  }
  log.info({ queues: workers.map((w) => w.name) }, 'worker ready');

  return {
    async stop() {
      // Runs can last hours: the worker does not wait for them. Closing stops taking jobs; the
      // running ones are then told to hand their runs back to the queue (their agents keep going in
      // the executors) for the next worker to take over at once. A job that does not stop in time
      // is left to lapse, and is taken over as a stalled one (RN3).
      const closed = Promise.all(workers.map((worker) => worker.close()));
      for (const worker of workers) if (worker.name === RUNS_QUEUE) worker.cancelAllJobs('worker stopping');
      await closed;
      await maintenance.close();
      await sessionSweeps.close();
    },
  };
}
