import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { AppSchema } from '../apps/app.entity.js';
import { UserSchema } from '../users/user.entity.js';

/** Worker states of a session's container; transitions are compare-and-set on the old state. */
export const SESSION_STATUSES = [
  'ABSENT',
  'STARTING',
  'RUNNING',
  'IDLE_STOPPING',
  'STOPPED',
  'REMOVING',
  'REMOVED',
  'FAILED',
] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

/** One chat with an agent: its own container, workspace and history. */
export const SessionSchema = defineEntity({
  name: 'Session',
  tableName: 'session',
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    owner: p.manyToOne(UserSchema).deleteRule('cascade').index(),
    app: p.manyToOne(AppSchema).deleteRule('restrict'),
    title: p.string(),
    status: p.enum(SESSION_STATUSES).default('ABSENT'),
    createdAt: p.datetime().onCreate(() => new Date()),
    updatedAt: p.datetime().onCreate(() => new Date()),
    lastActiveAt: p.datetime().onCreate(() => new Date()),
    /** The agent's own session or thread id from the latest run, to resume its conversation (WS6). */
    agentSessionId: p.string().nullable(),
  }),
});

export type Session = InferEntity<typeof SessionSchema>;
