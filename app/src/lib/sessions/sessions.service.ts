import type { Client } from '@urql/core';
import type { SessionListManager } from './session-list-manager.svelte.ts';
import { CreateSessionDocument, DeleteSessionDocument, RenameSessionDocument } from './sessions.documents';

export type ActionResult<T = undefined> = { ok: true; value: T } | { ok: false; message: string };

export interface SessionsServiceDeps {
  client: Client;
  sessions: SessionListManager;
}

const unreachable = 'The server could not be reached. Try again in a moment.';

/** Create, rename and delete sessions; the history list is refreshed after each. */
export function createSessionsService({ client, sessions }: SessionsServiceDeps) {
  return {
    async create(appId: string, title: string): Promise<ActionResult<string>> {
      const input = { appId, ...(title.trim() ? { title: title.trim() } : {}) };
      const result = await client.mutation(CreateSessionDocument, { input }).toPromise();
      const payload = result.data?.createSession;
      if (!payload) return { ok: false, message: unreachable };
      if (payload.__typename !== 'SessionPayload') return { ok: false, message: payload.message };
      void sessions.load();
      return { ok: true, value: payload.session.id };
    },

    async rename(sessionId: string, title: string): Promise<ActionResult<string>> {
      const result = await client
        .mutation(RenameSessionDocument, { input: { sessionId, title: title.trim() } })
        .toPromise();
      const payload = result.data?.renameSession;
      if (!payload) return { ok: false, message: unreachable };
      if (payload.__typename !== 'SessionPayload') return { ok: false, message: payload.message };
      void sessions.load();
      return { ok: true, value: payload.session.title };
    },

    async remove(sessionId: string): Promise<ActionResult> {
      const result = await client.mutation(DeleteSessionDocument, { input: { sessionId } }).toPromise();
      const payload = result.data?.deleteSession;
      if (!payload) return { ok: false, message: unreachable };
      if (payload.__typename !== 'DeleteSessionPayload') return { ok: false, message: payload.message };
      sessions.remove(sessionId);
      return { ok: true, value: undefined };
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
