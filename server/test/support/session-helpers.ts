import { subscribe } from './graphql-client.js';
import { textOf, type RunStack } from './run-stack.js';

export const SESSION_FIELDS = `id status lastSyncAt lastSyncError syncFailureCount stoppedAt
  snapshots(first: 50) { edges { node { id reason fileCount totalBytes createdAt run { id } } } }`;

export interface SessionView {
  id: string;
  status: string;
  lastSyncAt: string | null;
  lastSyncError: string | null;
  syncFailureCount: number;
  snapshots: {
    edges: {
      node: { id: string; reason: string; fileCount: number; totalBytes: number; run: { id: string } | null };
    }[];
  };
}

export async function sessionView(stack: RunStack, sessionId: string): Promise<SessionView> {
  const result = await stack.query(`query ($id: ID!) { session(id: $id) { ${SESSION_FIELDS} } }`, {
    id: sessionId,
  });
  if (!result.data?.session) throw new Error(JSON.stringify(result));
  return result.data.session as SessionView;
}

/**
 * Follows sessionUpdated until `predicate` holds; every state seen on the way is returned, so a
 * test can assert what never happened (e.g. no STOPPED while storage was down).
 */
export async function untilSession(
  stack: RunStack,
  sessionId: string,
  predicate: (session: SessionView) => boolean,
): Promise<SessionView[]> {
  const sub = subscribe(
    stack.ws,
    `subscription ($id: ID!) { sessionUpdated(sessionId: $id) { ${SESSION_FIELDS} } }`,
    {
      id: sessionId,
    },
  );
  const seen: SessionView[] = [];
  try {
    for (;;) {
      const next = await sub.next();
      if (next.errors) throw new Error(JSON.stringify(next.errors));
      const session = (next.data as { sessionUpdated: SessionView }).sessionUpdated;
      seen.push(session);
      if (predicate(session)) return seen;
    }
  } finally {
    sub.dispose();
  }
}

/**
 * Runs a script to its end and returns the assistant's text, once the sync after the run is over
 * (a snapshot of the run, or one more counted failure): the run's last event comes before it.
 */
export async function runScript(stack: RunStack, sessionId: string, script: unknown[]): Promise<string> {
  const failuresBefore = (await sessionView(stack, sessionId)).syncFailureCount;
  const runId = await stack.sendScript(sessionId, script);
  const events = await stack.events(runId).toEnd();
  const finished = events.at(-1)!;
  if (finished.status !== 'SUCCEEDED') throw new Error(`run ended ${JSON.stringify(finished)}`);
  await untilSession(
    stack,
    sessionId,
    (session) =>
      session.syncFailureCount > failuresBefore ||
      session.snapshots.edges.some((edge) => edge.node.run?.id === runId),
  );
  return textOf(events);
}

export const SYNC_SESSION = `mutation ($input: SessionIdInput!) { syncSession(input: $input) { __typename
  ... on SyncSessionPayload { snapshot { id reason fileCount } session { lastSyncError syncFailureCount } }
  ... on SyncFailedError { message reason } ... on Error { message } } }`;

export const STOP_SESSION = `mutation ($input: SessionIdInput!) { stopSession(input: $input) { __typename
  ... on SessionPayload { session { status } } ... on SyncFailedError { message reason } ... on Error { message } } }`;

export const RESTORE_SNAPSHOT = `mutation ($input: RestoreSnapshotInput!) { restoreSnapshot(input: $input) { __typename
  ... on RestoreSnapshotPayload { snapshot { id } safetySnapshot { id reason } session { status } }
  ... on Error { message } } }`;
