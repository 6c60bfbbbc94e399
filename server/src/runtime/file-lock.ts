import { open, readFile, stat, unlink } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';

export interface FileLockOptions {
  /** A lock older than this is taken over, whoever holds it (its holder hung or the clock jumped). */
  staleMs: number;
  /** Give up waiting after this long. */
  timeoutMs: number;
  /** Checked while waiting: when it answers true the work is done by someone else, stop waiting. */
  done?: () => Promise<boolean>;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function isStale(path: string, staleMs: number): Promise<boolean> {
  try {
    const [info, text] = await Promise.all([stat(path), readFile(path, 'utf8')]);
    const pid = Number.parseInt(text, 10);
    if (Number.isInteger(pid) && pid > 0 && !alive(pid)) return true;
    return Date.now() - info.mtimeMs > staleMs;
  } catch {
    // Vanished between our attempt and this check: not stale, just try again.
    return false;
  }
}

/**
 * Runs `work` while holding an exclusive lock file, so two processes on one machine (two workers,
 * two test files) do not do the same expensive work at once. Returns null without running `work`
 * when `done` reports that another holder finished it before we got the lock.
 */
export async function withFileLock<T>(
  path: string,
  options: FileLockOptions,
  work: () => Promise<T>,
): Promise<T | null> {
  const deadline = Date.now() + options.timeoutMs;
  let delay = 50;
  for (;;) {
    try {
      const handle = await open(path, 'wx', 0o600);
      try {
        await handle.writeFile(String(process.pid));
      } finally {
        await handle.close();
      }
      break;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    if (options.done && (await options.done())) return null;
    if (await isStale(path, options.staleMs)) {
      await unlink(path).catch(() => undefined);
      continue;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out after ${options.timeoutMs} ms waiting for lock ${path}`);
    await sleep(delay);
    delay = Math.min(1_000, delay * 2);
  }
  try {
    if (options.done && (await options.done())) return null;
    return await work();
  } finally {
    await unlink(path).catch(() => undefined);
  }
}
