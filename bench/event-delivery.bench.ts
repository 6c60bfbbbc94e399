import type { Client } from 'graphql-ws';
import { parsePreciseIso, preciseNowMs as nowMs } from '../executor/src/runs/precise-time.js';
import { Redis } from 'ioredis';
import { RunStack } from '../server/test/support/run-stack.js';
import { BareRelay } from './bare-relay.js';
import { startFleet } from './fleet.js';
import { EventPathFloor, type FloorOptions } from './event-path-floor.js';
import { percentile, result, type BenchResult } from './stats.js';

const LATENCY_TICKS = 250; // the script holds at most 500 steps: a tick is a text and a pause
const LATENCY_PAUSE_MS = 4;
// 1,000 samples per path: the p99 is then the tenth-slowest, not one or two stray delays.
const LATENCY_ROUNDS = 4;
const WARM_UP_ROUNDS = 2;
const THROUGHPUT_WORDS = 45_000; // 15,000 text deltas of three words
const SUBSCRIBERS = 100;
const MESSAGE_BYTES = 220; // about the size of one AssistantTextDelta `next` message

const SUBSCRIPTION = `subscription ($runId: ID!) { runEvents(runId: $runId) {
  __typename seq at ... on AssistantTextDelta { text } ... on RunFinished { status } } }`;

interface Delivered {
  __typename: string;
  seq: number;
  at: string;
}

/** Subscribes a graphql-ws client to a run; calls back per event with its arrival time. */
function follow(
  client: Client,
  runId: string,
  onEvent: (event: Delivered, arrivedAt: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    client.subscribe<{ runEvents: Delivered }>(
      { query: SUBSCRIPTION, variables: { runId } },
      {
        next: (value) => {
          const arrivedAt = nowMs();
          if (value.data) onEvent(value.data.runEvents, arrivedAt);
        },
        error: reject,
        complete: resolve,
      },
    );
  });
}

/** One run of LATENCY_TICKS text deltas, LATENCY_PAUSE_MS apart. */
async function platformLatency(stack: RunStack, sessionId: string): Promise<number[]> {
  const samples: number[] = [];
  const script = Array.from({ length: LATENCY_TICKS }, (_, i) => [
    { text: `tick${i}` },
    { sleep: LATENCY_PAUSE_MS },
  ]).flat();
  const runId = await stack.sendScript(sessionId, script);
  await follow(stack.ws, runId, (event, arrivedAt) => {
    if (event.__typename === 'AssistantTextDelta') samples.push(arrivedAt - parsePreciseIso(event.at));
  });
  return samples;
}

/** LATENCY_TICKS messages through the bare relay, paced as the platform's run. */
function baselineLatency(relay: BareRelay, messageBytes: number): Promise<number[]> {
  const padding = 'x'.repeat(Math.max(0, messageBytes - 40));
  return relay.timeArrivals(LATENCY_TICKS, async () => {
    for (let i = 0; i < LATENCY_TICKS; i++) {
      await relay.publish(JSON.stringify({ t: nowMs(), padding }));
      await new Promise((resolve) => setTimeout(resolve, LATENCY_PAUSE_MS));
    }
  });
}

interface Throughput {
  events: number;
  /** Events committed to Postgres and published on Redis per second, while the subscribers watch. */
  persistedPerSecond: number;
  /** Events per second that every one of the subscribers received. */
  deliveredPerSecond: number;
}

async function platformThroughput(stack: RunStack, sessionId: string): Promise<Throughput> {
  // The run waits before its first text so that the fleet's subscribers, in their own process,
  // are attached when the events start.
  const runId = await stack.sendScript(sessionId, [{ sleep: 2000 }, { text: 'w '.repeat(THROUGHPUT_WORDS) }]);
  // Events reach Redis only after their batch is committed: a raw listener sees the persisted
  // stream. It has a process of its own: in this one, busy with the API's fan-out, it would see
  // each message late.
  const published = startFleet({
    kind: 'published',
    redisUrl: stack.config.redis.url,
    channel: `${stack.config.redis.prefix}:run:${decodeRunId(runId)}`,
  });
  await published.ready;
  const fleet = startFleet({
    kind: 'graphql',
    wsUrl: stack.api.wsUrl,
    authorization: `Bearer ${stack.token}`,
    query: SUBSCRIPTION,
    runId,
    count: SUBSCRIBERS,
  });
  const { events, firstEmitted, lastArrival } = await fleet.report;
  const persisted = await published.report;
  return {
    events,
    persistedPerSecond: persisted.events / ((persisted.lastArrival - persisted.firstEmitted) / 1000),
    deliveredPerSecond: events / ((lastArrival - firstEmitted) / 1000),
  };
}

function decodeRunId(globalId: string): string {
  return Buffer.from(globalId, 'base64').toString().split(':')[1]!;
}

/** The least publishing can cost: the same number of messages published on Redis, pipelined. */
async function baselinePublish(redisUrl: string, events: number, messageBytes: number): Promise<number> {
  const publisher = new Redis(redisUrl);
  const message = JSON.stringify({ padding: 'x'.repeat(messageBytes) });
  const started = nowMs();
  await Promise.all(
    Array.from({ length: events }, () => publisher.publish(`bench:publish:${process.pid}`, message)),
  );
  const perSecond = events / ((nowMs() - started) / 1000);
  await publisher.quit();
  return perSecond;
}

