import type { Client } from '@urql/core';
import { useFragment } from '#lib/gql';
import type { ChatManager } from './chat-manager.svelte.ts';
import { CancelRunDocument, RunSummaryFragment, SendMessageDocument } from './run.documents';

export type SendResult = { ok: true } | { ok: false; message: string };

const unreachable = 'The server could not be reached. Your message was not sent; try again.';

/** Sending messages and stopping runs, for the chat view. */
export function createRunsService({ client }: { client: Client }) {
  return {
    /**
     * Sends one message. The key is made once per message, so a retry of the same message (after
     * a network error) finds the run the first attempt may have created instead of a second one.
     */
    async send(chat: ChatManager, text: string, clientMutationId: string): Promise<SendResult> {
      const result = await client
        .mutation(SendMessageDocument, { input: { sessionId: chat.sessionId, text, clientMutationId } })
        .toPromise();
      const payload = result.data?.sendMessage;
      if (!payload) return { ok: false, message: unreachable };
      if (payload.__typename !== 'RunPayload') return { ok: false, message: payload.message };
      chat.addRun(useFragment(RunSummaryFragment, payload.run));
      return { ok: true };
    },

    async cancel(chat: ChatManager, runId: string): Promise<SendResult> {
      const result = await client.mutation(CancelRunDocument, { input: { runId } }).toPromise();
      const payload = result.data?.cancelRun;
      if (!payload) return { ok: false, message: 'The run could not be stopped: the server is unreachable.' };
      if (payload.__typename !== 'RunPayload') return { ok: false, message: payload.message };
      chat.updateRun(useFragment(RunSummaryFragment, payload.run));
      return { ok: true };
    },
  };
}

export type RunsService = ReturnType<typeof createRunsService>;
