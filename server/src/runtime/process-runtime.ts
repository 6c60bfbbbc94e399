import { KeyedSerialQueue } from '../keyed-serial-queue.js';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, open, readdir, readFile, readlink, realpath, rename, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { dirname, isAbsolute, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../logger.js';
import { waitForExecutorHealth } from './executor-health.js';
import { withFileLock } from './file-lock.js';
import {
  assertRuntimeName,
  executorEnvironment,
  isRuntimeName,
  newExecutorToken,
  redactSecrets,
} from './runtime-names.js';
import { ExecutorBundleMissingError, ExecutorUnhealthyError } from './runtime.errors.js';
import type {
  ExecutorEndpoint,
  RuntimeInstance,
  RuntimeStatus,
  SessionRuntime,
  SessionSpec,
} from './session-runtime.js';

export interface ProcessRuntimeOptions {
  /** Directory with one subdirectory per session: workspace, agent data, executor.json, executor.log. */
  dataDir: string;
  /** Absolute path of the executor bundle's directory (executor.mjs). */
  executorDir: string;
  /** Node 22 executable that runs the executor; default: the one running this process. */
  nodeBinary?: string;
  /** Environment every executor starts from; default: a PATH with the Node binary's directory. */
  baseEnv?: Record<string, string>;
  /** How long ensureRunning waits for the executor's health, ms (default 30000). */
  healthTimeoutMs?: number;
  /** Grace period between SIGTERM and SIGKILL on stop, ms (default 5000). */
  stopTimeoutMs?: number;
  log: Logger;
}

/** What a worker needs to find a running executor again after it restarted (mode 0600). */
export interface ProcessState {
  pid: number;
  port: number;
  token: string;
  startedAt: string;
}

const STATE_FILE = 'executor.json';
const LOG_FILE = 'executor.log';
const LOG_TAIL_LINES = 40;

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    // The executor leads its own process group (detached), so the agent CLIs it started go too.
    process.kill(-pid, signal);
  } catch {
    try {
      process.kill(pid, signal);
    } catch {
      // Already gone.
    }
  }
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

/** The last lines of a text, for error messages. */
export function lastLines(text: string, count: number): string {
  const lines = text.trimEnd().split('\n');
  return lines.slice(Math.max(0, lines.length - count)).join('\n');
}

/**
 * Sessions as plain child processes on this machine, for machines without Docker. NOT a sandbox:
 * the agent runs with the worker's user and can read whatever that user can (`sandboxed = false`).
 * Each executor is detached from the worker and recorded in `<dataDir>/<sessionId>/executor.json`,
 * so a restarted worker finds it still running, like a container.
 */
export class ProcessRuntime implements SessionRuntime {
  readonly kind = 'process' as const;
  readonly sandboxed = false;

  private readonly log: Logger;
  private readonly nodeBinary: string;
  private readonly healthTimeoutMs: number;
  private readonly stopTimeoutMs: number;
  private readonly serialQueue = new KeyedSerialQueue();

  constructor(private readonly options: ProcessRuntimeOptions) {
    for (const [what, path] of [
      ['dataDir', options.dataDir],
      ['executorDir', options.executorDir],
    ] as const) {
      if (!isAbsolute(path)) throw new Error(`${what} must be an absolute path, got ${path}`);
    }
    this.log = options.log.child({ runtime: 'process' });
    this.nodeBinary = options.nodeBinary ?? process.execPath;
    this.healthTimeoutMs = options.healthTimeoutMs ?? 30_000;
    this.stopTimeoutMs = options.stopTimeoutMs ?? 5_000;
  }

  async ensureRunning(spec: SessionSpec): Promise<ExecutorEndpoint> {
    const dir = this.sessionDir(spec.sessionId);
    return this.serial(spec.sessionId, async () => {
      const bundle = join(this.options.executorDir, 'executor.mjs');
      if (!existsSync(bundle)) throw new ExecutorBundleMissingError(bundle);
      for (const sub of ['workspace', 'agent-data', 'home', 'tmp'])
        await mkdir(join(dir, sub), { recursive: true, mode: 0o700 });
      // Two workers may activate the same session: one spawns, the other waits and then finds it.
      const limit = this.healthTimeoutMs + 30_000;
      const endpoint = await withFileLock(
        join(dir, 'executor.lock'),
        { staleMs: limit, timeoutMs: limit },
        () => this.activate(spec, dir),
      );
      if (!endpoint) throw new Error('unreachable: activation lock released without a result');
      return endpoint;
    });
  }

