import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';

export function persistentDataDir(repoRoot) {
  const dir = join(repoRoot, '.data');
  mkdirSync(dir, { recursive: true });
  return dir;
}

const pad = (n) => String(n).padStart(2, '0');

export function throwawayDirName(mode, date, pid) {
  const stamp =
    `${date.getFullYear()}${pad(date.getMonth() + 1)}${pad(date.getDate())}` +
    `-${pad(date.getHours())}${pad(date.getMinutes())}${pad(date.getSeconds())}`;
  return `${mode}-${stamp}-${pid}`;
}

export function throwawayRoot(repoRoot) {
  return join(repoRoot, '.test-data');
}

export function createThrowawayDataDir(repoRoot, mode) {
  const dir = join(throwawayRoot(repoRoot), throwawayDirName(mode, new Date(), process.pid));
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function removeDir(dir) {
  rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
}
