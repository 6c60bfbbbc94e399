import type { Client } from '@urql/core';
import type { FragmentType } from '#lib/gql';
import type { SessionPanelFragment } from './session-panel.documents';
import type { SnapshotListManager } from './snapshot-list-manager.svelte.ts';
import { RestoreSnapshotDocument, SyncSessionDocument } from './snapshot-list.documents';
import type { ActionResult } from './sessions.service.ts';

type SessionRef = FragmentType<typeof SessionPanelFragment>;

const unreachable = 'The server could not be reached. Try again in a moment.';

/** Syncing a session's workspace now and restoring it to a snapshot; the list is reloaded after each. */
export function createSnapshotsService({ client }: { client: Client }) {
  return {
    async sync(
      snapshots: SnapshotListManager,
    ): Promise<ActionResult<{ session: SessionRef; fileCount: number; totalBytes: number }>> {
      const result = await client
        .mutation(SyncSessionDocument, { input: { sessionId: snapshots.sessionId } })
        .toPromise();
      const payload = result.data?.syncSession;
      if (!payload) return { ok: false, message: unreachable };
      // A failed sync is recorded on the session: the list may not change, the panel's error does.
      if (payload.__typename !== 'SyncSessionPayload') return { ok: false, message: payload.message };
      void snapshots.load();
      const { fileCount, totalBytes } = payload.snapshot;
      return { ok: true, value: { session: payload.session, fileCount, totalBytes } };
    },

    async restore(
      snapshots: SnapshotListManager,
      snapshotId: string,
    ): Promise<ActionResult<{ session: SessionRef; createdAt: string }>> {
      const result = await client.mutation(RestoreSnapshotDocument, { input: { snapshotId } }).toPromise();
      const payload = result.data?.restoreSnapshot;
      if (!payload) return { ok: false, message: unreachable };
      if (payload.__typename !== 'RestoreSnapshotPayload') return { ok: false, message: payload.message };
      // The restore took a SAFETY snapshot first.
      void snapshots.load();
      return { ok: true, value: { session: payload.session, createdAt: payload.snapshot.createdAt } };
    },
  };
}

export type SnapshotsService = ReturnType<typeof createSnapshotsService>;
