// Developer command: only the services, for running the API or tests by hand against them.
//   node scripts/bootstrap.mjs provision              .data/ and fixed ports, like npm start
//   node scripts/bootstrap.mjs provision --throwaway  fresh dir and free ports, like npm test
// Prints the environment (also written to <data dir>/env.sh) and waits for Ctrl-C.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createThrowawayDataDir, persistentDataDir, removeDir } from './data-dir.mjs';
import { shellExports } from './environment.mjs';
import { createLifecycle, runToCompletion } from './lifecycle.mjs';
import { bold, info } from './log.mjs';
import { provision } from './provision.mjs';
import { lockDataDir, unlockDataDir } from './stale-processes.mjs';
import { reportUnexpectedExit } from './start-mode.mjs';

export async function runProvision({ repoRoot, args }) {
  const throwaway = args.includes('--throwaway');
  const dataDir = throwaway ? createThrowawayDataDir(repoRoot, 'provision') : persistentDataDir(repoRoot);
  const lifecycle = createLifecycle({ dataDir, exitCodeOnSignal: () => 0 });
  lifecycle.supervisor.onUnexpectedExit((handle) => {
    reportUnexpectedExit(handle);
    void lifecycle.shutdown().then(() => process.exit(1));
  });
  lifecycle.addCleanup(() => (throwaway ? removeDir(dataDir) : unlockDataDir(dataDir)));

  await runToCompletion(lifecycle, async () => {
    lockDataDir(dataDir);
    const ready = await provision({
      repoRoot,
      dataDir,
      throwaway,
      mode: throwaway ? 'test' : 'start',
      lifecycle,
      withDocker: true,
      withChromium: throwaway,
    });
    const exports = shellExports(ready.env);
    const envFile = join(dataDir, 'env.sh');
    writeFileSync(envFile, `${exports.join('\n')}\n`);
    console.log(`\n${bold('Services are up.')} Environment (also in ${envFile}):\n`);
    console.log(exports.join('\n'));
    console.log(`\nports: ${JSON.stringify(ready.ports)}`);
    console.log(`sessions: ${ready.sessions}`);
    info('Ctrl-C stops everything.');
    return new Promise(() => {});
  });
}
