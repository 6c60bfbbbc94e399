import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { BareRelay } from './bare-relay.js';
import type { FloorEmitterCommand } from './floor-emitter.js';
import type { FloorRelayCommand, FloorRelayMessage } from './floor-relay.js';

const EMITTER_ENTRY = fileURLToPath(new URL('./floor-emitter.ts', import.meta.url));
const RELAY_ENTRY = fileURLToPath(new URL('./floor-relay.ts', import.meta.url));

function child(entry: string): ChildProcess {
  return fork(entry, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

export interface FloorOptions {
  databaseUrl: string;
  redisUrl: string;
  ticks: number;
  pauseMs: number;
  messageBytes: number;
}

/**
 * The least a path built as DESIGN.md's can do: an emitter process (the executor's place) streams
 * lines to a relay process (the worker's) that commits each batch to Postgres, then publishes it on
 * Redis, where the bare relay's subscriber forwards it over a WebSocket. The same processes and
 * round trips as the platform's event path, with none of its own code. Returns the latencies, ms.
 */
export async function persistPublishFloorLatency(options: FloorOptions): Promise<number[]> {
  // A logged copy of the run log (columns, primary key), so that each commit writes and flushes
  // the WAL the platform's do; dropped afterwards.
  const table = `floor_event_${process.pid}_${Date.now()}`;
  const db = new pg.Client({ connectionString: options.databaseUrl });
  await db.connect();
  await db.query(`CREATE TABLE ${table} (LIKE run_event INCLUDING ALL)`);
  const subscriber = await BareRelay.start(options.redisUrl);
  const relay = child(RELAY_ENTRY);
  // In an object, so the arrival wait sees what the child's handlers set.
  const state: { failure: Error | null } = { failure: null };
  const send = async () => {
    const port = await new Promise<number>((resolve, reject) => {
      relay.on('message', (message: FloorRelayMessage) => {
        if (message.type === 'ready') return resolve(message.port);
        state.failure = new Error(`floor relay: ${message.message}`);
        reject(state.failure);
      });
      relay.once('exit', (code) => {
        state.failure ??= new Error(`floor relay exited with ${code}`);
        reject(state.failure);
      });
      relay.send({
        databaseUrl: options.databaseUrl,
        redisUrl: options.redisUrl,
        channel: subscriber.channel,
        table,
      } satisfies FloorRelayCommand);
    });
    const emitter = child(EMITTER_ENTRY);
    const emitted = new Promise<void>((resolve, reject) =>
      emitter.once('exit', (code) =>
        code === 0 ? resolve() : reject(new Error(`floor emitter exited with ${code}`)),
      ),
    );
    emitter.send({
      port,
      ticks: options.ticks,
      pauseMs: options.pauseMs,
      padding: 'x'.repeat(Math.max(0, options.messageBytes - 40)),
    } satisfies FloorEmitterCommand);
    await emitted;
  };
  try {
    return await subscriber.timeArrivals(options.ticks, send, () => state.failure);
  } finally {
    relay.removeAllListeners('exit');
    relay.kill();
    await subscriber.close();
    await db.query(`DROP TABLE ${table}`);
    await db.end();
  }
}
