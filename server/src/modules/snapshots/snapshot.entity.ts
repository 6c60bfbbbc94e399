import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import type { SyncFileEntry } from '../../../../executor/src/protocol.js';
import { RunSchema } from '../runs/run.entity.js';
import { SessionSchema } from '../sessions/session.entity.js';

/**
 * The hashes of a snapshot's manifest as a jsonb array, in SQL. Queries asking whether a blob is
 * referenced must use exactly this expression to hit its index.
 */
export const MANIFEST_BLOBS = `jsonb_path_query_array("manifest", '$[*].sha256')`;

/** Why a snapshot was taken (WS3, WS7). */
export const SNAPSHOT_REASONS = ['AFTER_RUN', 'BEFORE_STOP', 'BEFORE_REMOVE', 'MANUAL', 'SAFETY'] as const;
export type SnapshotReason = (typeof SNAPSHOT_REASONS)[number];

/** The state of a session's workspace and agent data at one moment: a manifest of content-addressed blobs. */
export const SnapshotSchema = defineEntity({
  name: 'Snapshot',
  tableName: 'snapshot',
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    session: p.manyToOne(SessionSchema).deleteRule('cascade'),
    /** The run this snapshot follows (AFTER_RUN) or precedes; null for the others. */
    run: p.manyToOne(RunSchema).nullable().deleteRule('set null'),
    reason: p.enum(SNAPSHOT_REASONS),
    fileCount: p.integer(),
    totalBytes: p.bigint('number'),
    /** Every file: logical path, sha256, size, mode, mtime. Lazy: lists of snapshots never load it. */
    manifest: p.json<SyncFileEntry[]>().lazy(),
    /** The app runtime version the session's container was set up with when this was taken (WS5). */
    runtimeVersion: p.string().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
  indexes: [
    { properties: ['session', 'createdAt'] },
    // Which snapshots reference a blob, for garbage collection: one GIN entry per file's hash.
    {
      name: 'snapshot_manifest_blobs_index',
      expression: `create index "snapshot_manifest_blobs_index" on "snapshot" using gin (${MANIFEST_BLOBS} jsonb_path_ops)`,
    },
  ],
});

export type Snapshot = InferEntity<typeof SnapshotSchema>;
