import { resolveCursorConnection, type ResolveCursorConnectionArgs } from '@pothos/plugin-relay';
import { NotFoundError, ValidationError } from '../../../server/src/errors.js';
import { RunSchema, type Run } from '../../../server/src/modules/runs/run.entity.js';
import { builder } from '../builder.js';
import { decodeCreatedAtCursor, encodeKeysetCursor } from '../keyset-cursor.js';
import { isEntity } from '../entity-type.js';
import { decodeId, tryDecodeId } from '../global-id.js';
import { viewerOf } from '../viewer.js';
import { HumanLoopRequestRef, HumanLoopStatusEnum } from './human-loop.js';
import { RunEventInterface } from './run-event.js';
import { RunOptionsInput, RunOptionsRef, runOptionsFromInput } from './run-options.js';
import { RunErrorRef, RunStatusEnum, RunUsageRef } from './run-shared.js';
import { SessionRef } from './session.js';
import { TodoRef } from './todo.js';

const MAX_EVENTS_PAGE = 10_000;

export const RunRef = builder.node(builder.objectRef<Run>('Run'), {
  description: 'One message to the agent and everything the agent did in answer.',
  id: { resolve: (run) => run.id },
  isTypeOf: isEntity(RunSchema),
  loadOne: (id, context) => (context.viewer ? context.services.runs.find(context.viewer, id) : null),
  fields: (t) => ({
    session: t.field({
      type: SessionRef,
      description: 'The session the run belongs to.',
      resolve: (run, _args, context) => context.services.sessions.get(viewerOf(context), run.session.id),
    }),
    prompt: t.exposeString('prompt', { description: 'The message as the user sent it.' }),
    status: t.field({
      type: RunStatusEnum,
      description: 'Where the run is now.',
      resolve: (run) => run.status,
    }),
    attempts: t.exposeInt('attempts', {
      description: 'Executor attempts; more than one means infrastructure retries.',
    }),
    error: t.field({
      type: RunErrorRef,
      nullable: true,
      description: 'Why the run failed or was blocked; null otherwise.',
      resolve: (run) =>
        run.errorClass
          ? {
              class: run.errorClass as never,
              message: run.errorMessage ?? '',
              suggestion: run.errorSuggestion ?? '',
            }
          : null,
    }),
    usage: t.field({
      type: RunUsageRef,
      description: 'Tokens (and cost) used so far, as the provider reported them.',
      resolve: (run) => ({
        inputTokens: run.inputTokens,
        outputTokens: run.outputTokens,
        costUsd: run.costUsd == null ? null : Number(run.costUsd),
      }),
    }),
    output: t.string({
      description: "The assistant's text so far, up to `lastSeq`.",
      resolve: (run, _args, context) => context.services.runs.output(run),
    }),
    options: t.field({
      type: RunOptionsRef,
      description: "The run's own settings over the app's.",
      resolve: (run) => run.options ?? {},
    }),
    lastSeq: t.exposeInt('lastSeq', {
      description: 'Seq of the latest event; subscribe with afterSeq to continue from here.',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime', description: 'When the message was sent.' }),
    startedAt: t.expose('startedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When the agent started on it; null while queued.',
    }),
    finishedAt: t.expose('finishedAt', {
      type: 'DateTime',
      nullable: true,
      description: 'When it settled (any final status); null until then.',
    }),
    durationMs: t.int({
      nullable: true,
      description: 'From start to finish, once finished.',
      resolve: (run) =>
        run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
    }),
    events: t.field({
      type: [RunEventInterface],
      description: 'The run log: events with seq greater than afterSeq, in order.',
      args: {
        afterSeq: t.arg.int({ defaultValue: 0, description: 'Only events after this seq; 0 for all.' }),
        first: t.arg.int({ description: `At most this many (default and maximum ${MAX_EVENTS_PAGE}).` }),
      },
      resolve: (run, args, context) =>
        context.services.runs.events(
          run,
          Math.max(0, args.afterSeq ?? 0),
          Math.min(Math.max(1, args.first ?? MAX_EVENTS_PAGE), MAX_EVENTS_PAGE),
        ),
    }),
    humanLoopRequests: t.field({
      type: [HumanLoopRequestRef],
      description: "The run's questions and permission requests, oldest first (HL4).",
      args: { status: t.arg({ type: HumanLoopStatusEnum, description: 'Only requests in this status.' }) },
      resolve: (run, args, context) =>
        context.services.humanLoop.list({ runId: run.id, status: args.status }),
    }),
  }),
});

builder.objectFields(SessionRef, (t) => ({
  runs: t.connection(
    {
      type: RunRef,
      description: "The session's runs, newest first.",
      resolve: (session, args, context) =>
        resolveCursorConnection(
          {
            args,
            toCursor: (run: Run) => encodeKeysetCursor(run.createdAt, run.id),
          },
          (page: ResolveCursorConnectionArgs) => {
            if (page.before || page.inverted) {
              throw new ValidationError('runs are paged forwards only: use first and after', [
                { path: ['last'], message: 'not supported' },
              ]);
            }
            return context.services.runs.pageOfSession(session.id, {
              after: page.after ? decodeCreatedAtCursor(page.after) : undefined,
              limit: page.limit,
            });
          },
        ),
    },
    { name: 'RunConnection', description: 'A page of runs.' },
    { name: 'RunEdge', description: 'A run in a page, with its cursor.' },
  ),
  todos: t.field({
    type: [TodoRef],
    description: "The agent's latest todo list in this session.",
    resolve: async (session, _args, context) =>
      (await context.services.todos.latest(session.id)).map((todo) => ({
        id: todo.itemId,
        text: todo.text,
        status: todo.status,
        order: todo.order,
      })),
  }),
  humanLoopRequests: t.field({
    type: [HumanLoopRequestRef],
    description: "The session's questions and permission requests, oldest first; filter by status.",
    args: { status: t.arg({ type: HumanLoopStatusEnum, description: 'Only requests in this status.' }) },
    resolve: (session, args, context) =>
      context.services.humanLoop.list({ sessionId: session.id, status: args.status }),
  }),
  agentSessionId: t.exposeString('agentSessionId', {
    nullable: true,
    description: "The agent's own session id, used to resume its conversation on the next message.",
  }),
}));

builder.queryField('run', (t) =>
  t.field({
    type: RunRef,
    nullable: true,
    description: 'One of your runs, or null.',
    args: { id: t.arg.id({ required: true, description: "The run's global id." }) },
    resolve: (_root, args, context) => {
      const id = tryDecodeId('Run', String(args.id));
      return id ? context.services.runs.find(viewerOf(context), id) : null;
    },
  }),
);

const SendMessageInput = builder.inputType('SendMessageInput', {
  description: 'A message to the agent of one of your sessions.',
  fields: (t) => ({
    sessionId: t.id({ required: true, description: 'The session to send it to.' }),
    text: t.string({
      required: true,
      description: 'What to tell the agent (for the scripted app, optionally a script).',
    }),
    clientMutationId: t.string({
      description: 'Your key for this message: sending it again with the same key returns the same run.',
    }),
    options: t.field({ type: RunOptionsInput, description: "Settings for this run over the app's." }),
  }),
});

const RunPayload = builder.objectRef<{ run: Run }>('RunPayload').implement({
  description: 'The run a mutation created or changed.',
  fields: (t) => ({
    run: t.field({ type: RunRef, description: 'The run as it is now.', resolve: (payload) => payload.run }),
  }),
});

builder.mutationField('sendMessage', (t) =>
  t.field({
    type: RunPayload,
    description: "Sends a message: a new run queued behind the session's earlier runs.",
    args: { input: t.arg({ type: SendMessageInput, required: true, description: 'The message.' }) },
    errors: {
      types: [ValidationError, NotFoundError],
      directResult: true,
      union: { name: 'SendMessageResult', description: 'The queued run, or why the message was refused.' },
    },
    resolve: async (_root, { input }, context) => ({
      run: (
        await context.services.runs.sendMessage(viewerOf(context), {
          sessionId: decodeId('Session', String(input.sessionId), ['sessionId']),
          text: input.text,
          clientMutationId: input.clientMutationId,
          options: runOptionsFromInput(input.options),
        })
      ).run,
    }),
  }),
);

const CancelRunInput = builder.inputType('CancelRunInput', {
  description: 'Names the run to cancel.',
  fields: (t) => ({ runId: t.id({ required: true, description: "The run's global id." }) }),
});

builder.mutationField('cancelRun', (t) =>
  t.field({
    type: RunPayload,
    description: 'Cancels a queued or running run; a finished run is returned unchanged.',
    args: { input: t.arg({ type: CancelRunInput, required: true, description: 'The run.' }) },
    errors: {
      types: [ValidationError, NotFoundError],
      directResult: true,
      union: {
        name: 'CancelRunResult',
        description: 'The run after the cancel, or why it could not be canceled.',
      },
    },
    resolve: async (_root, { input }, context) => ({
      run: await context.services.runs.cancel(
        viewerOf(context),
        decodeId('Run', String(input.runId), ['runId']),
      ),
    }),
  }),
);

builder.subscriptionField('runEvents', (t) =>
  t.field({
    type: RunEventInterface,
    description:
      'Every event of a run with seq > afterSeq, exactly once and in order: the log first, then live; completes after RunFinished.',
    args: {
      runId: t.arg.id({ required: true, description: 'The run to follow.' }),
      afterSeq: t.arg.int({
        defaultValue: 0,
        description: 'The last seq you have; 0 for everything. Reconnect with it to continue without a gap.',
      }),
    },
    subscribe: (_root, args, context) =>
      context.services.runs.watch(
        viewerOf(context),
        decodeId('Run', String(args.runId), ['runId']),
        Math.max(0, args.afterSeq ?? 0),
      ),
    resolve: (event) => event,
  }),
);

builder.objectFields(HumanLoopRequestRef, (t) => ({
  run: t.field({
    type: RunRef,
    description: 'The run that asked.',
    resolve: (request, _args, context) => context.services.runs.get(viewerOf(context), request.run.id),
  }),
  session: t.field({
    type: SessionRef,
    description: 'The session the request belongs to.',
    resolve: (request, _args, context) =>
      context.services.sessions.get(viewerOf(context), request.session.id),
  }),
}));
