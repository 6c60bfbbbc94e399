import { AuthManager } from '#lib/auth/auth-manager.svelte.ts';
import { createAuthService, type AuthService } from '#lib/auth/auth.service.ts';
import { createGraphqlClient, sameOriginEndpoints } from '#lib/graphql/client.ts';
import type { Client } from '@urql/core';

/** Everything the workbench's pages and components receive; built once, in the browser. */
export interface Services {
  auth: AuthManager;
  graphql: Client;
  authService: AuthService;
}

/** The composition root: the only place that wires the browser's storage and location in. */
export function createServices(window: Window): Services {
  const auth = new AuthManager(window.localStorage);
  const { client, resetConnection } = createGraphqlClient({
    ...sameOriginEndpoints(window.location),
    getToken: () => auth.token,
    // The shell watches `auth.isSignedIn` and leaves for /login; here the session only ends.
    onUnauthenticated: () => auth.signOut(),
  });
  const authService = createAuthService({ client, auth, resetConnection });
  return { auth, graphql: client, authService };
}
