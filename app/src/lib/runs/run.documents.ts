import { graphql } from '#lib/gql';

/** Every kind of run event, with what the chat needs to rebuild the run from its log. */
export const RunEventFragment = graphql(`
  fragment RunEvent_event on RunEvent {
    __typename
    seq
    at
    ... on RunStatusChanged {
      status
    }
    ... on AssistantTextDelta {
      text
    }
    ... on ReasoningDelta {
      text
    }
    ... on ToolCallStarted {
      toolCallId
      name
      input
    }
    ... on ToolCallFinished {
      toolCallId
      output
      isError
    }
    ... on TodoListUpdated {
      todos {
        id
        ...TodosPanel_todo
      }
    }
    ... on HumanLoopRequested {
      request {
        id
        ...HumanLoopCard_request
      }
    }
    ... on HumanLoopResolved {
      request {
        id
        ...HumanLoopCard_request
      }
    }
    ... on RunWarning {
      message
    }
    ... on RunUsageReported {
      usage {
        inputTokens
        outputTokens
        costUsd
      }
    }
    ... on RunFinished {
      status
      error {
        class
        message
        suggestion
      }
    }
  }
`);

/** A run's summary; the chat rebuilds the rest from its events. */
export const RunSummaryFragment = graphql(`
  fragment RunSummary_run on Run {
    id
    prompt
    status
    attempts
    createdAt
    startedAt
    finishedAt
    durationMs
    lastSeq
    error {
      class
      message
      suggestion
    }
    usage {
      inputTokens
      outputTokens
      costUsd
    }
  }
`);

/** One page of a session's runs, newest first, each with its events to rebuild it from. */
export const ChatRunsFragment = graphql(`
  fragment ChatRuns_session on Session {
    runs(first: $runs, after: $after) {
      pageInfo {
        hasNextPage
        endCursor
      }
      edges {
        node {
          ...RunSummary_run
          events {
            ...RunEvent_event
          }
        }
      }
    }
  }
`);

export const SessionChatDocument = graphql(`
  query SessionChat($id: ID!, $runs: Int!, $after: String) {
    session(id: $id) {
      id
      title
      status
      ...SessionPanel_session
      todos {
        id
        ...TodosPanel_todo
      }
      humanLoopRequests {
        id
        ...HumanLoopCard_request
      }
      ...ChatRuns_session
    }
  }
`);

/** The page of runs before the oldest one a chat shows. */
export const SessionEarlierRunsDocument = graphql(`
  query SessionEarlierRuns($id: ID!, $runs: Int!, $after: String) {
    session(id: $id) {
      id
      ...ChatRuns_session
    }
  }
`);

export const RunSummaryDocument = graphql(`
  query RunSummary($id: ID!) {
    run(id: $id) {
      ...RunSummary_run
      humanLoopRequests {
        id
        ...HumanLoopCard_request
      }
    }
  }
`);

export const RunEventsDocument = graphql(`
  subscription RunEvents($runId: ID!, $afterSeq: Int) {
    runEvents(runId: $runId, afterSeq: $afterSeq) {
      ...RunEvent_event
    }
  }
`);

export const SessionUpdatedDocument = graphql(`
  subscription SessionUpdated($sessionId: ID!) {
    sessionUpdated(sessionId: $sessionId) {
      id
      title
      status
      ...SessionPanel_session
    }
  }
`);

export const SendMessageDocument = graphql(`
  mutation SendMessage($input: SendMessageInput!) {
    sendMessage(input: $input) {
      __typename
      ... on RunPayload {
        run {
          ...RunSummary_run
        }
      }
      ... on Error {
        message
      }
    }
  }
`);

export const CancelRunDocument = graphql(`
  mutation CancelRun($input: CancelRunInput!) {
    cancelRun(input: $input) {
      __typename
      ... on RunPayload {
        run {
          ...RunSummary_run
        }
      }
      ... on Error {
        message
      }
    }
  }
`);