  async stop(sessionId: string): Promise<void> {
    const dir = this.sessionDir(sessionId);
    return this.serial(sessionId, async () => {
      const state = await this.runningState(sessionId, dir);
      if (!state) return;
      const started = Date.now();
      await this.terminate(state.pid);
      this.log.info(
        { sessionId, pid: state.pid, op: 'session.stop', ms: Date.now() - started },
        'session executor stopped',
      );
    });
  }

  async remove(sessionId: string): Promise<void> {
    const dir = this.sessionDir(sessionId);
    return this.serial(sessionId, async () => {
      const state = await this.runningState(sessionId, dir);
      if (state) await this.terminate(state.pid);
      if (!existsSync(dir)) return;
      await rm(dir, { recursive: true, force: true });
      this.log.info({ sessionId, op: 'session.remove' }, 'session removed');
    });
  }

  async status(sessionId: string): Promise<RuntimeStatus> {
    const dir = this.sessionDir(sessionId);
    if (!existsSync(dir)) return { state: 'absent', instanceId: null };
    const state = await this.readState(dir);
    if (!state) return { state: 'stopped', instanceId: null };
    const running = await this.isOurs(state.pid, dir);
    return { state: running ? 'running' : 'stopped', instanceId: String(state.pid) };
  }

  async endpoint(sessionId: string): Promise<ExecutorEndpoint | null> {
    const state = await this.runningState(sessionId, this.sessionDir(sessionId));
    return state ? { url: `http://127.0.0.1:${state.port}`, token: state.token } : null;
  }

