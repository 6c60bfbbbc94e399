import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { RunSchema } from './run.entity.js';

/**
 * The append-only log of a run: one row per event, numbered per run without gaps. Written in
 * batches by the run event store (plain SQL on the hot path); the entity gives it a migration.
 */
export const RunEventSchema = defineEntity({
  name: 'RunEvent',
  tableName: 'run_event',
  properties: (p) => ({
    run: p.manyToOne(RunSchema).primary().deleteRule('cascade'),
    seq: p.integer().primary(),
    /** The GraphQL type name of the event, e.g. AssistantTextDelta. */
    type: p.string(),
    payload: p.json<Record<string, unknown>>(),
    at: p.datetime(),
  }),
});

export type RunEventRow = InferEntity<typeof RunEventSchema>;
