import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { Config } from '../../src/config.js';
import { pause, until } from './eventually.js';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** The environment that makes a child process see the same world as this test's config. */
export function envFor(config: Config): NodeJS.ProcessEnv {
  return {
    ...process.env,
    NODE_ENV: 'test',
    DATABASE_URL: config.databaseUrl,
    REDIS_URL: config.redis.url,
    REDIS_PREFIX: config.redis.prefix,
    SESSION_RUNTIME: config.sessions.runtime,
    SESSION_DATA_DIR: config.sessions.dataDir,
    ...(config.sessions.agentClisDir !== undefined
      ? { SESSION_AGENT_CLIS_DIR: config.sessions.agentClisDir ?? 'none' }
      : {}),
    ...(config.s3.endpoint ? { S3_ENDPOINT: config.s3.endpoint } : {}),
    ...(config.s3.publicEndpoint ? { S3_PUBLIC_ENDPOINT: config.s3.publicEndpoint } : {}),
    SESSION_IDLE_STOP_AFTER: String(config.sessions.idleStopAfterSeconds),
    SESSION_REMOVE_AFTER: String(config.sessions.removeAfterSeconds),
    SESSION_SWEEP_EVERY: String(config.sessions.sweepEverySeconds),
    LOG_LEVEL: 'info',
  };
}

export interface WorkerProcess {
  child: ChildProcess;
  /** Everything it logged, for diagnosing a failed test. */
  output(): string;
  kill(signal: NodeJS.Signals): Promise<void>;
}

/** A real job worker (`server/src/bin/worker.ts`) in its own process, ready to take jobs. */
export async function startWorkerProcess(
  config: Config,
  extraEnv: Record<string, string> = {},
): Promise<WorkerProcess> {
  const child = spawn(`${ROOT}node_modules/.bin/tsx`, ['server/src/bin/worker.ts'], {
    cwd: ROOT,
    env: { ...envFor(config), ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group: tsx runs the worker in a child, and a kill must reach both.
    detached: true,
  });
  let output = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('"worker ready"')) resolve();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) =>
      reject(new Error(`worker exited with ${code} before it was ready:\n${output}`)),
    );
  });
  return {
    child,
    output: () => output,
    async kill(signal) {
      if (child.exitCode === null && child.signalCode === null) process.kill(-child.pid!, signal);
      await exited;
    },
  };
}

/**
 * With the worker's Redis out of reach: waits until `happened` holds, then until the worker has
 * given up announcing it. Its Redis client holds commands while it reconnects and fails them in
 * bulk, so the failure it logs next comes after the announcement of what happened was queued.
 */
export async function untilAnnouncementsLost(
  worker: WorkerProcess,
  happened: () => Promise<boolean>,
): Promise<void> {
  const failures = () => worker.output().split('publishing on Redis failed').length - 1;
  await until(happened, 'the run to get there');
  await pause(100);
  const failuresBefore = failures();
  await until(async () => failures() > failuresBefore, 'the worker to give up announcing');
}
