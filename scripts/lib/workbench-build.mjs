import { existsSync, readdirSync, statSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { info } from './log.mjs';
import { runCommand } from './run-command.mjs';

// What the built workbench depends on. The lockfile stands for the installed dependencies.
const BUILD_INPUTS = [
  'app/src',
  'app/static',
  'app/package.json',
  'app/tsconfig.json',
  'app/vite.config.ts',
  'app/server.js',
  'package-lock.json',
];
// Written after a successful build, dated when the build began, so an edit made during the
// build still counts as newer. A half-written build has no stamp and is rebuilt.
const STAMP = join('app', 'build', '.agentbench-build-stamp');

export function isBuildStale(stampMtimeMs, inputMtimesMs) {
  if (stampMtimeMs === undefined) return true;
  return inputMtimesMs.some((mtime) => mtime > stampMtimeMs);
}

export function mtimesUnder(path) {
  if (!existsSync(path)) return [];
  const stat = statSync(path);
  if (!stat.isDirectory()) return [stat.mtimeMs];
  return readdirSync(path).flatMap((entry) =>
    entry === 'node_modules' ? [] : mtimesUnder(join(path, entry)),
  );
}

export async function ensureWorkbenchBuilt({ repoRoot, env, supervisor }) {
  const stamp = join(repoRoot, STAMP);
  const stampMtime = existsSync(stamp) ? statSync(stamp).mtimeMs : undefined;
  const inputs = BUILD_INPUTS.flatMap((input) => mtimesUnder(join(repoRoot, input)));
  if (!isBuildStale(stampMtime, inputs)) {
    info('workbench build is up to date');
    return 0;
  }
  info('building the workbench');
  const startedAt = new Date();
  // One artifact serves dev, test and production runs alike.
  const code = await runCommand('npm', ['run', 'build', '--workspace', 'app'], {
    env: { ...env, NODE_ENV: 'production' },
    cwd: repoRoot,
    prefix: 'build',
    onChild: (child) => supervisor.trackOneShot(child),
  });
  if (code === 0 && existsSync(join(repoRoot, 'app', 'build'))) {
    writeFileSync(stamp, '');
    utimesSync(stamp, startedAt, startedAt);
  }
  return code;
}
