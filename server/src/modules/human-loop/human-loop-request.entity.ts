import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { RunSchema } from '../runs/run.entity.js';
import { SessionSchema } from '../sessions/session.entity.js';
import { UserSchema } from '../users/user.entity.js';

export const HUMAN_LOOP_KINDS = ['QUESTION', 'PERMISSION'] as const;
export type HumanLoopKind = (typeof HUMAN_LOOP_KINDS)[number];

export const HUMAN_LOOP_STATUSES = ['PENDING', 'RESOLVED', 'CANCELED', 'EXPIRED'] as const;
export type HumanLoopStatus = (typeof HUMAN_LOOP_STATUSES)[number];

/** A question or permission request from the agent, waiting for a person (HL1). */
export const HumanLoopRequestSchema = defineEntity({
  name: 'HumanLoopRequest',
  tableName: 'human_loop_request',
  properties: (p) => ({
    /** Chosen by the executor, so the answer finds its way back to the waiting agent. */
    id: p.uuid().primary(),
    run: p.manyToOne(RunSchema).deleteRule('cascade').index(),
    session: p.manyToOne(SessionSchema).deleteRule('cascade').index(),
    kind: p.enum(HUMAN_LOOP_KINDS),
    prompt: p.text(),
    options: p.json<string[]>(),
    status: p.enum(HUMAN_LOOP_STATUSES).default('PENDING'),
    /** A hint shown to people; nothing happens automatically when it passes (HL3). */
    deadlineAt: p.datetime(),
    answer: p.text().nullable(),
    answeredBy: p.manyToOne(UserSchema).nullable().deleteRule('set null'),
    createdAt: p.datetime(),
    resolvedAt: p.datetime().nullable(),
  }),
});

export type HumanLoopRequest = InferEntity<typeof HumanLoopRequestSchema>;
