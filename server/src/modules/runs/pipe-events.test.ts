import { describe, expect, it } from 'vitest';
import type { ExecutorEvent } from '../../../../executor/src/protocol.js';
import { pipeEvents } from './pipe-events.js';

const text = (seq: number): ExecutorEvent => ({
  seq,
  at: new Date(0).toISOString(),
  type: 'text.delta',
  text: `${seq}`,
});
const finished = (seq: number): ExecutorEvent => ({
  seq,
  at: new Date(0).toISOString(),
  type: 'run.finished',
  status: 'succeeded',
});

async function* from(events: ExecutorEvent[], failAfter?: Error) {
  for (const event of events) yield event;
  if (failAfter) throw failAfter;
}

describe('pipeEvents', () => {
  it('appends every event once, in order, and reports the finish', async () => {
    const seen: number[] = [];
    const result = await pipeEvents(from([text(1), text(2), finished(3)]), async (batch) => {
      seen.push(...batch.map((e) => e.seq));
    });
    expect(seen).toEqual([1, 2, 3]);
    expect(result.finished).toBe(true);
  });

  it('batches what arrives while a commit is in progress', async () => {
    const batches: number[][] = [];
    let allRead: () => void = () => {};
    const everythingRead = new Promise<void>((resolve) => (allRead = resolve));
    async function* source() {
      yield text(1);
      yield text(2);
      yield text(3);
      allRead();
      yield finished(4);
    }
    await pipeEvents(source(), async (batch) => {
      batches.push(batch.map((e) => e.seq));
      // The first commit is slow: everything else arrives meanwhile and goes in one batch.
      if (batches.length === 1) await everythingRead;
    });
    expect(batches).toEqual([[1], [2, 3], [4]]);
  });

  it('says the run did not finish when the stream ends early, and rethrows a broken stream', async () => {
    expect(await pipeEvents(from([text(1)]), async () => {})).toEqual({ finished: false });
    await expect(pipeEvents(from([text(1)], new Error('cut')), async () => {})).rejects.toThrow('cut');
  });

  it('stops reading when appending fails', async () => {
    await expect(
      pipeEvents(from([text(1), text(2)]), async () => {
        throw new Error('database down');
      }),
    ).rejects.toThrow('database down');
  });
});
