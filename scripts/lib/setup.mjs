import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { error } from './log.mjs';
import { runCommand } from './run-command.mjs';

const SETUP_ENTRY = 'server/src/bin/setup.ts';

// The executor bundle that session containers run; esbuild makes it in about a second, so it is
// rebuilt on every start rather than tracked for staleness.
async function buildExecutor({ repoRoot, env, supervisor }) {
  return runCommand('npm', ['run', 'build', '--workspace', 'executor'], {
    env,
    cwd: repoRoot,
    prefix: 'executor',
    onChild: (child) => supervisor.trackOneShot(child),
  });
}

// Migrations and seed data (admin user, demo apps); idempotent, so it runs on every start.
export async function runSetup({ repoRoot, env, supervisor }) {
  if (!existsSync(join(repoRoot, SETUP_ENTRY))) {
    error(`${SETUP_ENTRY} is missing`);
    return 1;
  }
  const built = await buildExecutor({ repoRoot, env, supervisor });
  if (built !== 0) {
    error('building the executor failed');
    return built;
  }
  return runCommand('tsx', [SETUP_ENTRY], {
    env,
    cwd: repoRoot,
    prefix: 'setup',
    onChild: (child) => supervisor.trackOneShot(child),
  });
}
