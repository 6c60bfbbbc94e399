import { graphql } from '#lib/gql';

/** Whether an app's runs can start: the provider precheck (CLI, options, endpoint, key). */
export const AppPrecheckDocument = graphql(`
  query AppPrecheck($id: ID!) {
    node(id: $id) {
      id
      ... on App {
        precheck {
          ok
          checks {
            name
            ok
            detail
          }
        }
      }
    }
  }
`);
