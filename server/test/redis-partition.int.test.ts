import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { pause } from './support/eventually.js';
import { expectGapless } from './support/run-assertions.js';
import { RunStack, textOf } from './support/run-stack.js';
import { TcpProxy } from './support/tcp-proxy.js';
import { untilAnnouncementsLost } from './support/worker-process.js';

describe("runs while the worker's link to Redis is cut and the API's is not", () => {
  const redis = new URL(loadConfig(process.env).redis.url);
  const link = new TcpProxy({ host: redis.hostname, port: Number(redis.port || 6379) });
  const stack = new RunStack();

  beforeAll(async () => {
    await link.start();
    const throughLink = new URL(redis);
    throughLink.hostname = '127.0.0.1';
    throughLink.port = String(link.port);
    await stack.start(undefined, { REDIS_URL: throughLink.toString() });
  }, 180_000);

  afterAll(async () => {
    await link.restore();
    // BullMQ's Worker.close() waits for a blocking connection that is still reconnecting
    // (taskforcesh/bullmq#4656), so a worker stopped right after the link is back would take its
    // whole stop timeout to exit; let its queues reconnect first.
    await pause(5_000);
    await stack.stop();
    await link.dispose();
  }, 60_000);

  it('announces what the worker could not while cut off once its link is back, so a subscriber sees the run end without resubscribing', async () => {
    const sessionId = await stack.createSession();
    const runId = await stack.sendScript(sessionId, [{ text: 'first' }, { sleep: 500 }, { text: ' last' }]);
    const live = stack.events(runId);
    await live.until((e) => e.__typename === 'AssistantTextDelta');
    await link.cut();
    try {
      // The run ends in Postgres; the worker's Redis client gives up announcing it. Nothing comes
      // after that could reveal the gap to the subscriber, whose own link never dropped.
      await untilAnnouncementsLost(stack.worker, async () => (await stack.run(runId)).status === 'SUCCEEDED');
    } finally {
      await link.restore();
    }
    const events = await live.toEnd();
    expectGapless(events);
    expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
    expect(textOf(events)).toBe('first last');
  }, 90_000);
});
