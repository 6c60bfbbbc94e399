import { createAppsService, type AppsService } from '#lib/apps/apps.service.ts';
import { AuthManager } from '#lib/auth/auth-manager.svelte.ts';
import { createAuthService, type AuthService } from '#lib/auth/auth.service.ts';
import { ConnectionManager } from '#lib/graphql/connection-manager.svelte.ts';
import { createGraphqlClient, sameOriginEndpoints } from '#lib/graphql/client.ts';
import { AttentionManager } from '#lib/human-loop/attention-manager.svelte.ts';
import { createHumanLoopService, type HumanLoopService } from '#lib/human-loop/human-loop.service.ts';
import { createRunsService, type RunsService } from '#lib/runs/runs.service.ts';
import { SessionListManager } from '#lib/sessions/session-list-manager.svelte.ts';
import { createSessionsService, type SessionsService } from '#lib/sessions/sessions.service.ts';
import { createSnapshotsService, type SnapshotsService } from '#lib/sessions/snapshots.service.ts';
import type { Client } from '@urql/core';

/** Everything the workbench's pages and components receive; built once, in the browser. */
export interface Services {
  auth: AuthManager;
  graphql: Client;
  connection: ConnectionManager;
  attention: AttentionManager;
  sessions: SessionListManager;
  authService: AuthService;
  sessionsService: SessionsService;
  snapshotsService: SnapshotsService;
  runsService: RunsService;
  humanLoopService: HumanLoopService;
  appsService: AppsService;
}

/** The composition root: the only place that wires the browser's storage, location and network in. */
export function createServices(window: Window & typeof globalThis): Services {
  const auth = new AuthManager(window.localStorage);
  const connection = new ConnectionManager(window.navigator.onLine);
  const { client, resetConnection, dropConnection } = createGraphqlClient({
    ...sameOriginEndpoints(window.location),
    getToken: () => auth.token,
    // The shell watches `auth.isSignedIn` and leaves for /login; here the session only ends.
    onUnauthenticated: () => auth.signOut(),
    onConnected: () => connection.socketConnected(),
    onClosed: ({ intentional }) => connection.socketClosed(intentional),
    isOnline: () => window.navigator.onLine,
  });
  window.addEventListener('online', () => connection.setBrowserOnline(true));
  window.addEventListener('offline', () => {
    connection.setBrowserOnline(false);
    // An open socket outlives a lost network for minutes; drop it so streams resume cleanly.
    dropConnection();
  });
  const attention = new AttentionManager(window);
  const sessions = new SessionListManager(client);
  return {
    auth,
    graphql: client,
    connection,
    attention,
    sessions,
    authService: createAuthService({ client, auth, resetConnection }),
    sessionsService: createSessionsService({ client, sessions }),
    snapshotsService: createSnapshotsService({ client }),
    runsService: createRunsService({ client }),
    humanLoopService: createHumanLoopService({ client, attention }),
    appsService: createAppsService({ client }),
  };
}
