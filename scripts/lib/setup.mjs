import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { error } from './log.mjs';
import { runCommand } from './run-command.mjs';

const SETUP_ENTRY = 'server/src/bin/setup.ts';

// Migrations and seed data (admin user, demo apps); idempotent, so it runs on every start.
export async function runSetup({ repoRoot, env, supervisor }) {
  if (!existsSync(join(repoRoot, SETUP_ENTRY))) {
    error(`${SETUP_ENTRY} is missing`);
    return 1;
  }
  return runCommand('tsx', [SETUP_ENTRY], {
    env,
    cwd: repoRoot,
    prefix: 'setup',
    onChild: (child) => supervisor.trackOneShot(child),
  });
}
