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
import { describedValues } from '../described-values.js';
import { UserRef } from './user.js';

export const HumanLoopKindEnum = builder.enumType('HumanLoopKind', {
  description: 'What the agent wants from a person.',
  values: describedValues(HUMAN_LOOP_KINDS, {
    QUESTION: 'An answer: pick one of the options or write your own.',
    PERMISSION: 'Leave to do something (run a command, edit a file): answer "allow" or "deny".',
  }),
});
export const HumanLoopStatusEnum = builder.enumType('HumanLoopStatus', {
  description: 'Whether a request still waits for its answer.',
  values: describedValues(HUMAN_LOOP_STATUSES, {
    PENDING: 'The agent waits for an answer.',
    RESOLVED: 'Answered; the agent went on.',
    CANCELED: 'Its run ended before anyone answered; it can no longer be answered.',
    EXPIRED:
      'Not used by this deployment: a deadline is only a hint and never closes a request (a request whose run ends unanswered is CANCELED).',
  }),
});

export const HumanLoopRequestRef = builder.node(builder.objectRef<HumanLoopRequest>('HumanLoopRequest'), {
  description: 'A question or permission request from an agent, waiting for a person (HL1).',
  id: { resolve: (request) => request.id },
  isTypeOf: isEntity(HumanLoopRequestSchema),
  loadOne: (id, context) => (context.viewer ? context.services.humanLoop.find(context.viewer, id) : null),
  fields: (t) => ({
    kind: t.field({
      type: HumanLoopKindEnum,
      description: 'A question or a permission request.',
      resolve: (request) => request.kind,
    }),
    prompt: t.exposeString('prompt', { description: 'What the agent asks or wants to do.' }),
    options: t.exposeStringList('options', { description: 'Suggested answers; any text is accepted.' }),
    status: t.field({
      type: HumanLoopStatusEnum,
      description: 'Whether it still waits.',
      resolve: (request) => request.status,
    }),
    deadlineAt: t.expose('deadlineAt', {
      type: 'DateTime',
      description:
        'A hint of how long the agent is willing to wait; nothing happens automatically when it passes.',
    }),
    answer: t.exposeString('answer', {
      nullable: true,
      description: 'The answer that won; null until then.',
    }),
    answeredBy: t.field({
      type: UserRef,
      nullable: true,
      description: 'Who answered; null until then, or when the agent got its answer another way.',
      resolve: (request, _args, context) =>
        request.answeredBy ? context.services.users.get(request.answeredBy.id).catch(() => null) : null,
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the agent asked.' }),
    resolvedAt: t.expose('resolvedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it was answered or canceled; null while pending.',
    }),
  }),
});

const AnswerHumanLoopInput = builder.inputType('AnswerHumanLoopInput', {
  description: 'An answer to a pending request.',
  fields: (t) => ({
    requestId: t.id({ required: true, description: "The request's global id." }),
    answer: t.string({
      required: true,
      description: 'An option, or any text; for permissions "allow" or "deny".',
    }),
  }),
});

const AnswerHumanLoopPayload = builder
  .objectRef<{ request: HumanLoopRequest; alreadyHandled: boolean }>('AnswerHumanLoopPayload')
  .implement({
    description: 'The request after the answer, and whether this answer was the one that counted.',
    fields: (t) => ({
      request: t.field({
        type: HumanLoopRequestRef,
        description: 'The request as it is now, with the answer that won.',
        resolve: (payload) => payload.request,
      }),
      alreadyHandled: t.exposeBoolean('alreadyHandled', {
        description: 'True when the request had been answered before: this answer changed nothing.',
      }),
    }),
  });

builder.mutationField('answerHumanLoop', (t) =>
  t.field({
    type: AnswerHumanLoopPayload,
    description: 'Answers a pending request; the first answer wins and the waiting agent continues.',
    args: {
      input: t.arg({
        type: AnswerHumanLoopInput,
        required: true,
        description: 'The request and the answer.',
      }),
    },
    errors: {
      types: [ValidationError, NotFoundError],
      directResult: true,
      union: {
        name: 'AnswerHumanLoopResult',
        description: 'The request after the answer, or why the answer was refused.',
      },
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
    description:
      'Your new pending requests, from any of your sessions, as agents ask. After the server lost and regained its connection to Redis, all your pending requests are sent again: tell repeats apart by id.',
    subscribe: (_root, _args, context) => context.services.humanLoop.watch(viewerOf(context)),
    resolve: async (message: { requestId: string }, _args, context) => {
      const request = await context.services.humanLoop.find(viewerOf(context), message.requestId);
      if (!request) throw new NotFoundError('HumanLoopRequest', message.requestId);
      return request;
    },
  }),
);
