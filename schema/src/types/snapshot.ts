import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { NotFoundError, ValidationError } from '../../../server/src/errors.js';
import type { Session } from '../../../server/src/modules/sessions/session.entity.js';
import {
  SNAPSHOT_REASONS,
  SnapshotSchema,
  type Snapshot,
} from '../../../server/src/modules/snapshots/snapshot.entity.js';
import { SyncFailedError } from '../../../server/src/modules/snapshots/snapshot.errors.js';
import { decodeCreatedAtCursor, encodeKeysetCursor } from '../keyset-cursor.js';
import { builder } from '../builder.js';
import { isEntity } from '../entity-type.js';
import { decodeId } from '../global-id.js';
import { viewerOf } from '../viewer.js';
import { describedValues } from '../described-values.js';
import { ErrorInterface } from './errors.js';
import { RunRef } from './run.js';
import { SessionIdInput, SessionRef } from './session.js';

builder.objectType(SyncFailedError, {
  name: 'SyncFailedError',
  description:
    'The workspace could not be synced to storage (storage or container unreachable). Nothing was stopped, removed or restored; the sync is retried later.',
  interfaces: [ErrorInterface],
  isTypeOf: (value) => value instanceof SyncFailedError,
  fields: (t) => ({ reason: t.exposeString('reason', { description: 'The underlying failure.' }) }),
});

export const SnapshotReasonEnum = builder.enumType('SnapshotReason', {
  description: 'Why a snapshot was taken.',
  values: describedValues(SNAPSHOT_REASONS, {
    AFTER_RUN: 'After a run settled.',
    BEFORE_STOP: 'Before an idle container stopped.',
    BEFORE_REMOVE: 'Before a long-stopped container was removed.',
    MANUAL: 'On request (syncSession or the workbench).',
    SAFETY: 'Just before a restore replaced the workspace: restore it to undo that restore.',
  }),
});

export const SnapshotRef = builder.node(builder.objectRef<Snapshot>('Snapshot'), {
  description: "The session's workspace and agent data at one moment, kept in object storage (WS7).",
  id: { resolve: (snapshot) => snapshot.id },
  isTypeOf: isEntity(SnapshotSchema),
  loadOne: (id, context) => (context.viewer ? context.services.snapshots.find(context.viewer, id) : null),
  fields: (t) => ({
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When it was taken.' }),
    reason: t.field({
      type: SnapshotReasonEnum,
      description: 'Why it was taken.',
      resolve: (snapshot) => snapshot.reason,
    }),
    fileCount: t.exposeInt('fileCount', { description: 'Files in it, workspace and agent data together.' }),
    runtimeVersion: t.exposeString('runtimeVersion', {
      nullable: true,
      description:
        "The app runtime version the session's container was set up with when this was taken; a restore under another version is reported on the next run.",
    }),
    totalBytes: t.float({
      description: 'Size of all its files, in bytes.',
      resolve: (snapshot) => Number(snapshot.totalBytes),
    }),
    run: t.field({
      type: RunRef,
      nullable: true,
      description: 'The run it was taken after (AFTER_RUN), if any.',
      resolve: (snapshot, _args, context) =>
        snapshot.run ? context.services.runs.find(viewerOf(context), snapshot.run.id) : null,
    }),
  }),
});

builder.objectField(SessionRef, 'snapshots', (t) =>
  t.connection(
    {
      type: SnapshotRef,
      description: "The session's snapshots, newest first; restore any of them with restoreSnapshot.",
      resolve: (session, args, context) =>
        resolveCursorConnection(
          { args, toCursor: (snapshot: Snapshot) => encodeKeysetCursor(snapshot.createdAt, snapshot.id) },
          async (page: ResolveCursorConnectionArgs) => {
            if (page.before || page.inverted) {
              throw new ValidationError('snapshots page forwards only: use first and after', [
                { path: ['last'], message: 'not supported' },
              ]);
            }
            return context.services.snapshots.page(viewerOf(context), session.id, {
              after: page.after ? decodeCreatedAtCursor(page.after) : undefined,
              limit: page.limit,
            });
          },
        ),
    },
    { name: 'SnapshotConnection', description: 'A page of snapshots.' },
    { name: 'SnapshotEdge', description: 'A snapshot in a page, with its cursor.' },
  ),
);

const SyncSessionPayload = builder
  .objectRef<{ session: Session; snapshot: Snapshot }>('SyncSessionPayload')
  .implement({
    description: 'The snapshot a sync recorded, and the session after it.',
    fields: (t) => ({
      session: t.field({
        type: SessionRef,
        description: 'The session, with its new lastSyncAt.',
        resolve: (payload) => payload.session,
      }),
      snapshot: t.field({
        type: SnapshotRef,
        description: 'The snapshot recorded.',
        resolve: (payload) => payload.snapshot,
      }),
    }),
  });

builder.mutationField('syncSession', (t) =>
  t.field({
    type: SyncSessionPayload,
    description:
      "Snapshots the session's workspace and agent data now. A stopped session answers with its latest snapshot, which is current.",
    args: { input: t.arg({ type: SessionIdInput, required: true, description: 'The session.' }) },
    errors: {
      types: [ValidationError, NotFoundError, SyncFailedError],
      directResult: true,
      union: { name: 'SyncSessionResult', description: 'The snapshot, or why the sync failed.' },
    },
    resolve: async (_root, { input }, context) => {
      const viewer = viewerOf(context);
      const sessionId = decodeId('Session', String(input.sessionId), ['sessionId']);
      const snapshot = await context.services.snapshots.syncNow(viewer, sessionId);
      return { snapshot, session: await context.services.sessions.get(viewer, sessionId) };
    },
  }),
);

const RestoreSnapshotInput = builder.inputType('RestoreSnapshotInput', {
  description: 'Names the snapshot to restore.',
  fields: (t) => ({ snapshotId: t.id({ required: true, description: "The snapshot's global id." }) }),
});

const RestoreSnapshotPayload = builder
  .objectRef<{ session: Session; restored: Snapshot; safety: Snapshot }>('RestoreSnapshotPayload')
  .implement({
    description: 'The session after the restore.',
    fields: (t) => ({
      session: t.field({
        type: SessionRef,
        description: 'The session, running, with the restored workspace.',
        resolve: (payload) => payload.session,
      }),
      snapshot: t.field({
        type: SnapshotRef,
        description: 'The snapshot the workspace now matches.',
        resolve: (payload) => payload.restored,
      }),
      safetySnapshot: t.field({
        type: SnapshotRef,
        description: 'The workspace as it was just before the restore: restore it to undo.',
        resolve: (payload) => payload.safety,
      }),
    }),
  });

builder.mutationField('restoreSnapshot', (t) =>
  t.field({
    type: RestoreSnapshotPayload,
    description:
      "Puts the session's workspace and agent data back to a snapshot, after taking a SAFETY snapshot of how they are now. Refused while a run is queued or active.",
    args: { input: t.arg({ type: RestoreSnapshotInput, required: true, description: 'The snapshot.' }) },
    errors: {
      types: [ValidationError, NotFoundError, SyncFailedError],
      directResult: true,
      union: {
        name: 'RestoreSnapshotResult',
        description: 'The restored session, or why nothing was restored.',
      },
    },
    resolve: (_root, { input }, context) => {
      const viewer = viewerOf(context);
      const snapshotId = decodeId('Snapshot', String(input.snapshotId), ['snapshotId']);
      return context.services.snapshots.restoreFor(viewer, snapshotId, (session) =>
        context.services.lifecycle.activate(viewer, session.id),
      );
    },
  }),
);
