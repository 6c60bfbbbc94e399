import { NotFoundError, ValidationError } from '../../../server/src/errors.js';
import {
  HUMAN_LOOP_KINDS,
  HUMAN_LOOP_STATUSES,
  HumanLoopRequestSchema,
  type HumanLoopRequest,
} from '../../../server/src/modules/human-loop/human-loop-request.entity.js';
import { builder } from '../builder.js';
import { isEntity } from '../entity-type.js';
import { decodeId } from '../global-id.js';
import { viewerOf } from '../viewer.js';
import { UserRef } from './user.js';

export const HumanLoopKindEnum = builder.enumType('HumanLoopKind', { values: HUMAN_LOOP_KINDS });
export const HumanLoopStatusEnum = builder.enumType('HumanLoopStatus', { values: HUMAN_LOOP_STATUSES });

export const HumanLoopRequestRef = builder.node(builder.objectRef<HumanLoopRequest>('HumanLoopRequest'), {
  description: 'A question or permission request from an agent, waiting for a person (HL1).',
  id: { resolve: (request) => request.id },
  isTypeOf: isEntity(HumanLoopRequestSchema),
  loadOne: (id, context) => (context.viewer ? context.services.humanLoop.find(context.viewer, id) : null),
  fields: (t) => ({
    kind: t.field({ type: HumanLoopKindEnum, resolve: (request) => request.kind }),
    prompt: t.exposeString('prompt', { description: 'What the agent asks or wants to do.' }),
    options: t.exposeStringList('options', { description: 'Suggested answers; any text is accepted.' }),
    status: t.field({ type: HumanLoopStatusEnum, resolve: (request) => request.status }),
    deadlineAt: t.expose('deadlineAt', {
      type: 'DateTime',
      description:
        'A hint of how long the agent is willing to wait; nothing happens automatically when it passes.',
    }),
    answer: t.exposeString('answer', { nullable: true }),
    answeredBy: t.field({
      type: UserRef,
      nullable: true,
      resolve: (request, _args, context) =>
        request.answeredBy ? context.services.users.get(request.answeredBy.id).catch(() => null) : null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    resolvedAt: t.expose('resolvedAt', { type: 'DateTime', nullable: true }),
  }),
});

const AnswerHumanLoopInput = builder.inputType('AnswerHumanLoopInput', {
  fields: (t) => ({
    requestId: t.id({ required: true }),
    answer: t.string({
      required: true,
      description: 'An option, or any text; for permissions "allow" or "deny".',
    }),
  }),
});

const AnswerHumanLoopPayload = builder
  .objectRef<{ request: HumanLoopRequest; alreadyHandled: boolean }>('AnswerHumanLoopPayload')
  .implement({
    fields: (t) => ({
      request: t.field({ type: HumanLoopRequestRef, resolve: (payload) => payload.request }),
      alreadyHandled: t.exposeBoolean('alreadyHandled', {
        description: 'True when the request had been answered before: this answer changed nothing.',
      }),
    }),
  });

builder.mutationField('answerHumanLoop', (t) =>
  t.field({
    type: AnswerHumanLoopPayload,
    description: 'Answers a pending request; the first answer wins and the waiting agent continues.',
    args: { input: t.arg({ type: AnswerHumanLoopInput, required: true }) },
    errors: {
      types: [ValidationError, NotFoundError],
      directResult: true,
      union: { name: 'AnswerHumanLoopResult' },
    },
    resolve: (_root, { input }, context) =>
      context.services.humanLoop.answer(
        viewerOf(context),
        decodeId('HumanLoopRequest', String(input.requestId), ['requestId']),
        input.answer,
      ),
  }),
);

builder.subscriptionField('humanLoopRequested', (t) =>
  t.field({
    type: HumanLoopRequestRef,
    description: 'Your new pending requests, from any of your sessions, as agents ask.',
    subscribe: (_root, _args, context) => context.services.humanLoop.watch(viewerOf(context)),
    resolve: async (message: { requestId: string }, _args, context) => {
      const request = await context.services.humanLoop.find(viewerOf(context), message.requestId);
      if (!request) throw new NotFoundError('HumanLoopRequest', message.requestId);
      return request;
    },
  }),
);
