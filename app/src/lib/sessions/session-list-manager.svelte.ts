import type { Client } from '@urql/core';
import type { FragmentType } from '#lib/gql';
import { serialRefresh } from '#lib/graphql/serial-refresh.ts';
import { SessionsDocument, type SessionListItemFragment } from './session-list.documents';

const PAGE_SIZE = 100;

/** The history sidebar: the viewer's sessions, most recently active first, filtered by a search. */
export class SessionListManager {
  #client: Client;
  items = $state<Array<{ id: string; ref: FragmentType<typeof SessionListItemFragment> }>>([]);
  search = $state('');
  loading = $state(false);
  hasMore = $state(false);
  error = $state<string | null>(null);

  constructor(client: Client) {
    this.#client = client;
  }

  /**
   * Loads the list for the current search. Each call is answered by a query sent after it (a
   * rename must not be shown the list read just before it), and an answer for a search that has
   * since changed is dropped.
   */
  readonly load = serialRefresh(async (superseded) => {
    this.loading = true;
    const search = this.search.trim();
    const result = await this.#client
      .query(
        SessionsDocument,
        { search: search === '' ? null : search, first: PAGE_SIZE },
        { requestPolicy: 'network-only' },
      )
      .toPromise();
    if (superseded()) return;
    this.loading = false;
    if (result.error || !result.data) {
      this.error = 'The session list could not be loaded.';
      return;
    }
    this.error = null;
    this.items = result.data.sessions.edges.map((edge) => ({ id: edge.node.id, ref: edge.node }));
    this.hasMore = result.data.sessions.pageInfo.hasNextPage;
  });

  setSearch(search: string): Promise<void> {
    this.search = search;
    return this.load();
  }

  /** Drops a deleted session without a round trip. */
  remove(id: string): void {
    this.items = this.items.filter((item) => item.id !== id);
  }
}
