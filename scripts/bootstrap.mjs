#!/usr/bin/env node
// The project's two commands. Runs on the system Node (20 or newer) before anything is
// installed: installs dependencies, moves onto the project's Node 22, provisions Postgres,
// Redis, S3 and Docker, then:
//   start      the API, worker and workbench, until Ctrl-C             (npm start)
//   test       lint, types, freshness, unit, integration, browser      (npm test [-- step...])
//   bench      bench/run.ts against fresh services                     (npm run bench)
//   provision  only the services; prints their environment             (developer command)
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureDependencies } from './lib/dependencies.mjs';
import { reexecOnProjectNodeIfOld } from './lib/node-runtime.mjs';

const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');

const modes = {
  start: async () => (await import('./lib/start-mode.mjs')).runStart,
  test: async () => (await import('./lib/test-mode.mjs')).runTest,
  bench: async () => (await import('./lib/bench-mode.mjs')).runBench,
  provision: async () => (await import('./lib/provision-mode.mjs')).runProvision,
};

const [mode, ...args] = process.argv.slice(2);
if (!modes[mode]) {
  console.log(
    'usage: node scripts/bootstrap.mjs start | test [step...] | bench [args...] | provision [--throwaway]',
  );
  process.exit(mode === undefined || mode === 'help' || mode === '--help' ? 0 : 2);
}

try {
  await ensureDependencies(repoRoot);
  if (!reexecOnProjectNodeIfOld(repoRoot)) {
    const run = await modes[mode]();
    await run({ repoRoot, args });
  }
} catch (err) {
  console.log(`✘ ${err.message}`);
  process.exit(1);
}
