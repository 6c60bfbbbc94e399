import { decodeGlobalID } from '@pothos/plugin-relay';
import { UnrecoverableError, Worker } from 'bullmq';
import type Docker from 'dockerode';
import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { workerConnection, queuePrefix } from '../../jobs/src/connection.js';
import { RUNS_QUEUE, RUN_JOB, runJobOptions } from '../../jobs/src/queues/runs.queue.js';
import { ExecutorClient } from '../src/executor-client/executor-client.js';
import { createLogger } from '../src/logger.js';
import { createRuntime } from '../src/runtime/create-runtime.js';
import { sessionResourceNames } from '../src/runtime/runtime-names.js';
import { EXECUTOR_DIR } from '../src/services.js';
import { execInContainer } from './support/container-exec.js';
import { runScript, untilSession } from './support/session-helpers.js';
import { startWorkerProcess } from './support/worker-process.js';
import { stackWithStorage } from './support/stack-with-storage.js';

const dbId = (globalId: string) => decodeGlobalID(globalId).id;

/** Resolves at the next Docker event matching `filters`; subscribe before causing it. */
async function dockerEvent(docker: Docker, filters: Record<string, string[]>): Promise<() => Promise<void>> {
  const stream = (await docker.getEvents({ filters })) as NodeJS.ReadableStream & { destroy(): void };
  const seen = new Promise<void>((resolve, reject) => {
    stream.once('data', () => resolve());
    stream.once('error', reject);
  });
  return async () => {
    try {
      await seen;
    } finally {
      stream.destroy();
    }
  };
}

