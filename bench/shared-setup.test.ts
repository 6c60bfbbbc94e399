import { describe, expect, it } from 'vitest';
import { SharedSetup } from './shared-setup.js';

describe('setup shared between benches', () => {
  it('is made once for every bench that asks, and torn down once at the end', async () => {
    const shared = new SharedSetup();
    let made = 0;
    let disposed = 0;
    const make = async () => ({ value: ++made, dispose: async () => void disposed++ });
    const [first, second] = await Promise.all([shared.get('a', make), shared.get('a', make)]);
    expect([first, second, await shared.get('b', make)]).toEqual([1, 1, 2]);
    await shared.dispose();
    expect(disposed).toBe(2);
    expect(await shared.get('a', make)).toBe(3);
  });

  it('passes a failed setup on to who asked, and still tears down the rest', async () => {
    const shared = new SharedSetup();
    let disposed = false;
    await expect(shared.get('broken', () => Promise.reject(new Error('no docker')))).rejects.toThrow(
      'no docker',
    );
    await shared.get('fine', async () => ({ value: 1, dispose: async () => void (disposed = true) }));
    await shared.dispose();
    expect(disposed).toBe(true);
  });
});
