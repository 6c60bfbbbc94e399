import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../src/config.js';
import { WS_TRY_AGAIN_LATER } from '../src/http/api-server.js';
import { pause, until } from './support/eventually.js';
import { wsClient } from './support/graphql-client.js';
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

  it('answers SERVICE_UNAVAILABLE while PostgreSQL is down, and serves again once it is back', async () => {
    const sessionsQuery = '{ sessions(first: 100) { edges { node { id } } } }';
    const sessionId = await stack.createSession('kept through the outage');
    await postgres.stop('SIGINT');
    try {
      const refused = await stack.query(sessionsQuery);
      expect(refused.errors?.[0]).toMatchObject({
        message: 'the database is unreachable for the moment; try again shortly',
        extensions: { code: 'SERVICE_UNAVAILABLE' },
      });
      // A WebSocket cannot be authenticated now: closed with a code graphql-ws clients retry.
      const socket = wsClient(stack.api.wsUrl, `Bearer ${stack.token}`);
      expect(await socket.closed).toBe(WS_TRY_AGAIN_LATER);
      await socket.client.dispose();
    } finally {
      await postgres.start(config);
    }
    const served = await stack.query(sessionsQuery);
    expect(served.errors).toBeUndefined();
    expect(served.data!.sessions.edges.map((edge: { node: { id: string } }) => edge.node.id)).toContain(
      sessionId,
    );
  }, 60_000);
});
