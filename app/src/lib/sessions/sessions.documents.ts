import { graphql } from '#lib/gql';

export const CreateSessionDocument = graphql(`
  mutation CreateSession($input: CreateSessionInput!) {
    createSession(input: $input) {
      __typename
      ... on SessionPayload {
        session {
          id
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const RenameSessionDocument = graphql(`
  mutation RenameSession($input: RenameSessionInput!) {
    renameSession(input: $input) {
      __typename
      ... on SessionPayload {
        session {
          id
          title
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const DeleteSessionDocument = graphql(`
  mutation DeleteSession($input: SessionIdInput!) {
    deleteSession(input: $input) {
      __typename
      ... on DeleteSessionPayload {
        deletedSessionId
      }
      ... on Error {
        message
      }
    }
  }
`);
