import { describe, expect, it } from 'vitest';
import { ExecutorCallError, readNdjson } from './executor-client.js';

function streamOf(...chunks: string[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  return new ReadableStream({
    start(controller) {
      for (const chunk of chunks) controller.enqueue(encoder.encode(chunk));
      controller.close();
    },
  });
}

describe('readNdjson', () => {
  it('reassembles lines split across chunks and drops a cut last line', async () => {
    const lines: unknown[] = [];
    for await (const line of readNdjson(streamOf('{"a":1}\n{"b"', ':2}\n\n{"c":'))) lines.push(line);
    expect(lines).toEqual([{ a: 1 }, { b: 2 }]);
  });
});

describe('ExecutorCallError', () => {
  it('retries 5xx, timeouts and network failures, never 4xx', () => {
    expect(new ExecutorCallError('http', '/x', 503, '').retryable).toBe(true);
    expect(new ExecutorCallError('http', '/x', 400, '').retryable).toBe(false);
    expect(new ExecutorCallError('timeout', '/x', null, '').retryable).toBe(true);
    expect(new ExecutorCallError('network', '/x', null, '').retryable).toBe(true);
  });
});
