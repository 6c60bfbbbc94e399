import { graphql } from '#lib/gql';

/** One row of the session panel's snapshot list. */
export const SnapshotListItemFragment = graphql(`
  fragment SnapshotListItem_snapshot on Snapshot {
    id
    createdAt
    reason
    fileCount
    totalBytes
    run {
      id
      prompt
      createdAt
    }
  }
`);

export const SessionSnapshotsDocument = graphql(`
  query SessionSnapshots($id: ID!, $first: Int!, $after: String) {
    session(id: $id) {
      id
      snapshots(first: $first, after: $after) {
        edges {
          node {
            id
            ...SnapshotListItem_snapshot
          }
        }
        pageInfo {
          hasNextPage
          endCursor
        }
      }
    }
  }
`);

export const SyncSessionDocument = graphql(`
  mutation SyncSession($input: SessionIdInput!) {
    syncSession(input: $input) {
      __typename
      ... on SyncSessionPayload {
        session {
          id
          ...SessionPanel_session
        }
        snapshot {
          id
          fileCount
          totalBytes
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const RestoreSnapshotDocument = graphql(`
  mutation RestoreSnapshot($input: RestoreSnapshotInput!) {
    restoreSnapshot(input: $input) {
      __typename
      ... on RestoreSnapshotPayload {
        session {
          id
          ...SessionPanel_session
        }
        snapshot {
          id
          createdAt
        }
        safetySnapshot {
          id
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