async function baselineFanOut(redisUrl: string, events: number, messageBytes: number): Promise<number> {
  const relay = await BareRelay.start(redisUrl);
  const fleet = startFleet({ kind: 'raw', url: relay.url, count: SUBSCRIBERS, messages: events });
  await fleet.ready;
  const message = JSON.stringify({ padding: 'x'.repeat(messageBytes) });
  const started = nowMs();
  for (let i = 0; i < events; i++) void relay.publish(message);
  const { lastArrival } = await fleet.report;
  await relay.close();
  return events / ((lastArrival - started) / 1000);
}

/** RN6 delivery: latency from executor emit to a graphql-ws subscriber, and sustained fan-out. */
export async function eventDeliveryBench(): Promise<BenchResult[]> {
  const stack = await new RunStack().start();
  try {
    const sessionId = await stack.createSession('bench');
    // Warm-up: the session's container starts, and every path runs unmeasured rounds first, so
    // that what is timed is the steady state (code optimised, start-up garbage collected).
    await follow(stack.ws, await stack.sendScript(sessionId, [{ text: 'warm up' }]), () => undefined);
    const latency: number[] = [];
    const baseline: number[] = [];
    const floor: number[] = [];
    const publishFirstFloor: number[] = [];
    const relay = await BareRelay.start(stack.config.redis.url);
    const floorOptions: Omit<FloorOptions, 'order'> = {
      databaseUrl: stack.config.databaseUrl,
      redisUrl: stack.config.redis.url,
      pauseMs: LATENCY_PAUSE_MS,
      messageBytes: MESSAGE_BYTES,
    };
    const persistPublish = await EventPathFloor.start({ ...floorOptions, order: 'persist-then-publish' });
    const publishPersist = await EventPathFloor.start({ ...floorOptions, order: 'publish-then-persist' });
    try {
      // The paths take turns, a round of each at a time, so that a passing disturbance (a stalled
      // WAL flush, a busy core) falls on all of them alike instead of on whichever was measured then.
      for (let round = -WARM_UP_ROUNDS; round < LATENCY_ROUNDS; round++) {
        const platformSamples = await platformLatency(stack, sessionId);
        const baselineSamples = await baselineLatency(relay, MESSAGE_BYTES);
        const floorSamples = await persistPublish.time(LATENCY_TICKS);
        const publishFirstSamples = await publishPersist.time(LATENCY_TICKS);
        if (round < 0) continue;
        latency.push(...platformSamples);
        baseline.push(...baselineSamples);
        floor.push(...floorSamples);
        publishFirstFloor.push(...publishFirstSamples);
      }
    } finally {
      await publishPersist.close();
      await persistPublish.close();
      await relay.close();
    }
    console.log(
      `  latency samples, in ${LATENCY_ROUNDS} interleaved rounds: platform ${latency.length}, ` +
        `baseline ${baseline.length}, persist-then-publish floor ${floor.length}, ` +
        `publish-then-persist floor ${publishFirstFloor.length}`,
    );
    const throughput = await platformThroughput(stack, sessionId);
    console.log(`  platform throughput: ${throughput.events} events`);
    const publishRate = await baselinePublish(stack.config.redis.url, throughput.events, MESSAGE_BYTES);
    const fanOutRate = await baselineFanOut(stack.config.redis.url, throughput.events, MESSAGE_BYTES);

    return [
      // The target is on p99; p50 is shown for the shape of the distribution.
      result(
        'event delivery latency p50',
        'ms, executor emit → graphql-ws subscriber (baseline: bare Redis → WebSocket relay)',
        percentile(latency, 50),
        percentile(baseline, 50),
        null,
      ),
      result(
        'event delivery latency p99',
        'ms, executor emit → graphql-ws subscriber (baseline: bare Redis → WebSocket relay)',
        percentile(latency, 99),
        percentile(baseline, 99),
        { kind: 'ratio-at-most', limit: 2 },
      ),
      // Where the design's own path starts: persist, then publish, across the same processes.
      result(
        'persist-then-publish floor latency p50',
        'ms, emitter → relay → Postgres commit → Redis → WebSocket (baseline: bare relay)',
        percentile(floor, 50),
        percentile(baseline, 50),
        null,
      ),
      result(
        'persist-then-publish floor latency p99',
        'ms, emitter → relay → Postgres commit → Redis → WebSocket (baseline: bare relay)',
        percentile(floor, 99),
        percentile(baseline, 99),
        null,
      ),
      // The other order, which DESIGN.md rules out (a subscriber could see an event a crash loses):
      // what publishing before the commit would gain, across the same processes.
      result(
        'publish-then-persist floor latency p50',
        'ms, emitter → relay → Redis → WebSocket, commit alongside (baseline: bare relay)',
        percentile(publishFirstFloor, 50),
        percentile(baseline, 50),
        null,
      ),
      result(
        'publish-then-persist floor latency p99',
        'ms, emitter → relay → Redis → WebSocket, commit alongside (baseline: bare relay)',
        percentile(publishFirstFloor, 99),
        percentile(baseline, 99),
        null,
      ),
      result(
        'event delivery latency p99 against the floor',
        'ms, executor emit → graphql-ws subscriber (baseline: the persist-then-publish floor)',
        percentile(latency, 99),
        percentile(floor, 99),
        null,
      ),
      result(
        `sustained events/s persisted and published, ${SUBSCRIBERS} subscribers attached`,
        `events/s (${throughput.events} events; baseline: the same messages published on Redis)`,
        throughput.persistedPerSecond,
        publishRate,
        { kind: 'value-at-least', limit: 5000 },
      ),
      result(
        `events/s delivered to each of ${SUBSCRIBERS} graphql-ws subscribers`,
        'events/s every subscriber received (baseline: bare Redis → WebSocket relay)',
        throughput.deliveredPerSecond,
        fanOutRate,
        null,
      ),
    ];
  } finally {
    await stack.stop();
  }
}
