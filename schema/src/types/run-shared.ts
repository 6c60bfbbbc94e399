import type { ProtocolError } from '../../../executor/src/protocol.js';
import { RUN_STATUSES } from '../../../server/src/modules/runs/run.entity.js';
import type { RunUsage } from '../../../server/src/modules/runs/run-event.types.js';
import { builder } from '../builder.js';
import { describedValues } from '../described-values.js';

export const RunStatusEnum = builder.enumType('RunStatus', {
  description: 'QUEUED → STARTING → RUNNING ⇄ WAITING_FOR_HUMAN → SUCCEEDED | FAILED | CANCELED | BLOCKED.',
  values: describedValues(RUN_STATUSES, {
    QUEUED: "Waiting for a worker, or for the session's earlier runs to settle.",
    STARTING: "A worker took it and is bringing up the session's container.",
    RUNNING: 'The agent is working on it.',
    WAITING_FOR_HUMAN: 'The agent asked a question or for permission and waits for an answer.',
    SUCCEEDED: 'The agent finished its answer.',
    FAILED: 'It ended with an error; `error` says which class and what to do.',
    CANCELED: 'Someone canceled it.',
    BLOCKED: 'It could not start: a capability or a required path is missing; `error` says what to change.',
  }),
});

export const RunUsageRef = builder.objectRef<RunUsage>('RunUsage').implement({
  description: 'Tokens a run used, as its provider reported them.',
  fields: (t) => ({
    inputTokens: t.exposeInt('inputTokens', { description: 'Tokens sent to the model.' }),
    outputTokens: t.exposeInt('outputTokens', { description: 'Tokens the model wrote.' }),
    costUsd: t.exposeFloat('costUsd', { nullable: true, description: 'Where the provider reports it.' }),
  }),
});

export const RunErrorRef = builder.objectRef<ProtocolError>('RunError').implement({
  description: 'Why a run failed, classified, with what to do about it.',
  fields: (t) => ({
    class: t.exposeString('class', {
      description: 'e.g. auth_missing, model_invalid, transport_error, timeout.',
    }),
    message: t.exposeString('message', { description: 'What went wrong, written for a person.' }),
    suggestion: t.exposeString('suggestion', { description: 'What to change so that the next run works.' }),
  }),
});
