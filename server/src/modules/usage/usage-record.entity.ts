import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

/** The usage log (RN7): one row per settled run, kept even when sessions are deleted. */
export const UsageRecordSchema = defineEntity({
  name: 'UsageRecord',
  tableName: 'usage_record',
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    runId: p.uuid().unique(),
    sessionId: p.uuid(),
    userId: p.uuid().index(),
    appId: p.uuid(),
    provider: p.string(),
    model: p.string(),
    inputTokens: p.integer(),
    outputTokens: p.integer(),
    costUsd: p.double().nullable(),
    durationMs: p.integer().nullable(),
    status: p.string(),
    at: p.datetime(),
  }),
});

export type UsageRecord = InferEntity<typeof UsageRecordSchema>;
