import { Client, gql, makeResult, type Exchange, type Operation, type OperationResult } from '@urql/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { filter, make, mergeMap, pipe, share, takeUntil } from 'wonka';
import { MAX_RETRY_DELAY_MS, retryDelayMs } from './backoff';
import { liveSubscription } from './live-subscription';

interface ServerSubscription {
  variables: { afterSeq: number };
  active: boolean;
  /** Sends the operation a result: data, or errors with their codes. */
  send(body: {
    data?: Record<string, unknown>;
    errors?: Array<{ message: string; extensions: { code: string } }>;
  }): void;
}

/**
 * The GraphQL server's side of the client, as an exchange: each subscription the client starts is
 * recorded, with its variables, and answered when the test says; a teardown ends it.
 */
function serverExchange(subscriptions: ServerSubscription[]): Exchange {
  return () => (operations$) => {
    const shared = pipe(operations$, share);
    const teardowns = pipe(
      shared,
      filter((op: Operation) => op.kind === 'teardown'),
    );
    return pipe(
      shared,
      filter((op: Operation) => op.kind === 'subscription'),
      mergeMap((op: Operation) =>
        pipe(
          make<OperationResult>((observer) => {
            const subscription: ServerSubscription = {
              variables: op.variables as { afterSeq: number },
              active: true,
              send: (body) => observer.next(makeResult(op, body)),
            };
            subscriptions.push(subscription);
            return () => (subscription.active = false);
          }),
          takeUntil(
            pipe(
              teardowns,
              filter((teardown) => teardown.key === op.key),
            ),
          ),
        ),
      ),
    );
  };
}

const TICKS = gql<{ ticks: number }, { afterSeq: number }>`
  subscription ($afterSeq: Int!) {
    ticks(afterSeq: $afterSeq)
  }
`;

const unavailable = {
  errors: [
    {
      message: 'the database is unreachable for the moment; try again shortly',
      extensions: { code: 'SERVICE_UNAVAILABLE' },
    },
  ],
};

describe('liveSubscription', () => {
  let subscriptions: ServerSubscription[];
  let client: Client;
  let lastSeq: number;
  let received: number[];

  const follow = () =>
    liveSubscription(
      client,
      TICKS,
      () => ({ afterSeq: lastSeq }),
      (data) => {
        received.push(data.ticks);
        lastSeq = data.ticks;
      },
    );

  beforeEach(() => {
    vi.useFakeTimers();
    subscriptions = [];
    client = new Client({ url: 'http://api.invalid/graphql', exchanges: [serverExchange(subscriptions)] });
    lastSeq = 0;
    received = [];
  });

  afterEach(() => {
    vi.useRealTimers();
  });

  it('after a passing fault, subscribes again after a backoff, from what it has', async () => {
    follow();
    expect(subscriptions.map((s) => s.variables.afterSeq)).toEqual([0]);
    subscriptions[0]!.send({ data: { ticks: 1 } });
    subscriptions[0]!.send({ data: { ticks: 2 } });
    subscriptions[0]!.send(unavailable);

    expect(subscriptions).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(retryDelayMs(0, () => 1));
    expect(subscriptions.map((s) => s.variables.afterSeq)).toEqual([0, 2]);
    expect(subscriptions[0]!.active).toBe(false);

    subscriptions[1]!.send({ data: { ticks: 3 } });
    expect(received).toEqual([1, 2, 3]);
  });

  it('backs off further while the fault lasts, and starts over once data flows', async () => {
    follow();
    for (let retries = 0; retries < 3; retries++) {
      subscriptions.at(-1)!.send(unavailable);
      // Not before the shortest wait of this try, and by its longest.
      await vi.advanceTimersByTimeAsync(retryDelayMs(retries, () => 0) - 1);
      expect(subscriptions).toHaveLength(retries + 1);
      await vi.advanceTimersByTimeAsync(retryDelayMs(retries, () => 1));
      expect(subscriptions).toHaveLength(retries + 2);
    }
    subscriptions.at(-1)!.send({ data: { ticks: 1 } });
    subscriptions.at(-1)!.send(unavailable);
    await vi.advanceTimersByTimeAsync(retryDelayMs(0, () => 1));
    expect(subscriptions).toHaveLength(5);
  });

  it.each(['NOT_FOUND', 'UNAUTHENTICATED', 'FORBIDDEN'])(
    'ends on %s, which another try would meet again',
    async (code) => {
      follow();
      subscriptions[0]!.send({ errors: [{ message: 'no', extensions: { code } }] });
      await vi.advanceTimersByTimeAsync(MAX_RETRY_DELAY_MS * 2);
      expect(subscriptions).toHaveLength(1);
    },
  );

  it('unsubscribing ends the subscription and any retry it was waiting for', async () => {
    const live = follow();
    subscriptions[0]!.send(unavailable);
    live.unsubscribe();
    await vi.advanceTimersByTimeAsync(MAX_RETRY_DELAY_MS * 2);
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]!.active).toBe(false);
  });

  it('restart subscribes again at once with the current variables, ending the old one', () => {
    const live = follow();
    subscriptions[0]!.send({ data: { ticks: 5 } });
    live.restart();
    expect(subscriptions.map((s) => [s.variables.afterSeq, s.active])).toEqual([
      [0, false],
      [5, true],
    ]);
  });
});

describe('retryDelayMs', () => {
  it('doubles from half a second, jittered within the upper half, up to the cap', () => {
    expect([0, 1, 2].map((retries) => retryDelayMs(retries, () => 1))).toEqual([500, 1000, 2000]);
    expect(retryDelayMs(0, () => 0)).toBe(250);
    expect(retryDelayMs(20, () => 1)).toBe(MAX_RETRY_DELAY_MS);
  });
});
