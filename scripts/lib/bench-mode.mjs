import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { createThrowawayDataDir, removeDir } from './data-dir.mjs';
import { createLifecycle, runToCompletion } from './lifecycle.mjs';
import { info } from './log.mjs';
import { provision } from './provision.mjs';
import { runCommand } from './run-command.mjs';
import { runSetup } from './setup.mjs';
import { lockDataDir } from './stale-processes.mjs';
import { reportUnexpectedExit } from './start-mode.mjs';

const BENCH_ENTRY = join('bench', 'run.ts');

export async function runBench({ repoRoot, args }) {
  if (!existsSync(join(repoRoot, BENCH_ENTRY))) {
    console.log('no benchmarks yet');
    process.exit(0);
  }
  const dataDir = createThrowawayDataDir(repoRoot, 'bench');
  const lifecycle = createLifecycle({ dataDir });
  const { supervisor } = lifecycle;
  supervisor.onUnexpectedExit(reportUnexpectedExit);
  let failed = false;
  lifecycle.addCleanup(() => {
    if (failed && process.env.KEEP_TEST_DATA === '1') info(`kept bench data in ${dataDir}`);
    else removeDir(dataDir);
  });

  await runToCompletion(lifecycle, async () => {
    lockDataDir(dataDir);
    try {
      const { env } = await provision({
        repoRoot,
        dataDir,
        throwaway: true,
        // Timed as deployed: every commit waits for its WAL flush, Redis appends to its log.
        durable: true,
        mode: 'bench',
        lifecycle,
        withDocker: true,
        withChromium: false,
      });
      if ((await runSetup({ repoRoot, env, supervisor })) !== 0)
        throw new Error('setup failed (see [setup] above)');
      const code = await runCommand('tsx', [BENCH_ENTRY, ...args], {
        env: { ...env, TEST_DATA_DIR: dataDir },
        cwd: repoRoot,
        onChild: (child) => supervisor.trackOneShot(child),
      });
      failed = code !== 0;
      return code;
    } catch (err) {
      failed = true;
      throw err;
    }
  });
}
