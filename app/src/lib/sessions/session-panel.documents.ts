import { graphql } from '#lib/gql';
import type { RuntimeQuery } from '#lib/gql/graphql.ts';

/** The session's container, agent and workspace sync, for the session panel. */
export const SessionPanelFragment = graphql(`
  fragment SessionPanel_session on Session {
    id
    status
    createdAt
    lastActiveAt
    lastSyncAt
    lastSyncError
    syncFailureCount
    app {
      id
      name
      provider
      model
    }
  }
`);

/** How this deployment runs sessions. */
export type RuntimeInfo = RuntimeQuery['runtime'];

export const RuntimeDocument = graphql(`
  query Runtime {
    runtime {
      kind
      sandboxed
    }
  }
`);
