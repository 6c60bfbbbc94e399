import { graphql } from '#lib/gql';

/** One row of the history sidebar. */
export const SessionListItemFragment = graphql(`
  fragment SessionListItem_session on Session {
    id
    title
    status
    lastActiveAt
    app {
      id
      name
    }
  }
`);

export const SessionsDocument = graphql(`
  query Sessions($search: String, $first: Int!) {
    sessions(search: $search, first: $first) {
      edges {
        node {
          id
          ...SessionListItem_session
        }
      }
      pageInfo {
        hasNextPage
      }
    }
  }
`);
