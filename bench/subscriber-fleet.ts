// A child process of the bench holding many WebSocket subscribers, as remote clients would be: their
// parsing must not share the event loop of the server they measure. Talks to the bench over IPC.
import { createClient } from 'graphql-ws';
import { Redis } from 'ioredis';
import WebSocket from 'ws';
import { parsePreciseIso, preciseNowMs as nowMs } from '../executor/src/runs/precise-time.js';

export type FleetCommand =
  | { kind: 'graphql'; wsUrl: string; authorization: string; query: string; runId: string; count: number }
  | { kind: 'raw'; url: string; count: number; messages: number }
  /** A raw listener on a run's Redis channel: when its events were published, until RunFinished. */
  | { kind: 'published'; redisUrl: string; channel: string };

export interface FleetReport {
  /** Events the first subscriber received. */
  events: number;
  /** Earliest executor emit time among the text deltas (graphql), ms since the epoch. */
  firstEmitted: number;
  /** When the last subscriber received its last message, ms since the epoch. */
  lastArrival: number;
}

export type FleetMessage =
  { type: 'ready' } | { type: 'report'; report: FleetReport } | { type: 'error'; message: string };

const reply = (message: FleetMessage) => process.send!(message);

async function graphqlFleet(command: Extract<FleetCommand, { kind: 'graphql' }>): Promise<FleetReport> {
  const clients = Array.from({ length: command.count }, () =>
    createClient({
      url: command.wsUrl,
      webSocketImpl: WebSocket,
      lazy: false,
      retryAttempts: 0,
      connectionParams: { authorization: command.authorization },
    }),
  );
  let firstEmitted = Number.POSITIVE_INFINITY;
  let lastArrival = 0;
  let events = 0;
  await Promise.all(
    clients.map(
      (client, index) =>
        new Promise<void>((resolve, reject) => {
          client.subscribe<{ runEvents: { __typename: string; at: string } }>(
            { query: command.query, variables: { runId: command.runId } },
            {
              next: (value) => {
                const arrivedAt = nowMs();
                const event = value.data?.runEvents;
                if (!event) return;
                if (event.__typename === 'AssistantTextDelta')
                  firstEmitted = Math.min(firstEmitted, parsePreciseIso(event.at));
                lastArrival = Math.max(lastArrival, arrivedAt);
                if (index === 0) events++;
              },
              error: reject,
              complete: resolve,
            },
          );
        }),
    ),
  );
  await Promise.all(clients.map(async (client) => client.dispose()));
  return { events, firstEmitted, lastArrival };
}

async function publishedWatch(command: Extract<FleetCommand, { kind: 'published' }>): Promise<FleetReport> {
  const listener = new Redis(command.redisUrl);
  let events = 0;
  let lastArrival = 0;
  let firstEmitted = Number.POSITIVE_INFINITY;
  await listener.subscribe(command.channel);
  const finished = new Promise<void>((resolve) =>
    listener.on('message', (_channel: string, message: string) => {
      lastArrival = nowMs();
      events++;
      const event = JSON.parse(message) as { type: string; at: string };
      if (event.type === 'AssistantTextDelta')
        firstEmitted = Math.min(firstEmitted, parsePreciseIso(event.at));
      if (event.type === 'RunFinished') resolve();
    }),
  );
  reply({ type: 'ready' });
  await finished;
  await listener.quit();
  return { events, firstEmitted, lastArrival };
}

async function rawFleet(command: Extract<FleetCommand, { kind: 'raw' }>): Promise<FleetReport> {
  let finished = 0;
  let lastArrival = 0;
  let done: () => void = () => {};
  const allDone = new Promise<void>((resolve) => (done = resolve));
  const sockets = await Promise.all(
    Array.from(
      { length: command.count },
      () =>
        new Promise<WebSocket>((resolve) => {
          const socket = new WebSocket(command.url);
          let received = 0;
          socket.on('message', (data: Buffer) => {
            data.toString();
            lastArrival = nowMs();
            if (++received === command.messages && ++finished === command.count) done();
          });
          socket.once('open', () => resolve(socket));
        }),
    ),
  );
  reply({ type: 'ready' });
  await allDone;
  for (const socket of sockets) socket.close();
  return { events: command.messages, firstEmitted: Number.NaN, lastArrival };
}

process.once('message', (command: FleetCommand) => {
  const work =
    command.kind === 'graphql'
      ? graphqlFleet(command)
      : command.kind === 'raw'
        ? rawFleet(command)
        : publishedWatch(command);
  work.then(
    (report) => {
      reply({ type: 'report', report });
      process.disconnect();
    },
    (error: unknown) => {
      reply({ type: 'error', message: error instanceof Error ? error.message : JSON.stringify(error) });
      process.disconnect();
    },
  );
});
