import type { ExecutorEvent } from '../../../../executor/src/protocol.js';

const MAX_BATCH = 500;

/**
 * Moves events from the executor's stream into `append`, one batch at a time. While a batch is
 * being committed the next one accumulates, so batches grow with load (group commit) and an
 * event never waits on a timer when the system is idle.
 * Resolves `finished: true` once `run.finished` is appended; a stream that ends or breaks before
 * that resolves `finished: false` (or rethrows the stream's error) so the caller can reattach.
 */
export async function pipeEvents(
  events: AsyncIterable<ExecutorEvent>,
  append: (batch: ExecutorEvent[]) => Promise<void>,
): Promise<{ finished: boolean }> {
  const buffer: ExecutorEvent[] = [];
  let done = false;
  let failure: unknown = null;
  // Held in an object so the reader's closure and the loop see one binding TypeScript can follow.
  const signal: { wake: (() => void) | null } = { wake: null };
  const iterator = events[Symbol.asyncIterator]();

  const reader = (async () => {
    try {
      for (;;) {
        const next = await iterator.next();
        if (next.done) break;
        buffer.push(next.value);
        signal.wake?.();
        if (next.value.type === 'run.finished') break;
      }
    } catch (error) {
      failure = error;
    } finally {
      done = true;
      signal.wake?.();
    }
  })();

  let finished = false;
  try {
    for (;;) {
      if (!buffer.length) {
        if (done) break;
        await new Promise<void>((resolve) => (signal.wake = resolve));
        signal.wake = null;
        continue;
      }
      const batch = buffer.splice(0, MAX_BATCH);
      await append(batch);
      if (batch.some((event) => event.type === 'run.finished')) finished = true;
    }
  } finally {
    // Stop reading if appending failed; the executor keeps the events for the next attach.
    if (!done) await iterator.return?.();
    await reader;
  }
  if (failure && !finished)
    throw failure instanceof Error ? failure : new Error('the event stream failed', { cause: failure });
  return { finished };
}
