/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  fragment AppPicker_app on App {\n    id\n    name\n    description\n    provider\n    model\n    canUse\n    capabilities\n  }\n": typeof types.AppPicker_AppFragmentDoc,
    "\n  query Apps {\n    apps(first: 100) {\n      edges {\n        node {\n          id\n          ...AppPicker_app\n        }\n      }\n    }\n  }\n": typeof types.AppsDocument,
    "\n  query AppPrecheck($id: ID!) {\n    node(id: $id) {\n      id\n      ... on App {\n        precheck {\n          ok\n          checks {\n            name\n            ok\n            detail\n          }\n        }\n      }\n    }\n  }\n": typeof types.AppPrecheckDocument,
    "\n  fragment AuthViewer_user on User {\n    id\n    role\n    ...ViewerBadge_user\n    ...ViewerProfile_user\n  }\n": typeof types.AuthViewer_UserFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginPayload {\n        token\n        expiresAt\n        user {\n          ...AuthViewer_user\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": typeof types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n": typeof types.LogoutDocument,
    "\n  query Viewer {\n    viewer {\n      ...AuthViewer_user\n    }\n  }\n": typeof types.ViewerDocument,
    "\n  fragment ViewerBadge_user on User {\n    name\n    email\n    role\n  }\n": typeof types.ViewerBadge_UserFragmentDoc,
    "\n  fragment ViewerProfile_user on User {\n    name\n    email\n    role\n  }\n": typeof types.ViewerProfile_UserFragmentDoc,
    "\n  fragment HumanLoopCard_request on HumanLoopRequest {\n    id\n    kind\n    prompt\n    options\n    status\n    deadlineAt\n    answer\n    answeredBy {\n      id\n      name\n    }\n    createdAt\n    resolvedAt\n  }\n": typeof types.HumanLoopCard_RequestFragmentDoc,
    "\n  mutation AnswerHumanLoop($input: AnswerHumanLoopInput!) {\n    answerHumanLoop(input: $input) {\n      __typename\n      ... on AnswerHumanLoopPayload {\n        alreadyHandled\n        request {\n          id\n          ...HumanLoopCard_request\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.AnswerHumanLoopDocument,
    "\n  subscription HumanLoopRequested {\n    humanLoopRequested {\n      id\n      prompt\n    }\n  }\n": typeof types.HumanLoopRequestedDocument,
    "\n  fragment RunEvent_event on RunEvent {\n    __typename\n    seq\n    at\n    ... on RunStatusChanged {\n      status\n    }\n    ... on AssistantTextDelta {\n      text\n    }\n    ... on ReasoningDelta {\n      text\n    }\n    ... on ToolCallStarted {\n      toolCallId\n      name\n      input\n    }\n    ... on ToolCallFinished {\n      toolCallId\n      output\n      isError\n    }\n    ... on TodoListUpdated {\n      todos {\n        id\n        ...TodosPanel_todo\n      }\n    }\n    ... on HumanLoopRequested {\n      request {\n        id\n        ...HumanLoopCard_request\n      }\n    }\n    ... on HumanLoopResolved {\n      request {\n        id\n        ...HumanLoopCard_request\n      }\n    }\n    ... on RunWarning {\n      message\n    }\n    ... on RunUsageReported {\n      usage {\n        inputTokens\n        outputTokens\n        costUsd\n      }\n    }\n    ... on RunFinished {\n      status\n      error {\n        class\n        message\n        suggestion\n      }\n    }\n  }\n": typeof types.RunEvent_EventFragmentDoc,
    "\n  fragment RunSummary_run on Run {\n    id\n    prompt\n    status\n    attempts\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n    lastSeq\n    error {\n      class\n      message\n      suggestion\n    }\n    usage {\n      inputTokens\n      outputTokens\n      costUsd\n    }\n  }\n": typeof types.RunSummary_RunFragmentDoc,
    "\n  fragment ChatRuns_session on Session {\n    runs(first: $runs, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RunSummary_run\n          events {\n            ...RunEvent_event\n          }\n        }\n      }\n    }\n  }\n": typeof types.ChatRuns_SessionFragmentDoc,
    "\n  query SessionChat($id: ID!, $runs: Int!, $after: String) {\n    session(id: $id) {\n      id\n      title\n      status\n      ...SessionPanel_session\n      todos {\n        id\n        ...TodosPanel_todo\n      }\n      humanLoopRequests {\n        id\n        ...HumanLoopCard_request\n      }\n      ...ChatRuns_session\n    }\n  }\n": typeof types.SessionChatDocument,
    "\n  query SessionEarlierRuns($id: ID!, $runs: Int!, $after: String) {\n    session(id: $id) {\n      id\n      ...ChatRuns_session\n    }\n  }\n": typeof types.SessionEarlierRunsDocument,
    "\n  query RunSummary($id: ID!) {\n    run(id: $id) {\n      ...RunSummary_run\n      humanLoopRequests {\n        id\n        ...HumanLoopCard_request\n      }\n    }\n  }\n": typeof types.RunSummaryDocument,
    "\n  subscription RunEvents($runId: ID!, $afterSeq: Int) {\n    runEvents(runId: $runId, afterSeq: $afterSeq) {\n      ...RunEvent_event\n    }\n  }\n": typeof types.RunEventsDocument,
    "\n  subscription SessionUpdated($sessionId: ID!) {\n    sessionUpdated(sessionId: $sessionId) {\n      id\n      title\n      status\n      ...SessionPanel_session\n    }\n  }\n": typeof types.SessionUpdatedDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      __typename\n      ... on RunPayload {\n        run {\n          ...RunSummary_run\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SendMessageDocument,
    "\n  mutation CancelRun($input: CancelRunInput!) {\n    cancelRun(input: $input) {\n      __typename\n      ... on RunPayload {\n        run {\n          ...RunSummary_run\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.CancelRunDocument,
    "\n  fragment SessionListItem_session on Session {\n    id\n    title\n    status\n    lastActiveAt\n    app {\n      id\n      name\n    }\n  }\n": typeof types.SessionListItem_SessionFragmentDoc,
    "\n  query Sessions($search: String, $first: Int!) {\n    sessions(search: $search, first: $first) {\n      edges {\n        node {\n          id\n          ...SessionListItem_session\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": typeof types.SessionsDocument,
    "\n  fragment SessionPanel_session on Session {\n    id\n    status\n    createdAt\n    lastActiveAt\n    lastSyncAt\n    lastSyncError\n    syncFailureCount\n    app {\n      id\n      name\n      provider\n      model\n    }\n  }\n": typeof types.SessionPanel_SessionFragmentDoc,
    "\n  query Runtime {\n    runtime {\n      kind\n      sandboxed\n    }\n  }\n": typeof types.RuntimeDocument,
    "\n  mutation CreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      __typename\n      ... on SessionPayload {\n        session {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.CreateSessionDocument,
    "\n  mutation RenameSession($input: RenameSessionInput!) {\n    renameSession(input: $input) {\n      __typename\n      ... on SessionPayload {\n        session {\n          id\n          title\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.RenameSessionDocument,
    "\n  mutation DeleteSession($input: SessionIdInput!) {\n    deleteSession(input: $input) {\n      __typename\n      ... on DeleteSessionPayload {\n        deletedSessionId\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.DeleteSessionDocument,
    "\n  fragment SnapshotListItem_snapshot on Snapshot {\n    id\n    createdAt\n    reason\n    fileCount\n    totalBytes\n    run {\n      id\n      prompt\n      createdAt\n    }\n  }\n": typeof types.SnapshotListItem_SnapshotFragmentDoc,
    "\n  query SessionSnapshots($id: ID!, $first: Int!, $after: String) {\n    session(id: $id) {\n      id\n      snapshots(first: $first, after: $after) {\n        edges {\n          node {\n            id\n            ...SnapshotListItem_snapshot\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": typeof types.SessionSnapshotsDocument,
    "\n  mutation SyncSession($input: SessionIdInput!) {\n    syncSession(input: $input) {\n      __typename\n      ... on SyncSessionPayload {\n        session {\n          id\n          ...SessionPanel_session\n        }\n        snapshot {\n          id\n          fileCount\n          totalBytes\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.SyncSessionDocument,
    "\n  mutation RestoreSnapshot($input: RestoreSnapshotInput!) {\n    restoreSnapshot(input: $input) {\n      __typename\n      ... on RestoreSnapshotPayload {\n        session {\n          id\n          ...SessionPanel_session\n        }\n        snapshot {\n          id\n          createdAt\n        }\n        safetySnapshot {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": typeof types.RestoreSnapshotDocument,
    "\n  fragment TodosPanel_todo on Todo {\n    id\n    text\n    status\n    order\n  }\n": typeof types.TodosPanel_TodoFragmentDoc,
};
const documents: Documents = {
    "\n  fragment AppPicker_app on App {\n    id\n    name\n    description\n    provider\n    model\n    canUse\n    capabilities\n  }\n": types.AppPicker_AppFragmentDoc,
    "\n  query Apps {\n    apps(first: 100) {\n      edges {\n        node {\n          id\n          ...AppPicker_app\n        }\n      }\n    }\n  }\n": types.AppsDocument,
    "\n  query AppPrecheck($id: ID!) {\n    node(id: $id) {\n      id\n      ... on App {\n        precheck {\n          ok\n          checks {\n            name\n            ok\n            detail\n          }\n        }\n      }\n    }\n  }\n": types.AppPrecheckDocument,
    "\n  fragment AuthViewer_user on User {\n    id\n    role\n    ...ViewerBadge_user\n    ...ViewerProfile_user\n  }\n": types.AuthViewer_UserFragmentDoc,
    "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginPayload {\n        token\n        expiresAt\n        user {\n          ...AuthViewer_user\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n": types.LoginDocument,
    "\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n": types.LogoutDocument,
    "\n  query Viewer {\n    viewer {\n      ...AuthViewer_user\n    }\n  }\n": types.ViewerDocument,
    "\n  fragment ViewerBadge_user on User {\n    name\n    email\n    role\n  }\n": types.ViewerBadge_UserFragmentDoc,
    "\n  fragment ViewerProfile_user on User {\n    name\n    email\n    role\n  }\n": types.ViewerProfile_UserFragmentDoc,
    "\n  fragment HumanLoopCard_request on HumanLoopRequest {\n    id\n    kind\n    prompt\n    options\n    status\n    deadlineAt\n    answer\n    answeredBy {\n      id\n      name\n    }\n    createdAt\n    resolvedAt\n  }\n": types.HumanLoopCard_RequestFragmentDoc,
    "\n  mutation AnswerHumanLoop($input: AnswerHumanLoopInput!) {\n    answerHumanLoop(input: $input) {\n      __typename\n      ... on AnswerHumanLoopPayload {\n        alreadyHandled\n        request {\n          id\n          ...HumanLoopCard_request\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.AnswerHumanLoopDocument,
    "\n  subscription HumanLoopRequested {\n    humanLoopRequested {\n      id\n      prompt\n    }\n  }\n": types.HumanLoopRequestedDocument,
    "\n  fragment RunEvent_event on RunEvent {\n    __typename\n    seq\n    at\n    ... on RunStatusChanged {\n      status\n    }\n    ... on AssistantTextDelta {\n      text\n    }\n    ... on ReasoningDelta {\n      text\n    }\n    ... on ToolCallStarted {\n      toolCallId\n      name\n      input\n    }\n    ... on ToolCallFinished {\n      toolCallId\n      output\n      isError\n    }\n    ... on TodoListUpdated {\n      todos {\n        id\n        ...TodosPanel_todo\n      }\n    }\n    ... on HumanLoopRequested {\n      request {\n        id\n        ...HumanLoopCard_request\n      }\n    }\n    ... on HumanLoopResolved {\n      request {\n        id\n        ...HumanLoopCard_request\n      }\n    }\n    ... on RunWarning {\n      message\n    }\n    ... on RunUsageReported {\n      usage {\n        inputTokens\n        outputTokens\n        costUsd\n      }\n    }\n    ... on RunFinished {\n      status\n      error {\n        class\n        message\n        suggestion\n      }\n    }\n  }\n": types.RunEvent_EventFragmentDoc,
    "\n  fragment RunSummary_run on Run {\n    id\n    prompt\n    status\n    attempts\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n    lastSeq\n    error {\n      class\n      message\n      suggestion\n    }\n    usage {\n      inputTokens\n      outputTokens\n      costUsd\n    }\n  }\n": types.RunSummary_RunFragmentDoc,
    "\n  fragment ChatRuns_session on Session {\n    runs(first: $runs, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RunSummary_run\n          events {\n            ...RunEvent_event\n          }\n        }\n      }\n    }\n  }\n": types.ChatRuns_SessionFragmentDoc,
    "\n  query SessionChat($id: ID!, $runs: Int!, $after: String) {\n    session(id: $id) {\n      id\n      title\n      status\n      ...SessionPanel_session\n      todos {\n        id\n        ...TodosPanel_todo\n      }\n      humanLoopRequests {\n        id\n        ...HumanLoopCard_request\n      }\n      ...ChatRuns_session\n    }\n  }\n": types.SessionChatDocument,
    "\n  query SessionEarlierRuns($id: ID!, $runs: Int!, $after: String) {\n    session(id: $id) {\n      id\n      ...ChatRuns_session\n    }\n  }\n": types.SessionEarlierRunsDocument,
    "\n  query RunSummary($id: ID!) {\n    run(id: $id) {\n      ...RunSummary_run\n      humanLoopRequests {\n        id\n        ...HumanLoopCard_request\n      }\n    }\n  }\n": types.RunSummaryDocument,
    "\n  subscription RunEvents($runId: ID!, $afterSeq: Int) {\n    runEvents(runId: $runId, afterSeq: $afterSeq) {\n      ...RunEvent_event\n    }\n  }\n": types.RunEventsDocument,
    "\n  subscription SessionUpdated($sessionId: ID!) {\n    sessionUpdated(sessionId: $sessionId) {\n      id\n      title\n      status\n      ...SessionPanel_session\n    }\n  }\n": types.SessionUpdatedDocument,
    "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      __typename\n      ... on RunPayload {\n        run {\n          ...RunSummary_run\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SendMessageDocument,
    "\n  mutation CancelRun($input: CancelRunInput!) {\n    cancelRun(input: $input) {\n      __typename\n      ... on RunPayload {\n        run {\n          ...RunSummary_run\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.CancelRunDocument,
    "\n  fragment SessionListItem_session on Session {\n    id\n    title\n    status\n    lastActiveAt\n    app {\n      id\n      name\n    }\n  }\n": types.SessionListItem_SessionFragmentDoc,
    "\n  query Sessions($search: String, $first: Int!) {\n    sessions(search: $search, first: $first) {\n      edges {\n        node {\n          id\n          ...SessionListItem_session\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n": types.SessionsDocument,
    "\n  fragment SessionPanel_session on Session {\n    id\n    status\n    createdAt\n    lastActiveAt\n    lastSyncAt\n    lastSyncError\n    syncFailureCount\n    app {\n      id\n      name\n      provider\n      model\n    }\n  }\n": types.SessionPanel_SessionFragmentDoc,
    "\n  query Runtime {\n    runtime {\n      kind\n      sandboxed\n    }\n  }\n": types.RuntimeDocument,
    "\n  mutation CreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      __typename\n      ... on SessionPayload {\n        session {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.CreateSessionDocument,
    "\n  mutation RenameSession($input: RenameSessionInput!) {\n    renameSession(input: $input) {\n      __typename\n      ... on SessionPayload {\n        session {\n          id\n          title\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.RenameSessionDocument,
    "\n  mutation DeleteSession($input: SessionIdInput!) {\n    deleteSession(input: $input) {\n      __typename\n      ... on DeleteSessionPayload {\n        deletedSessionId\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.DeleteSessionDocument,
    "\n  fragment SnapshotListItem_snapshot on Snapshot {\n    id\n    createdAt\n    reason\n    fileCount\n    totalBytes\n    run {\n      id\n      prompt\n      createdAt\n    }\n  }\n": types.SnapshotListItem_SnapshotFragmentDoc,
    "\n  query SessionSnapshots($id: ID!, $first: Int!, $after: String) {\n    session(id: $id) {\n      id\n      snapshots(first: $first, after: $after) {\n        edges {\n          node {\n            id\n            ...SnapshotListItem_snapshot\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n": types.SessionSnapshotsDocument,
    "\n  mutation SyncSession($input: SessionIdInput!) {\n    syncSession(input: $input) {\n      __typename\n      ... on SyncSessionPayload {\n        session {\n          id\n          ...SessionPanel_session\n        }\n        snapshot {\n          id\n          fileCount\n          totalBytes\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.SyncSessionDocument,
    "\n  mutation RestoreSnapshot($input: RestoreSnapshotInput!) {\n    restoreSnapshot(input: $input) {\n      __typename\n      ... on RestoreSnapshotPayload {\n        session {\n          id\n          ...SessionPanel_session\n        }\n        snapshot {\n          id\n          createdAt\n        }\n        safetySnapshot {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n": types.RestoreSnapshotDocument,
    "\n  fragment TodosPanel_todo on Todo {\n    id\n    text\n    status\n    order\n  }\n": types.TodosPanel_TodoFragmentDoc,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AppPicker_app on App {\n    id\n    name\n    description\n    provider\n    model\n    canUse\n    capabilities\n  }\n"): (typeof documents)["\n  fragment AppPicker_app on App {\n    id\n    name\n    description\n    provider\n    model\n    canUse\n    capabilities\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Apps {\n    apps(first: 100) {\n      edges {\n        node {\n          id\n          ...AppPicker_app\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Apps {\n    apps(first: 100) {\n      edges {\n        node {\n          id\n          ...AppPicker_app\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query AppPrecheck($id: ID!) {\n    node(id: $id) {\n      id\n      ... on App {\n        precheck {\n          ok\n          checks {\n            name\n            ok\n            detail\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query AppPrecheck($id: ID!) {\n    node(id: $id) {\n      id\n      ... on App {\n        precheck {\n          ok\n          checks {\n            name\n            ok\n            detail\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AuthViewer_user on User {\n    id\n    role\n    ...ViewerBadge_user\n    ...ViewerProfile_user\n  }\n"): (typeof documents)["\n  fragment AuthViewer_user on User {\n    id\n    role\n    ...ViewerBadge_user\n    ...ViewerProfile_user\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginPayload {\n        token\n        expiresAt\n        user {\n          ...AuthViewer_user\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation Login($input: LoginInput!) {\n    login(input: $input) {\n      __typename\n      ... on LoginPayload {\n        token\n        expiresAt\n        user {\n          ...AuthViewer_user\n        }\n      }\n      ... on InvalidCredentialsError {\n        message\n      }\n      ... on ValidationError {\n        message\n        fieldErrors {\n          path\n          message\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n"): (typeof documents)["\n  mutation Logout {\n    logout {\n      ok\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Viewer {\n    viewer {\n      ...AuthViewer_user\n    }\n  }\n"): (typeof documents)["\n  query Viewer {\n    viewer {\n      ...AuthViewer_user\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerBadge_user on User {\n    name\n    email\n    role\n  }\n"): (typeof documents)["\n  fragment ViewerBadge_user on User {\n    name\n    email\n    role\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ViewerProfile_user on User {\n    name\n    email\n    role\n  }\n"): (typeof documents)["\n  fragment ViewerProfile_user on User {\n    name\n    email\n    role\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment HumanLoopCard_request on HumanLoopRequest {\n    id\n    kind\n    prompt\n    options\n    status\n    deadlineAt\n    answer\n    answeredBy {\n      id\n      name\n    }\n    createdAt\n    resolvedAt\n  }\n"): (typeof documents)["\n  fragment HumanLoopCard_request on HumanLoopRequest {\n    id\n    kind\n    prompt\n    options\n    status\n    deadlineAt\n    answer\n    answeredBy {\n      id\n      name\n    }\n    createdAt\n    resolvedAt\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation AnswerHumanLoop($input: AnswerHumanLoopInput!) {\n    answerHumanLoop(input: $input) {\n      __typename\n      ... on AnswerHumanLoopPayload {\n        alreadyHandled\n        request {\n          id\n          ...HumanLoopCard_request\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation AnswerHumanLoop($input: AnswerHumanLoopInput!) {\n    answerHumanLoop(input: $input) {\n      __typename\n      ... on AnswerHumanLoopPayload {\n        alreadyHandled\n        request {\n          id\n          ...HumanLoopCard_request\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription HumanLoopRequested {\n    humanLoopRequested {\n      id\n      prompt\n    }\n  }\n"): (typeof documents)["\n  subscription HumanLoopRequested {\n    humanLoopRequested {\n      id\n      prompt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunEvent_event on RunEvent {\n    __typename\n    seq\n    at\n    ... on RunStatusChanged {\n      status\n    }\n    ... on AssistantTextDelta {\n      text\n    }\n    ... on ReasoningDelta {\n      text\n    }\n    ... on ToolCallStarted {\n      toolCallId\n      name\n      input\n    }\n    ... on ToolCallFinished {\n      toolCallId\n      output\n      isError\n    }\n    ... on TodoListUpdated {\n      todos {\n        id\n        ...TodosPanel_todo\n      }\n    }\n    ... on HumanLoopRequested {\n      request {\n        id\n        ...HumanLoopCard_request\n      }\n    }\n    ... on HumanLoopResolved {\n      request {\n        id\n        ...HumanLoopCard_request\n      }\n    }\n    ... on RunWarning {\n      message\n    }\n    ... on RunUsageReported {\n      usage {\n        inputTokens\n        outputTokens\n        costUsd\n      }\n    }\n    ... on RunFinished {\n      status\n      error {\n        class\n        message\n        suggestion\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment RunEvent_event on RunEvent {\n    __typename\n    seq\n    at\n    ... on RunStatusChanged {\n      status\n    }\n    ... on AssistantTextDelta {\n      text\n    }\n    ... on ReasoningDelta {\n      text\n    }\n    ... on ToolCallStarted {\n      toolCallId\n      name\n      input\n    }\n    ... on ToolCallFinished {\n      toolCallId\n      output\n      isError\n    }\n    ... on TodoListUpdated {\n      todos {\n        id\n        ...TodosPanel_todo\n      }\n    }\n    ... on HumanLoopRequested {\n      request {\n        id\n        ...HumanLoopCard_request\n      }\n    }\n    ... on HumanLoopResolved {\n      request {\n        id\n        ...HumanLoopCard_request\n      }\n    }\n    ... on RunWarning {\n      message\n    }\n    ... on RunUsageReported {\n      usage {\n        inputTokens\n        outputTokens\n        costUsd\n      }\n    }\n    ... on RunFinished {\n      status\n      error {\n        class\n        message\n        suggestion\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment RunSummary_run on Run {\n    id\n    prompt\n    status\n    attempts\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n    lastSeq\n    error {\n      class\n      message\n      suggestion\n    }\n    usage {\n      inputTokens\n      outputTokens\n      costUsd\n    }\n  }\n"): (typeof documents)["\n  fragment RunSummary_run on Run {\n    id\n    prompt\n    status\n    attempts\n    createdAt\n    startedAt\n    finishedAt\n    durationMs\n    lastSeq\n    error {\n      class\n      message\n      suggestion\n    }\n    usage {\n      inputTokens\n      outputTokens\n      costUsd\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment ChatRuns_session on Session {\n    runs(first: $runs, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RunSummary_run\n          events {\n            ...RunEvent_event\n          }\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  fragment ChatRuns_session on Session {\n    runs(first: $runs, after: $after) {\n      pageInfo {\n        hasNextPage\n        endCursor\n      }\n      edges {\n        node {\n          ...RunSummary_run\n          events {\n            ...RunEvent_event\n          }\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionChat($id: ID!, $runs: Int!, $after: String) {\n    session(id: $id) {\n      id\n      title\n      status\n      ...SessionPanel_session\n      todos {\n        id\n        ...TodosPanel_todo\n      }\n      humanLoopRequests {\n        id\n        ...HumanLoopCard_request\n      }\n      ...ChatRuns_session\n    }\n  }\n"): (typeof documents)["\n  query SessionChat($id: ID!, $runs: Int!, $after: String) {\n    session(id: $id) {\n      id\n      title\n      status\n      ...SessionPanel_session\n      todos {\n        id\n        ...TodosPanel_todo\n      }\n      humanLoopRequests {\n        id\n        ...HumanLoopCard_request\n      }\n      ...ChatRuns_session\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionEarlierRuns($id: ID!, $runs: Int!, $after: String) {\n    session(id: $id) {\n      id\n      ...ChatRuns_session\n    }\n  }\n"): (typeof documents)["\n  query SessionEarlierRuns($id: ID!, $runs: Int!, $after: String) {\n    session(id: $id) {\n      id\n      ...ChatRuns_session\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query RunSummary($id: ID!) {\n    run(id: $id) {\n      ...RunSummary_run\n      humanLoopRequests {\n        id\n        ...HumanLoopCard_request\n      }\n    }\n  }\n"): (typeof documents)["\n  query RunSummary($id: ID!) {\n    run(id: $id) {\n      ...RunSummary_run\n      humanLoopRequests {\n        id\n        ...HumanLoopCard_request\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription RunEvents($runId: ID!, $afterSeq: Int) {\n    runEvents(runId: $runId, afterSeq: $afterSeq) {\n      ...RunEvent_event\n    }\n  }\n"): (typeof documents)["\n  subscription RunEvents($runId: ID!, $afterSeq: Int) {\n    runEvents(runId: $runId, afterSeq: $afterSeq) {\n      ...RunEvent_event\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  subscription SessionUpdated($sessionId: ID!) {\n    sessionUpdated(sessionId: $sessionId) {\n      id\n      title\n      status\n      ...SessionPanel_session\n    }\n  }\n"): (typeof documents)["\n  subscription SessionUpdated($sessionId: ID!) {\n    sessionUpdated(sessionId: $sessionId) {\n      id\n      title\n      status\n      ...SessionPanel_session\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      __typename\n      ... on RunPayload {\n        run {\n          ...RunSummary_run\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SendMessage($input: SendMessageInput!) {\n    sendMessage(input: $input) {\n      __typename\n      ... on RunPayload {\n        run {\n          ...RunSummary_run\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CancelRun($input: CancelRunInput!) {\n    cancelRun(input: $input) {\n      __typename\n      ... on RunPayload {\n        run {\n          ...RunSummary_run\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CancelRun($input: CancelRunInput!) {\n    cancelRun(input: $input) {\n      __typename\n      ... on RunPayload {\n        run {\n          ...RunSummary_run\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionListItem_session on Session {\n    id\n    title\n    status\n    lastActiveAt\n    app {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment SessionListItem_session on Session {\n    id\n    title\n    status\n    lastActiveAt\n    app {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Sessions($search: String, $first: Int!) {\n    sessions(search: $search, first: $first) {\n      edges {\n        node {\n          id\n          ...SessionListItem_session\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query Sessions($search: String, $first: Int!) {\n    sessions(search: $search, first: $first) {\n      edges {\n        node {\n          id\n          ...SessionListItem_session\n        }\n      }\n      pageInfo {\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SessionPanel_session on Session {\n    id\n    status\n    createdAt\n    lastActiveAt\n    lastSyncAt\n    lastSyncError\n    syncFailureCount\n    app {\n      id\n      name\n      provider\n      model\n    }\n  }\n"): (typeof documents)["\n  fragment SessionPanel_session on Session {\n    id\n    status\n    createdAt\n    lastActiveAt\n    lastSyncAt\n    lastSyncError\n    syncFailureCount\n    app {\n      id\n      name\n      provider\n      model\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Runtime {\n    runtime {\n      kind\n      sandboxed\n    }\n  }\n"): (typeof documents)["\n  query Runtime {\n    runtime {\n      kind\n      sandboxed\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation CreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      __typename\n      ... on SessionPayload {\n        session {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation CreateSession($input: CreateSessionInput!) {\n    createSession(input: $input) {\n      __typename\n      ... on SessionPayload {\n        session {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RenameSession($input: RenameSessionInput!) {\n    renameSession(input: $input) {\n      __typename\n      ... on SessionPayload {\n        session {\n          id\n          title\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RenameSession($input: RenameSessionInput!) {\n    renameSession(input: $input) {\n      __typename\n      ... on SessionPayload {\n        session {\n          id\n          title\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation DeleteSession($input: SessionIdInput!) {\n    deleteSession(input: $input) {\n      __typename\n      ... on DeleteSessionPayload {\n        deletedSessionId\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation DeleteSession($input: SessionIdInput!) {\n    deleteSession(input: $input) {\n      __typename\n      ... on DeleteSessionPayload {\n        deletedSessionId\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SnapshotListItem_snapshot on Snapshot {\n    id\n    createdAt\n    reason\n    fileCount\n    totalBytes\n    run {\n      id\n      prompt\n      createdAt\n    }\n  }\n"): (typeof documents)["\n  fragment SnapshotListItem_snapshot on Snapshot {\n    id\n    createdAt\n    reason\n    fileCount\n    totalBytes\n    run {\n      id\n      prompt\n      createdAt\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SessionSnapshots($id: ID!, $first: Int!, $after: String) {\n    session(id: $id) {\n      id\n      snapshots(first: $first, after: $after) {\n        edges {\n          node {\n            id\n            ...SnapshotListItem_snapshot\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query SessionSnapshots($id: ID!, $first: Int!, $after: String) {\n    session(id: $id) {\n      id\n      snapshots(first: $first, after: $after) {\n        edges {\n          node {\n            id\n            ...SnapshotListItem_snapshot\n          }\n        }\n        pageInfo {\n          hasNextPage\n          endCursor\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SyncSession($input: SessionIdInput!) {\n    syncSession(input: $input) {\n      __typename\n      ... on SyncSessionPayload {\n        session {\n          id\n          ...SessionPanel_session\n        }\n        snapshot {\n          id\n          fileCount\n          totalBytes\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SyncSession($input: SessionIdInput!) {\n    syncSession(input: $input) {\n      __typename\n      ... on SyncSessionPayload {\n        session {\n          id\n          ...SessionPanel_session\n        }\n        snapshot {\n          id\n          fileCount\n          totalBytes\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation RestoreSnapshot($input: RestoreSnapshotInput!) {\n    restoreSnapshot(input: $input) {\n      __typename\n      ... on RestoreSnapshotPayload {\n        session {\n          id\n          ...SessionPanel_session\n        }\n        snapshot {\n          id\n          createdAt\n        }\n        safetySnapshot {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation RestoreSnapshot($input: RestoreSnapshotInput!) {\n    restoreSnapshot(input: $input) {\n      __typename\n      ... on RestoreSnapshotPayload {\n        session {\n          id\n          ...SessionPanel_session\n        }\n        snapshot {\n          id\n          createdAt\n        }\n        safetySnapshot {\n          id\n        }\n      }\n      ... on Error {\n        message\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment TodosPanel_todo on Todo {\n    id\n    text\n    status\n    order\n  }\n"): (typeof documents)["\n  fragment TodosPanel_todo on Todo {\n    id\n    text\n    status\n    order\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;