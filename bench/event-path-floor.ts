import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { BareRelay } from './bare-relay.js';
import type { FloorEmitterCommand, FloorEmitterMessage } from './floor-emitter.js';
import type { FloorOrder, FloorRelayCommand, FloorRelayMessage } from './floor-relay.js';

const EMITTER_ENTRY = fileURLToPath(new URL('./floor-emitter.ts', import.meta.url));
const RELAY_ENTRY = fileURLToPath(new URL('./floor-relay.ts', import.meta.url));

function child(entry: string): ChildProcess {
  return fork(entry, [], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
}

export interface FloorOptions {
  databaseUrl: string;
  redisUrl: string;
  pauseMs: number;
  messageBytes: number;
  /** DESIGN.md's order, or its alternative: publish each event on arrival and commit alongside. */
  order: FloorOrder;
}

/**
 * The least an event path across the platform's processes can do: an emitter process (the
 * executor's place) streams lines to a relay process (the worker's) that commits them to Postgres
 * in batches and publishes them on Redis, where the bare relay's subscriber forwards them over a
 * WebSocket. The same processes and round trips as the platform's event path, with none of its own
 * code. With `persist-then-publish` (DESIGN.md) a batch is published once committed; with
 * `publish-then-persist` each line is published as it arrives, which no subscriber can trust to
 * survive a crash, to show what that order would gain. The processes stay up between rounds, as
 * the platform's do between runs.
 */
export class EventPathFloor {
  /** Set by the children's handlers; the arrival wait asks for it. */
  private failure: Error | null = null;
  /** The round being emitted: settled when the emitter reports it done, or dies. */
  private round: { done: () => void; failed: (error: Error) => void } | null = null;

  private constructor(
    private readonly db: pg.Client,
    private readonly table: string,
    private readonly subscriber: BareRelay,
    private readonly relay: ChildProcess,
    private readonly emitter: ChildProcess,
  ) {}

  static async start(options: FloorOptions): Promise<EventPathFloor> {
    // A logged copy of the run log (columns, primary key), so that each commit writes and flushes
    // the WAL the platform's do; dropped on close.
    const table = `floor_event_${process.pid}_${Date.now()}_${Math.random().toString(36).slice(2, 8)}`;
    const db = new pg.Client({ connectionString: options.databaseUrl });
    await db.connect();
    await db.query(`CREATE TABLE ${table} (LIKE run_event INCLUDING ALL)`);
    const subscriber = await BareRelay.start(options.redisUrl);
    const floor = new EventPathFloor(db, table, subscriber, child(RELAY_ENTRY), child(EMITTER_ENTRY));
    try {
      const port = await floor.startRelay(options);
      await floor.connectEmitter(port, options);
    } catch (error) {
      await floor.close();
      throw error;
    }
    return floor;
  }

  /** Latencies (ms) of `ticks` messages, from the emitter's stamp to their arrival over the WebSocket. */
  async time(ticks: number): Promise<number[]> {
    return this.subscriber.timeArrivals(
      ticks,
      () =>
        new Promise<void>((done, failed) => {
          this.round = { done, failed };
          this.emitter.send({ type: 'emit', ticks } satisfies FloorEmitterCommand);
        }),
      () => this.failure,
    );
  }

  async close(): Promise<void> {
    for (const worker of [this.relay, this.emitter]) {
      worker.removeAllListeners('exit');
      worker.kill();
    }
    await this.subscriber.close();
    await this.db.query(`DROP TABLE ${this.table}`);
    await this.db.end();
  }

  private startRelay(options: FloorOptions): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      this.relay.on('message', (message: FloorRelayMessage) => {
        if (message.type === 'ready') return resolve(message.port);
        this.failure = new Error(`floor relay: ${message.message}`);
        reject(this.failure);
      });
      this.relay.once('exit', (code) => {
        this.failure ??= new Error(`floor relay exited with ${code}`);
        reject(this.failure);
      });
      this.relay.send({
        databaseUrl: options.databaseUrl,
        redisUrl: options.redisUrl,
        channel: this.subscriber.channel,
        table: this.table,
        order: options.order,
      } satisfies FloorRelayCommand);
    });
  }

  private connectEmitter(port: number, options: FloorOptions): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.emitter.on('message', (message: FloorEmitterMessage) => {
        if (message.type === 'connected') resolve();
        else this.round?.done();
      });
      this.emitter.once('exit', (code) => {
        this.failure ??= new Error(`floor emitter exited with ${code}`);
        reject(this.failure);
        // An emitter that dies mid-round never reports it done: the round fails instead of waiting.
        this.round?.failed(this.failure);
      });
      this.emitter.send({
        type: 'connect',
        port,
        pauseMs: options.pauseMs,
        padding: 'x'.repeat(Math.max(0, options.messageBytes - 40)),
      } satisfies FloorEmitterCommand);
    });
  }
}