// The worker reconciles every second (LC6); everything else is as in production.
describe('reconciliation of the database with Docker and the run queue (real Docker, S3, worker)', () => {
  const workerEnv = { RECONCILE_EVERY: '1' };
  const { stack } = stackWithStorage({
    configure: (config) => ({ ...config, reconcile: { ...config.reconcile, everySeconds: 1 } }),
    workerEnv,
  });

  it("removes a deleted session's container, volumes and network, and leaves another namespace's alone", async () => {
    const { docker, runtime, orm } = stack.api.services;
    const otherNamespace = `${stack.config.redis.prefix}-other`;
    const other = await createRuntime({
      kind: 'docker',
      docker,
      namespace: otherNamespace,
      dataDir: '/nonexistent',
      executorDir: EXECUTOR_DIR,
      log: createLogger('silent', 'reconciler-test'),
    });
    const foreignId = randomUUID();
    try {
      await other.ensureRunning({ sessionId: foreignId, image: null, env: {} });

      // A session of ours whose row is deleted behind the runtime's back (e.g. its owner's
      // deletion cascaded), leaving its container, volumes and network behind. Another session
      // stays: with none left, reconciliation suspects a wrong database and removes nothing.
      await stack.createSession('bystander');
      const sessionId = dbId(await stack.createSession('orphan'));
      await runtime.ensureRunning({ sessionId, image: null, env: {} });
      const names = sessionResourceNames(stack.config.redis.prefix, sessionId);
      const networkGone = await dockerEvent(docker, {
        type: ['network'],
        event: ['destroy'],
        network: [names.network],
      });
      await orm.em.fork().getConnection().execute('delete from "session" where id = ?', [sessionId]);
      await networkGone();

      expect(await runtime.status(sessionId)).toEqual({ state: 'absent', instanceId: null });
      const volumes = await docker.listVolumes({
        filters: { name: [names.workspaceVolume, names.agentVolume] },
      });
      expect((volumes.Volumes ?? []).map((volume) => volume.Name)).toEqual([]);
      expect((await runtime.list()).map((item) => item.sessionId)).not.toContain(sessionId);

      // Another deployment's session (same engine, no row in our database) is untouched.
      expect(await other.status(foreignId)).toMatchObject({ state: 'running' });
      expect((await other.list()).map((item) => item.sessionId)).toEqual([foreignId]);
    } finally {
      await other.remove(foreignId);
    }
  }, 180_000);

  it('marks a session whose container was removed behind its back; the next message brings back every file', async () => {
    const { docker } = stack.api.services;
    const sessionId = await stack.createSession('lost container');
    const id = dbId(sessionId);
    const synced = 'línea 1\n\ttabs, "quotes", emoji 🚀, and a trailing newline\n';
    await runScript(stack, sessionId, [{ write: { path: 'src/synced.txt', content: synced } }]);
    // Written after the last snapshot: only the workspace volume has it.
    const container = sessionResourceNames(stack.config.redis.prefix, id).container;
    await execInContainer(docker, container, [
      'node',
      '-e',
      "require('fs').writeFileSync('/workspace/unsynced.txt', 'only on the volume\\n')",
    ]);

    // `docker rm -f`: the container goes, its named volumes stay.
    await docker.getContainer(container).remove({ force: true });
    const seen = await untilSession(stack, sessionId, (session) => session.status === 'REMOVED');
    expect(seen.at(-1)!.lastSyncError).toBeNull();

    const text = await runScript(stack, sessionId, [{ read: 'src/synced.txt' }, { read: 'unsynced.txt' }]);
    expect(text).toBe(`${synced}only on the volume\n`);
  }, 180_000);

  it('restores the workspace byte for byte from the latest snapshot when the volume went with the container', async () => {
    const { docker } = stack.api.services;
    const sessionId = await stack.createSession('lost volume');
    const id = dbId(sessionId);
    const content = 'first line\n\ttabs, \u00ff, "quotes" and 🚀\r\nlast line without a newline';
    await runScript(stack, sessionId, [
      { write: { path: 'deep/dir/file.txt', content } },
      { write: { path: 'README.md', content: '# kept\n' } },
    ]);
    const names = sessionResourceNames(stack.config.redis.prefix, id);
    await docker.getContainer(names.container).remove({ force: true });
    await docker.getVolume(names.workspaceVolume).remove();
    await untilSession(stack, sessionId, (session) => session.status === 'REMOVED');

    const text = await runScript(stack, sessionId, [{ read: 'deep/dir/file.txt' }, { read: 'README.md' }]);
    expect(text).toBe(`${content}# kept\n`);
  }, 180_000);

  /** SIGKILLs the worker and empties the runs queue; returns the (empty, running) queue. */
  async function killWorkerAndLoseJobs() {
    await stack.worker.kill('SIGKILL');
    const queue = stack.api.services.runsQueue;
    await queue.obliterate({ force: true });
    await queue.resume();
    return queue;
  }

  it('hands a run in flight whose job vanished back to the queue; a new worker finishes it', async () => {
    const sessionId = await stack.createSession('lost job');
    const runId = await stack.sendScript(sessionId, [
      { text: 'before the crash. ' },
      { sleep: 3000 },
      { text: 'after the crash.' },
    ]);
    const events = stack.events(runId);
    await events.until((event) => event.__typename === 'AssistantTextDelta');

    // The worker dies and Redis loses the job (e.g. restored from an old dump): nothing but
    // reconciliation knows the run is still in flight.
    const queue = await killWorkerAndLoseJobs();
    expect(await queue.getJobState(dbId(runId))).toBe('unknown');
    expect((await stack.run(runId)).status).toBe('RUNNING');

    stack.worker = await startWorkerProcess(stack.config, workerEnv);
    const all = await events.toEnd();
    expect(all.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
    expect((await stack.run(runId)).output).toBe('before the crash. after the crash.');
    expect(stack.worker.output()).toContain('"op":"reconcile.requeueRun"');
  }, 180_000);

  it('fails a run in flight whose job failed, with a class, stops its agent, and the session carries on', async () => {
    const sessionId = await stack.createSession('failed job');
    const runId = await stack.sendScript(sessionId, [{ text: 'working' }, { sleep: 600_000 }]);
    const events = stack.events(runId);
    await events.until((event) => event.__typename === 'AssistantTextDelta');

    const queue = await killWorkerAndLoseJobs();
    // A job that used up its attempts, as BullMQ leaves it after too many stalls.
    const failing = new Worker(
      RUNS_QUEUE,
      () => Promise.reject(new UnrecoverableError('job stalled more than allowable limit')),
      { connection: workerConnection(stack.config), prefix: queuePrefix(stack.config) },
    );
    const failed = new Promise<void>((resolve) => failing.once('failed', () => resolve()));
    await queue.add(RUN_JOB, { runId: dbId(runId) }, runJobOptions(dbId(runId)));
    await failed;
    await failing.close();
    expect(await queue.getJobState(dbId(runId))).toBe('failed');

    stack.worker = await startWorkerProcess(stack.config, workerEnv);
    const finished = (await events.toEnd()).at(-1)!;
    expect(finished).toMatchObject({ __typename: 'RunFinished', status: 'FAILED' });
    expect(finished.error.class).toBe('transport_error');
    expect(finished.error.message).toMatch(/job failed \(job stalled more than allowable limit\)/);

    // The agent was told to stop (its stream in the executor ends; it would sleep ten minutes
    // otherwise), and the session's next message runs normally.
    const endpoint = await stack.api.services.runtime.endpoint(dbId(sessionId));
    const agent = await new ExecutorClient(endpoint!).attach(dbId(runId), 0);
    const types: string[] = [];
    for await (const event of agent!) types.push(event.type);
    expect(types.at(-1)).toBe('run.finished');
    expect(await runScript(stack, sessionId, [{ text: 'still here' }])).toBe('still here');
  }, 180_000);
});
