import type { Client } from '@urql/core';
import { untrack } from 'svelte';
import type { FragmentType } from '#lib/gql';
import { serialRefresh } from '#lib/graphql/serial-refresh.ts';
import { SessionSnapshotsDocument, type SnapshotListItemFragment } from './snapshot-list.documents';

const PAGE_SIZE = 20;
/** The API's largest page. */
const MAX_PAGE = 100;

export type SnapshotRef = { id: string } & FragmentType<typeof SnapshotListItemFragment>;

/** One session's snapshots, newest first, reloaded whenever the workspace may have been synced. */
export class SnapshotListManager {
  readonly sessionId: string;
  #client: Client;
  #generation = 0;
  #endCursor: string | null = null;
  #seenSync: string | null | undefined = undefined;

  items = $state<SnapshotRef[]>([]);
  loading = $state(false);
  loaded = $state(false);
  hasMore = $state(false);
  error = $state<string | null>(null);

  constructor(sessionId: string, client: Client) {
    this.sessionId = sessionId;
    this.#client = client;
  }

  /**
   * (Re)loads the newest snapshots, as many as are shown now. Each call is answered by a query sent
   * after it (a list reloaded after a sync must not be given one read before it), and an answer
   * overtaken by a newer load or page never overwrites it.
   */
  readonly load = serialRefresh(async (superseded) => {
    const first = Math.min(
      MAX_PAGE,
      Math.max(
        PAGE_SIZE,
        untrack(() => this.items.length),
      ),
    );
    const generation = ++this.#generation;
    this.loading = true;
    const result = await this.#client
      .query(SessionSnapshotsDocument, { id: this.sessionId, first }, { requestPolicy: 'network-only' })
      .toPromise();
    if (superseded() || generation !== this.#generation) return;
    this.loading = false;
    const connection = result.data?.session?.snapshots;
    if (result.error || !connection) {
      this.error = 'The snapshots could not be loaded.';
      return;
    }
    this.error = null;
    this.loaded = true;
    this.items = connection.edges.map((edge) => edge.node);
    this.hasMore = connection.pageInfo.hasNextPage;
    this.#endCursor = connection.pageInfo.endCursor ?? null;
  });

  /** Appends the next page of older snapshots. */
  async loadMore(): Promise<void> {
    if (!this.#endCursor) return;
    const generation = ++this.#generation;
    this.loading = true;
    const result = await this.#client
      .query(
        SessionSnapshotsDocument,
        { id: this.sessionId, first: PAGE_SIZE, after: this.#endCursor },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (generation !== this.#generation) return;
    this.loading = false;
    const connection = result.data?.session?.snapshots;
    if (result.error || !connection) {
      this.error = 'Older snapshots could not be loaded.';
      return;
    }
    this.error = null;
    const known = this.items.map((item) => item.id);
    this.items = [
      ...this.items,
      ...connection.edges.map((edge) => edge.node).filter((node) => !known.includes(node.id)),
    ];
    this.hasMore = connection.pageInfo.hasNextPage;
    this.#endCursor = connection.pageInfo.endCursor ?? null;
  }

  /**
   * Tells the list when the session last synced: every successful sync records a snapshot, so a
   * new time (or the first call) reloads the list.
   */
  syncedAt(lastSyncAt: string | null): void {
    if (this.#seenSync === lastSyncAt) return;
    this.#seenSync = lastSyncAt;
    void this.load();
  }
}
