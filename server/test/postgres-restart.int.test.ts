import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { pause, until } from './support/eventually.js';
import { PostgresProcess } from './support/postgres-process.js';
import { expectRunThroughOutage } from './support/run-assertions.js';
import { RunStack } from './support/run-stack.js';

/** Longer than a run job's retries with backoff (1 + 2 + 4 s) would last. */
const OUTAGE_MS = 15_000;

describe('runs across a PostgreSQL restart (a durable server of its own, worker in its own process)', () => {
  const postgres = new PostgresProcess();
  const stack = new RunStack();
  const config = loadConfig({ ...process.env, PORT: '0' });

  beforeAll(async () => {
    await postgres.start(config);
    await stack.start((config) => ({ ...config, databaseUrl: postgres.url }));
  }, 180_000);

  afterAll(async () => {
    await stack.stop();
    await postgres.dispose();
  }, 60_000);

  async function usageRecords(runId: string): Promise<number> {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const result = await client.query<{ n: number }>(
        'SELECT count(*)::int AS n FROM usage_record WHERE run_id = $1',
        [Buffer.from(runId, 'base64').toString().split(':')[1]],
      );
      return result.rows[0]!.n;
    } finally {
      await client.end();
    }
  }

  for (const signal of ['SIGINT', 'SIGKILL'] as const) {
    it(`finishes a run that streamed while PostgreSQL was down (${signal}) for longer than a job's retries; every event once, in order, and the run settled`, async () => {
      // The agent goes on and ends while the database is away; its events wait in the executor.
      const runId = await expectRunThroughOutage(stack, 1000, async () => {
        await postgres.stop(signal);
        await pause(OUTAGE_MS);
        await postgres.start(config);
      });
      // Settled: its usage recorded once, the last step of settlement.
      await until(async () => (await usageRecords(runId)) > 0, 'the run to be settled');
      expect(await usageRecords(runId)).toBe(1);
    }, 120_000);
  }
});
