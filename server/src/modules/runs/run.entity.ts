import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { SessionSchema } from '../sessions/session.entity.js';
import type { RunOptions } from './run-options.js';

export const RUN_STATUSES = [
  'QUEUED',
  'STARTING',
  'RUNNING',
  'WAITING_FOR_HUMAN',
  'SUCCEEDED',
  'FAILED',
  'CANCELED',
  'BLOCKED',
] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];

export const FINAL_RUN_STATUSES: readonly RunStatus[] = ['SUCCEEDED', 'FAILED', 'CANCELED', 'BLOCKED'];
export const isFinalRunStatus = (status: RunStatus) => FINAL_RUN_STATUSES.includes(status);

/** One message to the agent and everything the agent did in answer. */
export const RunSchema = defineEntity({
  name: 'Run',
  tableName: 'run',
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    session: p.manyToOne(SessionSchema).deleteRule('cascade'),
    prompt: p.text(),
    status: p.enum(RUN_STATUSES).default('QUEUED'),
    /** Executor runs started for this run; more than one means infrastructure retries. */
    attempts: p.integer().default(0),
    /** The client's key for `sendMessage`, so a retried request returns the same run. */
    clientMutationId: p.string().nullable(),
    /** The run's own settings over the app's (model, permission mode, ...); null: the app's. */
    options: p.json<RunOptions>().nullable(),
    errorClass: p.string().nullable(),
    errorMessage: p.text().nullable(),
    errorSuggestion: p.text().nullable(),
    inputTokens: p.integer().default(0),
    outputTokens: p.integer().default(0),
    costUsd: p.double().nullable(),
    /** The assistant's text so far, folded from the text deltas. */
    output: p.text().default(''),
    /** Highest seq of this run's events. */
    lastSeq: p.integer().default(0),
    /** Highest executor seq persisted in the current attempt, where a reattaching worker resumes. */
    executorSeq: p.integer().default(0),
    cancelRequestedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
    startedAt: p.datetime().nullable(),
    finishedAt: p.datetime().nullable(),
  }),
  uniques: [{ properties: ['session', 'clientMutationId'] }],
  indexes: [{ properties: ['session', 'createdAt'] }],
});

export type Run = InferEntity<typeof RunSchema>;
