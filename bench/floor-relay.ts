// The worker's stand-in for the event path's floor: reads the emitter's lines and commits each batch
// with one INSERT (autocommit). Persist-then-publish publishes the batch on Redis in one pipeline
// once committed, as the platform's event store does; publish-then-persist publishes each line as
// it arrives. Everything else a run needs (folding, run state, retries) is left out.
import { randomUUID } from 'node:crypto';
import { createServer } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import { createLineSplitter } from '../scripts/lib/line-splitter.mjs';

export type FloorOrder = 'persist-then-publish' | 'publish-then-persist';

export interface FloorRelayCommand {
  databaseUrl: string;
  redisUrl: string;
  channel: string;
  /** A logged table shaped as `run_event`, made for this run of the floor. */
  table: string;
  order: FloorOrder;
}

export type FloorRelayMessage = { type: 'ready'; port: number } | { type: 'error'; message: string };

const reply = (message: FloorRelayMessage) => process.send!(message);

async function start(command: FloorRelayCommand): Promise<void> {
  const db = new pg.Client({ connectionString: command.databaseUrl });
  await db.connect();
  const runId = randomUUID();
  const redis = new Redis(command.redisUrl);
  const publishFirst = command.order === 'publish-then-persist';
  const pending: string[] = [];
  let draining = false;

  // Group commit, as the platform's pipe: lines that arrive during a commit form the next batch.
  const drain = async () => {
    if (draining) return;
    draining = true;
    while (pending.length) {
      const lines = pending.splice(0);
      const events = lines.map((line) => JSON.parse(line) as { seq: number });
      await db.query({
        name: 'floor-append',
        text: `INSERT INTO ${command.table} (run_id, seq, type, payload, at)
          SELECT $1, * FROM unnest($2::int[], $3::text[], $4::jsonb[], $5::timestamptz[])`,
        values: [
          runId,
          events.map((e) => e.seq),
          events.map(() => 'AssistantTextDelta'),
          lines,
          events.map(() => new Date().toISOString()),
        ],
      });
      if (publishFirst) continue;
      const pipeline = redis.pipeline();
      for (const line of lines) pipeline.publish(command.channel, line);
      await pipeline.exec();
    }
    draining = false;
  };

  const server = createServer((socket) => {
    const lines = createLineSplitter((line) => {
      if (publishFirst) {
        redis
          .publish(command.channel, line)
          .catch((error: unknown) => reply({ type: 'error', message: String(error) }));
      }
      pending.push(line);
    });
    socket.setEncoding('utf8');
    socket.on('data', (chunk: string) => {
      lines.push(chunk);
      drain().catch((error: unknown) => reply({ type: 'error', message: String(error) }));
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const address = server.address();
    reply({ type: 'ready', port: typeof address === 'object' && address ? address.port : 0 });
  });
}

process.once('message', (command: FloorRelayCommand) => {
  start(command).catch((error: unknown) => reply({ type: 'error', message: String(error) }));
});
