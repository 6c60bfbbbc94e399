import { graphql } from '#lib/gql';

/** Everything the workbench keeps about the signed-in user; each component spreads its own fragment. */
export const AuthViewerFragment = graphql(`
  fragment AuthViewer_user on User {
    id
    role
    ...ViewerBadge_user
    ...ViewerProfile_user
  }
`);

export const LoginDocument = graphql(`
  mutation Login($input: LoginInput!) {
    login(input: $input) {
      __typename
      ... on LoginPayload {
        token
        expiresAt
        user {
          ...AuthViewer_user
        }
      }
      ... on InvalidCredentialsError {
        message
      }
      ... on ValidationError {
        message
        fieldErrors {
          path
          message
        }
      }
    }
  }
`);

export const LogoutDocument = graphql(`
  mutation Logout {
    logout {
      ok
    }
  }
`);

export const ViewerDocument = graphql(`
  query Viewer {
    viewer {
      ...AuthViewer_user
    }
  }
`);
