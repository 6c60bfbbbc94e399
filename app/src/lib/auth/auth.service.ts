import type { Client, CombinedError } from '@urql/core';
import type { AuthManager } from './auth-manager.svelte.ts';
import { useFragment } from '#lib/gql';
import { AuthViewerFragment, LoginDocument, LogoutDocument, ViewerDocument } from './auth.documents';
import { isUnauthenticated } from '#lib/graphql/errors.ts';

/** A field the sign-in form knows how to point at. */
export type SignInField = 'email' | 'password';

export type SignInResult =
  { ok: true } | { ok: false; message: string; fieldErrors: Partial<Record<SignInField, string>> };

export interface AuthServiceDeps {
  client: Client;
  auth: AuthManager;
  /** Drops the live WebSocket so the next one authenticates with the current token. */
  resetConnection: () => void;
}

function failure(error: CombinedError): SignInResult {
  // server.js answers 502 when the API is down; a gateway in front may say 503 or 504.
  const status = (error.response as { status?: number } | undefined)?.status ?? 0;
  const unreachable = error.networkError !== undefined || status >= 502;
  return {
    ok: false,
    message: unreachable
      ? 'The server could not be reached. Try again in a moment.'
      : 'Something went wrong while signing in.',
    fieldErrors: {},
  };
}

// Compile-time proof that every member of the LoginResult union is handled above.
function unexpected(value: never): SignInResult {
  return { ok: false, message: `Unexpected response: ${JSON.stringify(value)}`, fieldErrors: {} };
}

function toField(path: readonly string[]): SignInField | undefined {
  const last = path.at(-1);
  return last === 'email' || last === 'password' ? last : undefined;
}

/** Sign-in, sign-out and session checks: the actions behind the login page and the shell. */
export function createAuthService({ client, auth, resetConnection }: AuthServiceDeps) {
  return {
    async signIn(email: string, password: string): Promise<SignInResult> {
      // A stale token must not ride along with the login request.
      auth.signOut();
      const result = await client.mutation(LoginDocument, { input: { email, password } }).toPromise();
      if (result.error || !result.data) {
        return result.error ? failure(result.error) : { ok: false, message: 'No response.', fieldErrors: {} };
      }
      const login = result.data.login;
      switch (login.__typename) {
        case 'LoginPayload':
          auth.signIn(
            { token: login.token, expiresAt: login.expiresAt },
            useFragment(AuthViewerFragment, login.user),
          );
          resetConnection();
          return { ok: true };
        case 'InvalidCredentialsError':
          return { ok: false, message: login.message, fieldErrors: {} };
        case 'ValidationError': {
          const fieldErrors: Partial<Record<SignInField, string>> = {};
          for (const fieldError of login.fieldErrors) {
            const field = toField(fieldError.path);
            if (field) fieldErrors[field] ??= fieldError.message;
          }
          return { ok: false, message: login.message, fieldErrors };
        }
        default:
          return unexpected(login);
      }
    },

    /**
     * Confirms the stored token with the server and loads the viewer. Resolves false (and signs
     * out) when the token is missing or rejected; other failures throw.
     */
    async restoreSession(): Promise<boolean> {
      if (!auth.isSignedIn) {
        auth.signOut();
        return false;
      }
      const result = await client.query(ViewerDocument, {}, { requestPolicy: 'network-only' }).toPromise();
      if (result.error) {
        if (isUnauthenticated(result.error)) {
          auth.signOut();
          return false;
        }
        throw result.error;
      }
      if (!result.data) throw new Error('The viewer query returned no data.');
      auth.setViewer(useFragment(AuthViewerFragment, result.data.viewer));
      return true;
    },

    async signOut(): Promise<void> {
      if (auth.isSignedIn) {
        // Best effort: the token is forgotten locally even if the server cannot be told.
        await client.mutation(LogoutDocument, {}).toPromise();
      }
      auth.signOut();
      resetConnection();
    },
  };
}

export type AuthService = ReturnType<typeof createAuthService>;
