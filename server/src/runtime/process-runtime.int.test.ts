import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProcessRuntime, type ProcessState } from './process-runtime.js';
import { ExecutorUnhealthyError } from './runtime.errors.js';
import type { SessionSpec } from './session-runtime.js';
import { executorBundleDir } from './test-support/executor-bundle.js';
import { health } from './test-support/executor-health-call.js';

const log = pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' });

function spec(sessionId: string, env: Record<string, string> = {}): SessionSpec {
  return { sessionId, image: null, env };
}

function newSessionId(): string {
  return `s${randomBytes(6).toString('hex')}`;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

describe('ProcessRuntime (unsandboxed executors as child processes)', () => {
  let dataDir: string;
  let executorDir: string;
  let runtime: ProcessRuntime;
  const runtimes: ProcessRuntime[] = [];
  const scratch: string[] = [];

  function newRuntime(options: { executorDir?: string; healthTimeoutMs?: number } = {}): ProcessRuntime {
    const made = new ProcessRuntime({
      dataDir,
      executorDir: options.executorDir ?? executorDir,
      healthTimeoutMs: options.healthTimeoutMs,
      log,
    });
    runtimes.push(made);
    return made;
  }

  beforeAll(async () => {
    executorDir = await executorBundleDir();
    dataDir = await mkdtemp(join(tmpdir(), 'ab-process-runtime-'));
    scratch.push(dataDir);
    runtime = newRuntime();
  });

  afterAll(async () => {
    // Whatever a test left running is ended through the runtime that knows it.
    if (runtime) for (const item of await runtime.list()) await runtime.remove(item.sessionId);
    for (const dir of scratch) await rm(dir, { recursive: true, force: true });
  });

  it('starts an executor on loopback that answers health with its token only', async () => {
    const sessionId = newSessionId();
    const endpoint = await runtime.ensureRunning(spec(sessionId));
    expect(runtime.sandboxed).toBe(false);
    expect(endpoint.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await health(endpoint.url, endpoint.token)).toMatchObject({ status: 200, body: { ok: true } });
    expect((await health(endpoint.url)).status).toBe(401);

    const stateFile = join(dataDir, sessionId, 'executor.json');
    expect((await stat(stateFile)).mode & 0o777).toBe(0o600);
    const state = JSON.parse(await readFile(stateFile, 'utf8')) as ProcessState;
    expect(state.token).toBe(endpoint.token);
    expect(alive(state.pid)).toBe(true);
    expect(existsSync(join(dataDir, sessionId, 'workspace'))).toBe(true);
    expect(existsSync(join(dataDir, sessionId, 'agent-data'))).toBe(true);

    expect(await runtime.status(sessionId)).toEqual({ state: 'running', instanceId: String(state.pid) });
    expect(await runtime.endpoint(sessionId)).toEqual(endpoint);
    expect(await runtime.list()).toContainEqual({
      sessionId,
      instanceId: String(state.pid),
      state: 'running',
    });
  });

  it('lets a restarted worker find the executor that is still running', async () => {
    const sessionId = newSessionId();
    const endpoint = await runtime.ensureRunning(spec(sessionId));
    const { instanceId } = await runtime.status(sessionId);

    const restarted = newRuntime();
    expect(await restarted.ensureRunning(spec(sessionId))).toEqual(endpoint);
    expect(await restarted.status(sessionId)).toEqual({ state: 'running', instanceId });
  });

  it('gives two workers activating the same session at once one executor', async () => {
    const sessionId = newSessionId();
    const [first, second] = await Promise.all([
      newRuntime().ensureRunning(spec(sessionId)),
      newRuntime().ensureRunning(spec(sessionId)),
    ]);
    expect(second).toEqual(first);
    expect(await health(first.url, first.token)).toMatchObject({ status: 200, body: { ok: true } });
  });

  it('stops the executor, keeps the workspace, and starts it again with the same token', async () => {
    const sessionId = newSessionId();
    const endpoint = await runtime.ensureRunning(spec(sessionId));
    const before = await runtime.status(sessionId);
    await writeFile(join(dataDir, sessionId, 'workspace', 'notes.txt'), 'kept');

    await runtime.stop(sessionId);
    expect(alive(Number(before.instanceId))).toBe(false);
    expect((await runtime.status(sessionId)).state).toBe('stopped');
    expect(await runtime.endpoint(sessionId)).toBeNull();
    await runtime.stop(sessionId); // stopping a stopped session is a no-op

    const again = await runtime.ensureRunning(spec(sessionId));
    expect(again.token).toBe(endpoint.token);
    expect(await health(again.url, again.token)).toMatchObject({ status: 200, body: { ok: true } });
    expect((await runtime.status(sessionId)).instanceId).not.toBe(before.instanceId);
    expect(await readFile(join(dataDir, sessionId, 'workspace', 'notes.txt'), 'utf8')).toBe('kept');
  });

  it('starts an executor again after it was killed behind its back', async () => {
    const sessionId = newSessionId();
    await runtime.ensureRunning(spec(sessionId));
    const before = await runtime.status(sessionId);
    process.kill(Number(before.instanceId), 'SIGKILL');
    while (alive(Number(before.instanceId))) await new Promise((resolve) => setImmediate(resolve));

    const again = await runtime.ensureRunning(spec(sessionId));
    expect(await health(again.url, again.token)).toMatchObject({ status: 200, body: { ok: true } });
    const after = await runtime.status(sessionId);
    expect(after.state).toBe('running');
    expect(after.instanceId).not.toBe(before.instanceId);
  });

  it('removes the executor and its session directory', async () => {
    const sessionId = newSessionId();
    await runtime.ensureRunning(spec(sessionId));
    const { instanceId } = await runtime.status(sessionId);

    await runtime.remove(sessionId);
    expect(alive(Number(instanceId))).toBe(false);
    expect(existsSync(join(dataDir, sessionId))).toBe(false);
    expect(await runtime.status(sessionId)).toEqual({ state: 'absent', instanceId: null });
    expect((await runtime.list()).map((item) => item.sessionId)).not.toContain(sessionId);
    await runtime.remove(sessionId); // removing an absent session is a no-op
  });

  it('fails fast with the executor output when the executor exits, without revealing the token', async () => {
    const brokenDir = await mkdtemp(join(tmpdir(), 'ab-broken-executor-'));
    scratch.push(brokenDir);
    await writeFile(
      join(brokenDir, 'executor.mjs'),
      "console.error('cannot start: token is ' + process.env.EXECUTOR_TOKEN); process.exit(3);\n",
    );
    const broken = newRuntime({ executorDir: brokenDir, healthTimeoutMs: 20_000 });
    const sessionId = newSessionId();

    const started = Date.now();
    const error = await broken.ensureRunning(spec(sessionId)).catch((failure: unknown) => failure);
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(error).toBeInstanceOf(ExecutorUnhealthyError);
    const failure = error as ExecutorUnhealthyError;
    expect(failure.transient).toBe(true);
    expect(failure.reason).toContain('code 3');
    expect(failure.logTail).toContain('cannot start: token is [redacted]');
    const state = JSON.parse(
      await readFile(join(dataDir, sessionId, 'executor.json'), 'utf8'),
    ) as ProcessState;
    expect(failure.message).not.toContain(state.token);
    await broken.remove(sessionId);
  });

  it('refuses a session id that could escape the data directory', async () => {
    await expect(runtime.ensureRunning(spec('../escape'))).rejects.toMatchObject({
      code: 'INVALID_RUNTIME_NAME',
    });
  });
});