  async list(): Promise<RuntimeInstance[]> {
    let entries;
    try {
      entries = await readdir(this.options.dataDir, { withFileTypes: true });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    const result: RuntimeInstance[] = [];
    for (const entry of entries) {
      // Only session directories; a stray file or a name no session can have is not ours.
      if (!entry.isDirectory() || !isRuntimeName(entry.name)) continue;
      const { state, instanceId } = await this.status(entry.name);
      result.push({ sessionId: entry.name, instanceId, state });
    }
    return result;
  }

  private sessionDir(sessionId: string): string {
    assertRuntimeName('session id', sessionId);
    return join(this.options.dataDir, sessionId);
  }

  private serial<T>(sessionId: string, operation: () => Promise<T>): Promise<T> {
    return this.serialQueue.run(sessionId, operation);
  }

  private async activate(spec: SessionSpec, dir: string): Promise<ExecutorEndpoint> {
    const { sessionId } = spec;
    const started = Date.now();
    const previous = await this.readState(dir);
    if (previous && (await this.isOurs(previous.pid, dir))) {
      const url = `http://127.0.0.1:${previous.port}`;
      const health = await waitForExecutorHealth({
        url,
        token: previous.token,
        timeoutMs: this.healthTimeoutMs,
        gone: async () => ((await this.isOurs(previous.pid, dir)) ? null : 'the executor process ended'),
      });
      if (!health.ok) throw await this.unhealthy(spec, dir, previous.token, health.reason);
      return { url, token: previous.token };
    }

    // Like a restarted container, a restarted executor keeps its token.
    const token = previous?.token ?? newExecutorToken();
    for (let attempt = 1; ; attempt++) {
      const port = await freePort();
      const { pid, exited } = await this.spawnExecutor(spec, dir, token, port);
      const state: ProcessState = { pid, port, token, startedAt: new Date().toISOString() };
      await this.writeState(dir, state);
      const url = `http://127.0.0.1:${port}`;
      const health = await waitForExecutorHealth({
        url,
        token,
        timeoutMs: this.healthTimeoutMs,
        gone: () => Promise.resolve(exited()),
      });
      if (health.ok) {
        this.log.info(
          { sessionId, pid, op: 'session.ensureRunning', started: true, ms: Date.now() - started },
          'session executor healthy',
        );
        return { url, token };
      }
      if (!exited()) await this.terminate(pid);
      const error = await this.unhealthy(spec, dir, token, health.reason);
      // The free port we picked can be taken before the executor binds it: try another, once.
      if (attempt < 2 && error.logTail.includes('EADDRINUSE')) continue;
      throw error;
    }
  }

  private async spawnExecutor(
    spec: SessionSpec,
    dir: string,
    token: string,
    port: number,
  ): Promise<{ pid: number; exited: () => string | null }> {
    const env = {
      ...(this.options.baseEnv ?? { PATH: `${dirname(this.nodeBinary)}:/usr/local/bin:/usr/bin:/bin` }),
      HOME: join(dir, 'home'),
      TMPDIR: join(dir, 'tmp'),
      ...executorEnvironment(spec.env, {
        EXECUTOR_TOKEN: token,
        EXECUTOR_HOST: '127.0.0.1',
        EXECUTOR_PORT: String(port),
        WORKSPACE_DIR: join(dir, 'workspace'),
        AGENT_DATA_DIR: join(dir, 'agent-data'),
      }),
    };
    const logFile = await open(join(dir, LOG_FILE), 'w', 0o600);
    try {
      const child = spawn(this.nodeBinary, [join(this.options.executorDir, 'executor.mjs')], {
        cwd: join(dir, 'workspace'),
        env,
        detached: true,
        stdio: ['ignore', logFile.fd, logFile.fd],
      });
      const outcome: { exited: string | null; failed: Error | null } = { exited: null, failed: null };
      child.once('error', (error) => (outcome.failed = error));
      child.once('exit', (code, signal) => {
        outcome.exited = `the executor exited (${signal ? `signal ${signal}` : `code ${code}`})`;
      });
      child.unref();
      // 'error' (e.g. ENOENT for the node binary) is emitted on the next tick.
      await sleep(0);
      if (outcome.failed || child.pid === undefined) {
        const reason = outcome.failed?.message ?? 'no pid';
        throw new ExecutorUnhealthyError(spec.sessionId, `cannot start ${this.nodeBinary}: ${reason}`, '');
      }
      return { pid: child.pid, exited: () => outcome.exited };
    } finally {
      await logFile.close();
    }
  }

  private async unhealthy(
    spec: SessionSpec,
    dir: string,
    token: string,
    reason: string,
  ): Promise<ExecutorUnhealthyError> {
    let tail = '';
    try {
      tail = lastLines(await readFile(join(dir, LOG_FILE), 'utf8'), LOG_TAIL_LINES);
    } catch {
      // No log yet.
    }
    this.log.warn(
      { sessionId: spec.sessionId, op: 'session.health', reason },
      'executor did not become healthy',
    );
    return new ExecutorUnhealthyError(
      spec.sessionId,
      reason,
      redactSecrets(tail, [token, ...Object.values(spec.env)]),
    );
  }

  private async terminate(pid: number): Promise<void> {
    signalGroup(pid, 'SIGTERM');
    const deadline = Date.now() + this.stopTimeoutMs;
    while (isAlive(pid) && Date.now() < deadline) await sleep(25);
    if (isAlive(pid)) {
      signalGroup(pid, 'SIGKILL');
      const killDeadline = Date.now() + 5_000;
      while (isAlive(pid) && Date.now() < killDeadline) await sleep(25);
    }
  }

  private async runningState(sessionId: string, dir: string): Promise<ProcessState | null> {
    assertRuntimeName('session id', sessionId);
    const state = await this.readState(dir);
    return state && (await this.isOurs(state.pid, dir)) ? state : null;
  }

  // A recorded pid may have been reused by an unrelated process after a reboot; on Linux the
  // working directory proves it is this session's executor.
  private async isOurs(pid: number, dir: string): Promise<boolean> {
    if (!isAlive(pid)) return false;
    if (process.platform !== 'linux') return true;
    try {
      const [cwd, workspace] = await Promise.all([
        readlink(`/proc/${pid}/cwd`),
        realpath(join(dir, 'workspace')),
      ]);
      return cwd === workspace;
    } catch {
      return false;
    }
  }

  private async readState(dir: string): Promise<ProcessState | null> {
    try {
      const state = JSON.parse(await readFile(join(dir, STATE_FILE), 'utf8')) as Partial<ProcessState>;
      if (typeof state.pid !== 'number' || typeof state.port !== 'number' || typeof state.token !== 'string')
        return null;
      return state as ProcessState;
    } catch {
      return null;
    }
  }

  private async writeState(dir: string, state: ProcessState): Promise<void> {
    const temporary = join(dir, `${STATE_FILE}.${process.pid}.tmp`);
    await writeFile(temporary, JSON.stringify(state), { mode: 0o600 });
    await rename(temporary, join(dir, STATE_FILE));
  }
}
