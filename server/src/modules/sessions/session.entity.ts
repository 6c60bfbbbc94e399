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
    /** When the container last stopped; the remove sweep counts from here (LC3). */
    stoppedAt: p.datetime().nullable(),
    /** Time of the last successful sync. */
    lastSyncAt: p.datetime().nullable(),
    /** Why the last sync failed; null once a sync succeeds (LC4). */
    lastSyncError: p.text().nullable(),
    /** Failed syncs since the last successful one. */
    syncFailureCount: p.integer().default(0),
    /**
     * The snapshot a freshly created container must get back before anything runs in it (LC5);
     * set before the container is created, cleared once the restore succeeded.
     */
    pendingRestoreId: p.uuid().nullable(),
    /**
     * A freshly created container still needs its restore plan (WS5: seed files, snapshot, agent
     * data, fix-ups); set before the container is created, cleared once the plan completed.
     */
    restorePlanPending: p.boolean().default(false),
    /** The app's runtime version the current container was set up with; snapshots record it. */
    runtimeVersion: p.string().nullable(),
    /** A runtime version mismatch found by the last restore plan, for the next run to report. */
    runtimeWarning: p.text().nullable(),
  }),
});

export type Session = InferEntity<typeof SessionSchema>;
