import { expect } from 'vitest';
import { textOf, type RunEventResult, type RunStack } from './run-stack.js';

/** Events numbered from `from` without a gap or a repeat, in order. */
export function expectGapless(events: RunEventResult[], from = 1): void {
  expect(events.map((e) => e.seq)).toEqual(events.map((_, index) => from + index));
}

/**
 * Sends a run of three texts `pauseMs` apart and brings on `outage` once its first text arrived;
 * then checks that its live subscriber got every event once, in order, up to its successful end,
 * that the run says so too, and that a new subscriber replays the same log.
 */
export async function expectRunThroughOutage(
  stack: RunStack,
  pauseMs: number,
  outage: () => Promise<void>,
): Promise<string> {
  const sessionId = await stack.createSession();
  const runId = await stack.sendScript(sessionId, [
    { text: 'before' },
    { sleep: pauseMs },
    { text: ' during' },
    { sleep: pauseMs },
    { text: ' after' },
  ]);
  const live = stack.events(runId);
  await live.until((e) => e.__typename === 'AssistantTextDelta');
  await outage();
  const events = await live.toEnd();
  expectGapless(events);
  expect(events.at(-1)).toMatchObject({ __typename: 'RunFinished', status: 'SUCCEEDED' });
  expect(textOf(events)).toBe('before during after');
  const run = await stack.run(runId);
  expect(run.status).toBe('SUCCEEDED');
  expect(run.output).toBe('before during after');
  expect(await stack.events(runId).toEnd()).toEqual(events);
  return runId;
}
