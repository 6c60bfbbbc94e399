import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { withFileLock } from './file-lock.js';

let dir: string;
beforeEach(async () => (dir = await mkdtemp(join(tmpdir(), 'ab-lock-'))));
afterEach(async () => rm(dir, { recursive: true, force: true }));

describe('withFileLock', () => {
  it('runs holders one after the other', async () => {
    const lock = join(dir, 'x.lock');
    const events: string[] = [];
    const holder = (name: string) =>
      withFileLock(lock, { staleMs: 60_000, timeoutMs: 5_000 }, async () => {
        events.push(`${name} in`);
        await sleep(30);
        events.push(`${name} out`);
        return name;
      });
    expect(await Promise.all([holder('a'), holder('b')])).toEqual(['a', 'b']);
    expect(events).toEqual(['a in', 'a out', 'b in', 'b out']);
  });

  it('lets a waiter go when the work was done by the holder', async () => {
    const lock = join(dir, 'x.lock');
    let done = false;
    let holding: () => void = () => {};
    const held = new Promise<void>((resolve) => (holding = resolve));
    const first = withFileLock(lock, { staleMs: 60_000, timeoutMs: 5_000 }, async () => {
      holding();
      await sleep(50);
      done = true;
      return 'built';
    });
    // The second asks only once the first holds the lock; otherwise either may win it.
    await held;
    const second = withFileLock(
      lock,
      { staleMs: 60_000, timeoutMs: 5_000, done: () => Promise.resolve(done) },
      () => Promise.resolve('built again'),
    );
    expect(await Promise.all([first, second])).toEqual(['built', null]);
  });

  it('takes over a lock whose holder died', async () => {
    const lock = join(dir, 'x.lock');
    await writeFile(lock, '2147483646'); // no such process
    expect(
      await withFileLock(lock, { staleMs: 60_000, timeoutMs: 1_000 }, () => Promise.resolve('mine')),
    ).toBe('mine');
  });
});
