import { graphql } from '#lib/gql';

/** A question or permission request as the human-loop panel shows it. */
export const HumanLoopCardFragment = graphql(`
  fragment HumanLoopCard_request on HumanLoopRequest {
    id
    kind
    prompt
    options
    status
    deadlineAt
    answer
    answeredBy {
      id
      name
    }
    createdAt
    resolvedAt
  }
`);

export const AnswerHumanLoopDocument = graphql(`
  mutation AnswerHumanLoop($input: AnswerHumanLoopInput!) {
    answerHumanLoop(input: $input) {
      __typename
      ... on AnswerHumanLoopPayload {
        alreadyHandled
        request {
          id
          ...HumanLoopCard_request
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const HumanLoopRequestedDocument = graphql(`
  subscription HumanLoopRequested {
    humanLoopRequested {
      id
      prompt
    }
  }
`);
