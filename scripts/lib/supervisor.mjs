// Long-running children (services and app servers). Each gets its own process group so a
// terminal Ctrl-C reaches only the bootstrap, which stops them in reverse start order.
import { spawn } from 'node:child_process';
import { closeSync, existsSync, fstatSync, openSync, readSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { createLineSplitter, createRingBuffer } from './line-splitter.mjs';
import { prefixColor } from './log.mjs';
import { forgetProcess, killGroup, recordProcess } from './stale-processes.mjs';

const TAIL_LINES = 40;

export class Supervisor {
  #started = [];
  #oneShots = new Set();
  #unexpectedExitListeners = [];
  #stopping = false;

  constructor({ dataDir } = {}) {
    this.dataDir = dataDir;
  }

  onUnexpectedExit(listener) {
    this.#unexpectedExitListeners.push(listener);
  }

  // `logFile`: output goes straight to the file (services; they must not die of a closed pipe
  // if we do). Otherwise output is shown on our console as `[name] line`.
  start(name, command, args, options = {}) {
    const { env, cwd, logFile, uid, gid, marker = name, record = true } = options;
    const { stopSignal = 'SIGTERM', stopTimeoutMs = 10_000 } = options;
    const logFd = logFile ? openSync(logFile, 'a') : undefined;
    const child = spawn(command, args, {
      env,
      cwd,
      uid,
      gid,
      detached: true,
      stdio: logFd === undefined ? ['ignore', 'pipe', 'pipe'] : ['ignore', logFd, logFd],
    });
    if (logFd !== undefined) closeSync(logFd);

    const recent = createRingBuffer(TAIL_LINES);
    const handle = {
      name,
      child,
      pid: child.pid,
      logFile,
      stopSignal,
      stopTimeoutMs,
      exit: null,
      stopRequested: false,
      tail: () => (logFile ? tailOfFile(logFile, TAIL_LINES) : recent.lines()),
    };
    handle.exited = new Promise((resolve) => {
      child.on('error', (err) => {
        recent.add(`cannot start ${command}: ${err.message}`);
        handle.exit = { code: 127, signal: null };
        resolve(handle.exit);
      });
      child.on('exit', (code, signal) => {
        handle.exit = { code, signal };
        resolve(handle.exit);
      });
    });
    void handle.exited.then(() => {
      if (this.dataDir && record) forgetProcess(this.dataDir, name);
      if (!handle.stopRequested && !this.#stopping) {
        for (const listener of this.#unexpectedExitListeners) listener(handle);
      }
    });

    if (logFd === undefined) {
      const label = prefixColor(this.#started.length)(`[${name}]`);
      for (const stream of [child.stdout, child.stderr]) {
        const splitter = createLineSplitter((line) => {
          recent.add(line);
          console.log(`${label} ${line}`);
        });
        stream.setEncoding('utf8');
        stream.on('data', (chunk) => splitter.push(chunk));
        stream.on('end', () => splitter.end());
      }
    }
    if (child.pid && this.dataDir && record)
      recordProcess(this.dataDir, name, { pid: child.pid, marker, stopSignal });
    this.#started.push(handle);
    return handle;
  }

  // Work that must happen when everything started after this point has stopped and everything
  // started before it still runs (removing session containers needs the Docker engine).
  addStopStep(name, run) {
    this.#started.push({ name, run });
  }

  // One-shot commands are not in their own group: Ctrl-C reaches them directly. Tracking them
  // is for a SIGTERM that only we received.
  trackOneShot(child) {
    this.#oneShots.add(child);
    child.on('exit', () => this.#oneShots.delete(child));
  }

  async stop(handle) {
    if (handle.run) {
      this.#started = this.#started.filter((h) => h !== handle);
      try {
        await handle.run();
      } catch (err) {
        console.log(`[${handle.name}] failed: ${err.message}`);
      }
      return;
    }
    handle.stopRequested = true;
    if (!handle.exit && handle.pid) {
      try {
        process.kill(handle.pid, handle.stopSignal);
      } catch {
        // already gone
      }
      const timedOut = await Promise.race([
        handle.exited.then(() => false),
        sleep(handle.stopTimeoutMs, true),
      ]);
      if (timedOut) {
        console.log(`[${handle.name}] did not stop within ${handle.stopTimeoutMs / 1000}s; killing it`);
        killGroup(handle.pid, 'SIGKILL');
        await handle.exited;
      }
    }
    // Whatever the leader left behind in its group (tsx's node child, build helpers).
    if (handle.pid) killGroup(handle.pid, 'SIGKILL');
    this.#started = this.#started.filter((h) => h !== handle);
  }

  async stopMany(handles) {
    for (const handle of [...handles].reverse()) await this.stop(handle);
  }

  async stopAll() {
    this.#stopping = true;
    for (const child of this.#oneShots) child.kill('SIGTERM');
    await this.stopMany(this.#started);
    for (const child of this.#oneShots) child.kill('SIGKILL');
  }

  killAll() {
    this.#stopping = true;
    for (const handle of this.#started) if (handle.pid) killGroup(handle.pid, 'SIGKILL');
    for (const child of this.#oneShots) child.kill('SIGKILL');
  }
}

function tailOfFile(file, lines) {
  if (!existsSync(file)) return [];
  const fd = openSync(file, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, 64 * 1024);
    const buffer = Buffer.alloc(length);
    readSync(fd, buffer, 0, length, size - length);
    return buffer.toString('utf8').trimEnd().split('\n').slice(-lines);
  } finally {
    closeSync(fd);
  }
}
