// Services run in their own process groups so Ctrl-C reaches only the bootstrap, which then
// stops them in order. The price: if the bootstrap is killed outright they outlive it, and
// the next run would find their ports and the Postgres lock taken. Each data dir records what
// runs from it, so a later run can stop leftovers it can prove are ours.
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

const runDir = (dataDir) => join(dataDir, 'run');
const LOCK = 'bootstrap.json';

// A zombie still answers kill(pid, 0); where no init reaps orphans (containers) it would look
// alive forever.
export function isAlive(pid) {
  try {
    process.kill(pid, 0);
  } catch (err) {
    if (err.code !== 'EPERM') return false;
  }
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return !existsSync('/proc/self');
  }
}

function commandLine(pid) {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function readJson(file) {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
}

// A recorded pid only counts if the process still looks like the one recorded: pids are reused.
export function isRecordedProcessRunning(record) {
  return Boolean(record?.pid) && isAlive(record.pid) && commandLine(record.pid).includes(record.marker);
}

export function recordProcess(dataDir, name, record) {
  mkdirSync(runDir(dataDir), { recursive: true });
  writeFileSync(join(runDir(dataDir), `${name}.json`), JSON.stringify(record));
}

export function forgetProcess(dataDir, name) {
  rmSync(join(runDir(dataDir), `${name}.json`), { force: true });
}

// How this bootstrap is recorded, so a later run can tell whether it still runs.
export function thisBootstrap() {
  return { pid: process.pid, marker: 'bootstrap.mjs' };
}

// Refuses a second bootstrap on the same data dir: it would stop the first one's services.
export function lockDataDir(dataDir) {
  const file = join(runDir(dataDir), LOCK);
  const holder = readJson(file);
  if (holder && holder.pid !== process.pid && isRecordedProcessRunning(holder)) {
    throw new Error(`another bootstrap (pid ${holder.pid}) is already using ${dataDir}; stop it first`);
  }
  recordProcess(dataDir, 'bootstrap', thisBootstrap());
}

export function unlockDataDir(dataDir) {
  if (readJson(join(runDir(dataDir), LOCK))?.pid === process.pid) forgetProcess(dataDir, 'bootstrap');
}

export async function stopLeftoverProcesses(dataDir, log = () => {}) {
  const dir = runDir(dataDir);
  if (!existsSync(dir)) return;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.json') && f !== LOCK)) {
    const record = readJson(join(dir, file));
    if (isRecordedProcessRunning(record)) {
      log(`stopping leftover ${file.replace(/\.json$/, '')} (pid ${record.pid}) from an earlier run`);
      await stopProcessGroup(record.pid, record.stopSignal ?? 'SIGTERM', 10_000);
    }
    rmSync(join(dir, file), { force: true });
  }
}

// For throwaway dirs of runs that were killed: their owner is gone, their services may not be.
export async function stopLeftoversOfDeadRuns(parentDir, log) {
  if (!existsSync(parentDir)) return;
  for (const entry of readdirSync(parentDir, { withFileTypes: true })) {
    if (!entry.isDirectory()) continue;
    const dataDir = join(parentDir, entry.name);
    if (isRecordedProcessRunning(readJson(join(runDir(dataDir), LOCK)))) continue;
    await stopLeftoverProcesses(dataDir, log);
  }
}

export async function stopProcessGroup(pid, signal, timeoutMs) {
  signalGroupLeader(pid, signal);
  const deadline = Date.now() + timeoutMs;
  while (isAlive(pid) && Date.now() < deadline) await sleep(100);
  killGroup(pid, 'SIGKILL');
  while (isAlive(pid) && Date.now() < deadline + 5000) await sleep(50);
}

function signalGroupLeader(pid, signal) {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

export function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
  } catch {
    // already gone
  }
}
