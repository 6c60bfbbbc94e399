import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pause } from './support/eventually.js';
import { subscribe } from './support/graphql-client.js';
import { RedisProcess } from './support/redis-process.js';
import { expectGapless, expectRunThroughOutage } from './support/run-assertions.js';
import { RunStack, textOf } from './support/run-stack.js';
import { untilAnnouncementsLost } from './support/worker-process.js';

const ANSWER = `mutation ($input: AnswerHumanLoopInput!) { answerHumanLoop(input: $input) {
  ... on AnswerHumanLoopPayload { alreadyHandled } ... on Error { message } } }`;

describe('runs across a Redis restart (a durable Redis of its own, worker in its own process)', () => {
  const redis = new RedisProcess();
  const stack = new RunStack();

  beforeAll(async () => {
    await redis.start();
    await stack.start((config) => ({ ...config, redis: { ...config.redis, url: redis.url } }), {
      RECONCILE_EVERY: '2',
    });
  }, 180_000);

  /** Stops Redis until `happened` holds and the worker has given up announcing it, then starts it. */
  async function downUntilAnnouncementsLost(happened: () => Promise<boolean>): Promise<void> {
    await redis.stop('SIGTERM');
    try {
      await untilAnnouncementsLost(stack.worker, happened);
    } finally {
      await redis.start();
    }
  }

  afterAll(async () => {
    await stack.stop();
    await redis.dispose();
  }, 60_000);

  for (const signal of ['SIGTERM', 'SIGKILL'] as const) {
    it(`finishes a run that was streaming while Redis went down (${signal}) and came back; its subscriber gets every event once, in order`, async () => {
      // Down for longer than the pause before the next text, so that it is published while Redis
      // is away and reaches the subscriber only through the log.
      await expectRunThroughOutage(stack, 1500, async () => {
        await redis.stop(signal);
        await pause(2500);
        await redis.start();
      });
    }, 120_000);
  }

  it('completes a subscription whose run ended while Redis was down, with the events it missed', async () => {
    const sessionId = await stack.createSession();
    const runId = await stack.sendScript(sessionId, [{ text: 'first' }, { sleep: 500 }, { text: ' last' }]);
    const live = stack.events(runId);
    await live.until((e) => e.__typename === 'AssistantTextDelta');
    // The run ends meanwhile: its last events are committed, their announcements lost.
    await downUntilAnnouncementsLost(async () => (await stack.run(runId)).status === 'SUCCEEDED');
    const events = await live.toEnd();
    expectGapless(events);
    expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
    expect(textOf(events)).toBe('first last');
  }, 120_000);

  it('tells a humanLoopRequested subscriber about a question asked while Redis was down', async () => {
    const watcher = subscribe<{ humanLoopRequested: { id: string; prompt: string } }>(
      stack.ws,
      'subscription { humanLoopRequested { id prompt } }',
      {},
    );
    try {
      const sessionId = await stack.createSession();
      const runId = await stack.sendScript(sessionId, [
        { text: 'thinking' },
        { sleep: 500 },
        { ask: 'Left or right?', options: ['left', 'right'] },
      ]);
      await stack.events(runId).until((e) => e.__typename === 'AssistantTextDelta');
      await downUntilAnnouncementsLost(async () => (await stack.run(runId)).status === 'WAITING_FOR_HUMAN');
      const heard = (await watcher.next()).data!.humanLoopRequested;
      expect(heard.prompt).toBe('Left or right?');
      const answered = await stack.query(ANSWER, { input: { requestId: heard.id, answer: 'left' } });
      expect(answered.data!.answerHumanLoop.alreadyHandled).toBe(false);
      const events = await stack.events(runId).toEnd();
      expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
    } finally {
      watcher.dispose();
    }
  }, 120_000);

  it('takes a message sent while Redis is down, and runs it once Redis is back', async () => {
    // The run is recorded at once; the stranded-run sweep (every 30 s) hands it to the queue.
    const sessionId = await stack.createSession();
    await redis.stop('SIGTERM');
    let sent: { __typename: string; run?: { id: string; status: string }; message?: string };
    try {
      sent = await stack.send(sessionId, JSON.stringify({ script: [{ text: 'queued while away' }] }));
    } finally {
      await redis.start();
    }
    expect(sent.__typename).toBe('RunPayload');
    expect(sent.run!.status).toBe('QUEUED');
    const events = await stack.events(sent.run!.id).toEnd();
    expectGapless(events);
    expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
    expect(textOf(events)).toBe('queued while away');
  }, 120_000);
});
