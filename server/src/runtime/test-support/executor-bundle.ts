import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { withFileLock } from '../file-lock.js';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../../../..');

/**
 * The directory of the real executor bundle (`executor/dist/executor.mjs`), built first with
 * `npm run build --workspace executor` when it is missing. Test files running at the same time
 * take turns, so the bundle is built once.
 */
export async function executorBundleDir(): Promise<string> {
  const dir = join(repoRoot, 'executor', 'dist');
  const bundle = join(dir, 'executor.mjs');
  if (existsSync(bundle)) return dir;
  const lock = join(
    tmpdir(),
    `agentbench-executor-build-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 12)}.lock`,
  );
  await withFileLock(
    lock,
    { staleMs: 5 * 60_000, timeoutMs: 5 * 60_000, done: () => Promise.resolve(existsSync(bundle)) },
    async () => {
      if (existsSync(bundle)) return;
      await promisify(execFile)('npm', ['run', 'build', '--workspace', 'executor'], {
        cwd: repoRoot,
        maxBuffer: 16 * 1024 * 1024,
      });
    },
  );
  if (!existsSync(bundle)) throw new Error(`npm run build --workspace executor did not produce ${bundle}`);
  return dir;
}
