import { describe, expect, it } from 'vitest';
import { serialRefresh } from './serial-refresh';

/** A refresh whose runs finish when the test says so, recording when each started. */
function controlledRefresh() {
  const runs: { finish: () => void; superseded: () => boolean }[] = [];
  const refresh = (superseded: () => boolean) =>
    new Promise<void>((resolve) => runs.push({ finish: resolve, superseded }));
  return { runs, refresh };
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('serialRefresh', () => {
  it('answers a call made during a run with a run that starts after it', async () => {
    const { runs, refresh } = controlledRefresh();
    const reload = serialRefresh(refresh);

    const first = reload();
    await settle();
    const second = reload(); // e.g. right after a mutation, while the first read is in flight
    await settle();
    expect(runs).toHaveLength(1);
    expect(runs[0]!.superseded()).toBe(true);

    runs[0]!.finish();
    await settle();
    expect(runs).toHaveLength(2);
    expect(runs[1]!.superseded()).toBe(false);

    let secondDone = false;
    void second.then(() => (secondDone = true));
    await settle();
    expect(secondDone).toBe(false);
    runs[1]!.finish();
    await Promise.all([first, second]);
  });

  it('folds many calls during one run into a single run after it', async () => {
    const { runs, refresh } = controlledRefresh();
    const reload = serialRefresh(refresh);

    const calls = [reload()];
    await settle();
    calls.push(reload(), reload(), reload());
    runs[0]!.finish();
    await settle();
    runs[1]!.finish();
    await Promise.all(calls);

    expect(runs).toHaveLength(2);
  });

  it('starts afresh once idle, and goes on after a run that failed', async () => {
    let count = 0;
    const reload = serialRefresh(() => {
      count++;
      return count === 1 ? Promise.reject(new Error('network')) : Promise.resolve();
    });

    await expect(reload()).rejects.toThrow('network');
    await reload();
    await reload();

    expect(count).toBe(3);
  });
});
