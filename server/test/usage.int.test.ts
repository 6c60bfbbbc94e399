import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { initOrm, type Orm } from '../src/db/orm.js';
import { UsageRepository } from '../src/modules/usage/usage.repository.js';
import { testConfig } from './support/test-stack.js';

describe('the usage log', () => {
  let orm: Orm;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const test = await testConfig();
    drop = test.drop;
    orm = await initOrm(test.config.databaseUrl);
  });

  afterAll(async () => {
    await orm.close();
    await drop();
  });

  it('records a run once: a second settlement of it changes nothing', async () => {
    const usage = new UsageRepository(orm);
    const entry = {
      runId: randomUUID(),
      sessionId: randomUUID(),
      userId: randomUUID(),
      appId: randomUUID(),
      provider: 'SCRIPTED',
      model: 'scripted',
      inputTokens: 10,
      outputTokens: 20,
      costUsd: null,
      durationMs: 1500,
      status: 'SUCCEEDED',
      at: new Date(),
    };
    expect(await usage.has(entry.runId)).toBe(false);
    await usage.record(entry);
    await usage.record({ ...entry, inputTokens: 99 });
    expect(await usage.has(entry.runId)).toBe(true);
    const rows = await orm.em
      .fork()
      .getConnection()
      .execute('SELECT input_tokens FROM usage_record WHERE run_id = ?', [entry.runId]);
    expect(rows).toEqual([{ input_tokens: 10 }]);
  });
});
