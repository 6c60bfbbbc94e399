import type { RunEventType, StoredRunEvent } from '../../../server/src/modules/runs/run-event.types.js';
import { NotFoundError } from '../../../server/src/errors.js';
import type { FieldMap } from '@pothos/core';
import { builder, type SchemaTypes } from '../builder.js';
import { viewerOf } from '../viewer.js';
import { HumanLoopRequestRef } from './human-loop.js';
import { RunErrorRef, RunStatusEnum, RunUsageRef } from './run-shared.js';
import { TodoRef } from './todo.js';
import { eventTime } from '../../../server/src/modules/runs/event-time.js';

type EventOf<T extends RunEventType> = Extract<StoredRunEvent, { type: T }>;

export const RunEventInterface = builder.interfaceRef<StoredRunEvent>('RunEvent').implement({
  description: 'One thing that happened in a run. `seq` starts at 1 and has no gaps within a run.',
  fields: (t) => ({
    seq: t.exposeInt('seq', { description: "The event's number within its run: 1, 2, 3, ..." }),
    at: t.field({
      type: 'DateTime',
      description: 'When it happened, as the executor stamped it (microseconds).',
      resolve: (event) => eventTime(event.at),
    }),
  }),
});

function eventType<T extends RunEventType>(
  type: T,
  description: string,
  fields: (t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypes, EventOf<T>>) => FieldMap,
) {
  return builder.objectRef<EventOf<T>>(type).implement({
    description,
    interfaces: [RunEventInterface],
    isTypeOf: (value) => (value as StoredRunEvent).type === type,
    fields,
  });
}

eventType('RunStatusChanged', 'The run moved to another status.', (t) => ({
  status: t.field({ type: RunStatusEnum, description: 'The new status.', resolve: (e) => e.payload.status }),
}));
eventType('AssistantTextDelta', "More of the assistant's answer.", (t) => ({
  text: t.string({
    description: 'Markdown to append to what came before; Run.output holds the whole.',
    resolve: (e) => e.payload.text,
  }),
}));
eventType('ReasoningDelta', "More of the model's reasoning, where the provider shows it.", (t) => ({
  text: t.string({ description: 'Text to append to the reasoning so far.', resolve: (e) => e.payload.text }),
}));
eventType('ToolCallStarted', 'The agent called a tool.', (t) => ({
  toolCallId: t.string({
    description: 'Pairs the call with its ToolCallFinished.',
    resolve: (e) => e.payload.toolCallId,
  }),
  name: t.string({
    description: "The tool's name as the agent knows it, e.g. Bash.",
    resolve: (e) => e.payload.name,
  }),
  input: t.field({
    type: 'JSON',
    nullable: true,
    description: 'The arguments the agent gave the tool.',
    resolve: (e) => e.payload.input,
  }),
}));
eventType('ToolCallFinished', 'A tool call returned, or failed.', (t) => ({
  toolCallId: t.string({
    description: "The ToolCallStarted's toolCallId.",
    resolve: (e) => e.payload.toolCallId,
  }),
  output: t.field({
    type: 'JSON',
    nullable: true,
    description: 'What the tool returned, or its error.',
    resolve: (e) => e.payload.output,
  }),
  isError: t.boolean({ description: 'True when the tool failed.', resolve: (e) => e.payload.isError }),
}));
eventType('TodoListUpdated', "The agent's todo list as it is now.", (t) => ({
  todos: t.field({
    type: [TodoRef],
    description: 'The whole list, in order; it replaces the previous one.',
    resolve: (e) => e.payload.todos,
  }),
}));
eventType('HumanLoopRequested', 'The agent asks a person and waits.', (t) => ({
  request: t.field({
    type: HumanLoopRequestRef,
    description: 'The request, as it is now; answer it with answerHumanLoop.',
    resolve: (e, _a, c) => loadRequest(e.payload.requestId, c),
  }),
}));
eventType('HumanLoopResolved', 'The agent got its answer and goes on.', (t) => ({
  request: t.field({
    type: HumanLoopRequestRef,
    description: 'The request, as it is now, with its answer.',
    resolve: (e, _a, c) => loadRequest(e.payload.requestId, c),
  }),
}));
eventType('RunWarning', 'Something the user should know that did not stop the run.', (t) => ({
  message: t.string({
    description: 'What happened, written for a person.',
    resolve: (e) => e.payload.message,
  }),
}));
eventType('RunUsageReported', 'Tokens (and cost, where reported) used so far.', (t) => ({
  usage: t.field({
    type: RunUsageRef,
    description: "The run's totals so far.",
    resolve: (e) => e.payload.usage,
  }),
}));
eventType('RunFinished', 'The run ended; always the last event.', (t) => ({
  status: t.field({
    type: RunStatusEnum,
    description: 'The final status: SUCCEEDED, FAILED, CANCELED or BLOCKED.',
    resolve: (e) => e.payload.status,
  }),
  error: t.field({
    type: RunErrorRef,
    nullable: true,
    description: 'Why it failed or was blocked; null otherwise.',
    resolve: (e) => e.payload.error,
  }),
}));

async function loadRequest(id: string, context: Parameters<typeof viewerOf>[0]) {
  const request = await context.services.humanLoop.find(viewerOf(context), id);
  if (!request) throw new NotFoundError('HumanLoopRequest', id);
  return request;
}
