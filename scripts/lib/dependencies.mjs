// Runs on whatever Node started us (possibly the system Node 20, before anything is
// installed): built-in modules only.
import { existsSync, statSync, utimesSync } from 'node:fs';
import { delimiter, join, sep } from 'node:path';
import { info } from './log.mjs';
import { runCommand } from './run-command.mjs';

export function needsInstall({ hasNodeModules, lockMtimeMs, installedLockMtimeMs }) {
  if (!hasNodeModules || installedLockMtimeMs === undefined) return true;
  if (lockMtimeMs === undefined) return false;
  return lockMtimeMs > installedLockMtimeMs;
}

const mtime = (path) => (existsSync(path) ? statSync(path).mtimeMs : undefined);

// npm must run on the system Node: the Node 22 shim in node_modules/.bin is deleted and
// re-created by the very install we start.
export function withoutProjectBins(pathValue) {
  return pathValue
    .split(delimiter)
    .filter((dir) => !dir.endsWith(`${sep}node_modules${sep}.bin`))
    .join(delimiter);
}

export async function ensureDependencies(repoRoot) {
  const nodeModules = join(repoRoot, 'node_modules');
  const installedLock = join(nodeModules, '.package-lock.json');
  const lock = join(repoRoot, 'package-lock.json');
  const state = {
    hasNodeModules: existsSync(nodeModules),
    lockMtimeMs: mtime(lock),
    installedLockMtimeMs: mtime(installedLock),
  };
  if (!needsInstall(state)) return;

  const env = {
    ...process.env,
    PATH: withoutProjectBins(process.env.PATH ?? ''),
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: '1',
  };
  const quiet = ['--no-audit', '--no-fund'];
  info(
    state.hasNodeModules ? 'package-lock.json changed: installing dependencies' : 'installing dependencies',
  );
  let code = existsSync(lock) ? await runCommand('npm', ['ci', ...quiet], { env, cwd: repoRoot }) : 1;
  if (code !== 0) {
    info('npm ci did not succeed; trying npm install');
    code = await runCommand('npm', ['install', ...quiet], { env, cwd: repoRoot });
  }
  if (code !== 0) throw new Error(`installing dependencies failed (npm exited ${code})`);
  // npm install may rewrite package-lock.json after the hidden lockfile; without this the
  // next start would reinstall for nothing.
  if (existsSync(installedLock)) {
    const now = new Date();
    utimesSync(installedLock, now, now);
  }
}
