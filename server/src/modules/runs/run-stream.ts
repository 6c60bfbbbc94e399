import { RESUMED, type RedisPubSub } from '../../pubsub/redis-pubsub.js';
import type { RunEventStore } from './run-event.store.js';
import { runTopic, type StoredRunEvent } from './run-event.types.js';

/**
 * Every event of a run with seq > afterSeq, each exactly once and in order: replay from Postgres,
 * then live from Redis, completing after RunFinished. It listens first (buffering), then reads
 * the log, then drains the buffer skipping what was emitted, so nothing falls between the two.
 * A gap in the live seqs (a message Redis dropped) is filled from the log, and so is what was
 * published while the connection to Redis was down: the end of a run among it included.
 */
export async function* streamRunEvents(
  store: RunEventStore,
  pubsub: RedisPubSub,
  runId: string,
  afterSeq: number,
): AsyncGenerator<StoredRunEvent> {
  const live = pubsub.subscribe<StoredRunEvent | typeof RESUMED>(runTopic(runId), {
    onResume: () => RESUMED,
  });
  try {
    await live.ready;
    let last = afterSeq;
    for (const event of await store.read(runId, last)) {
      last = event.seq;
      yield event;
      if (event.type === 'RunFinished') return;
    }
    for await (const event of live) {
      if (event !== RESUMED && event.seq <= last) continue;
      const pending = event !== RESUMED && event.seq === last + 1 ? [event] : await store.read(runId, last);
      for (const next of pending) {
        if (next.seq <= last) continue;
        last = next.seq;
        yield next;
        if (next.type === 'RunFinished') return;
      }
    }
  } finally {
    await live.return();
  }
}
