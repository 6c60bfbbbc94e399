import type { Client } from '@urql/core';
import { useFragment } from '#lib/gql';
import { liveSubscription } from '#lib/graphql/live-subscription.ts';
import type { ChatManager } from '#lib/runs/chat-manager.svelte.ts';
import type { AttentionManager } from './attention-manager.svelte.ts';
import {
  AnswerHumanLoopDocument,
  HumanLoopCardFragment,
  HumanLoopRequestedDocument,
} from './human-loop.documents';

export type AnswerResult = { ok: true; alreadyHandled: boolean } | { ok: false; message: string };

export interface HumanLoopServiceDeps {
  client: Client;
  attention: AttentionManager;
}

/** Answering questions and permission requests, and hearing about new ones anywhere. */
export function createHumanLoopService({ client, attention }: HumanLoopServiceDeps) {
  return {
    async answer(chat: ChatManager, requestId: string, answer: string): Promise<AnswerResult> {
      const result = await client
        .mutation(AnswerHumanLoopDocument, { input: { requestId, answer } })
        .toPromise();
      const payload = result.data?.answerHumanLoop;
      if (!payload) return { ok: false, message: 'The answer could not be sent: the server is unreachable.' };
      if (payload.__typename !== 'AnswerHumanLoopPayload') return { ok: false, message: payload.message };
      chat.upsertRequest(payload.request);
      if (payload.alreadyHandled) {
        const request = useFragment(HumanLoopCardFragment, payload.request);
        const who = request.answeredBy?.name ? ` (${request.answeredBy.name})` : '';
        chat.setFeedback(
          requestId,
          request.answer === null
            ? `This request was already closed (${request.status.toLowerCase()}); your answer changed nothing.`
            : `Someone already answered${who}: ${request.answer}`,
        );
      }
      return { ok: true, alreadyHandled: payload.alreadyHandled };
    },

    /** Notifies about new requests from any of the viewer's sessions; returns the unsubscribe. */
    watchRequests(): () => void {
      const subscription = liveSubscription(
        client,
        HumanLoopRequestedDocument,
        () => ({}),
        (data) => attention.notify(data.humanLoopRequested),
      );
      return () => subscription.unsubscribe();
    },
  };
}

export type HumanLoopService = ReturnType<typeof createHumanLoopService>;
