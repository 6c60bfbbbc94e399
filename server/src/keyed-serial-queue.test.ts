import { describe, expect, it } from 'vitest';
import { KeyedSerialQueue } from './keyed-serial-queue.js';

describe('KeyedSerialQueue', () => {
  it('runs one key in order, survives failures, and lets other keys through', async () => {
    const queue = new KeyedSerialQueue();
    const order: string[] = [];
    let releaseFirst: () => void = () => {};
    const first = queue.run('a', () =>
      new Promise<void>((resolve) => (releaseFirst = resolve)).then(() => void order.push('a1')),
    );
    const failing = queue.run('a', () => Promise.reject(new Error('boom')));
    const third = queue.run('a', async () => void order.push('a3'));
    await queue.run('b', async () => void order.push('b1'));
    releaseFirst();
    await first;
    await expect(failing).rejects.toThrow('boom');
    await third;
    expect(order).toEqual(['b1', 'a1', 'a3']);
  });
});
