import type { AuthViewer_UserFragment } from '#lib/gql/graphql.ts';

/** The signed-in user as the workbench holds it; components unmask their own fragments from it. */
export type AuthViewer = AuthViewer_UserFragment;

/** A session token as persisted in the browser. */
export interface StoredSession {
  token: string;
  /** ISO 8601; the server is the judge, this only spares a round trip for a token that surely expired. */
  expiresAt: string;
}

const STORAGE_KEY = 'agentbench.session';

function isStoredSession(value: unknown): value is StoredSession {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as StoredSession).token === 'string' &&
    typeof (value as StoredSession).expiresAt === 'string'
  );
}

/**
 * Who is signed in. The token lives in localStorage so a reload keeps the session; the viewer
 * is only known once the server has confirmed the token.
 */
export class AuthManager {
  #storage: Storage;
  #session = $state<StoredSession | null>(null);
  viewer = $state<AuthViewer | null>(null);

  constructor(storage: Storage) {
    this.#storage = storage;
    this.#session = this.#read();
  }

  /** The bearer token, or null when there is none or it has expired. */
  get token(): string | null {
    const session = this.#session;
    if (!session) return null;
    if (Date.parse(session.expiresAt) <= Date.now()) return null;
    return session.token;
  }

  get isSignedIn(): boolean {
    return this.token !== null;
  }

  signIn(session: StoredSession, viewer: AuthViewer): void {
    this.#write(session);
    this.#session = session;
    this.viewer = viewer;
  }

  setViewer(viewer: AuthViewer): void {
    this.viewer = viewer;
  }

  signOut(): void {
    this.#write(null);
    this.#session = null;
    this.viewer = null;
  }

  #read(): StoredSession | null {
    try {
      const raw = this.#storage.getItem(STORAGE_KEY);
      const parsed: unknown = raw ? JSON.parse(raw) : null;
      return isStoredSession(parsed) ? parsed : null;
    } catch {
      // Unreadable storage (private mode, corrupt JSON) simply means signed out.
      return null;
    }
  }

  #write(session: StoredSession | null): void {
    try {
      if (session) this.#storage.setItem(STORAGE_KEY, JSON.stringify(session));
      else this.#storage.removeItem(STORAGE_KEY);
    } catch {
      // The in-memory session still works for this tab.
    }
  }
}
