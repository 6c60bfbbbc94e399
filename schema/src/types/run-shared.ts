import type { ProtocolError } from '../../../executor/src/protocol.js';
import { RUN_STATUSES } from '../../../server/src/modules/runs/run.entity.js';
import type { RunUsage } from '../../../server/src/modules/runs/run-event.types.js';
import { builder } from '../builder.js';

export const RunStatusEnum = builder.enumType('RunStatus', {
  description: 'QUEUED → STARTING → RUNNING ⇄ WAITING_FOR_HUMAN → SUCCEEDED | FAILED | CANCELED | BLOCKED.',
  values: RUN_STATUSES,
});

export const RunUsageRef = builder.objectRef<RunUsage>('RunUsage').implement({
  fields: (t) => ({
    inputTokens: t.exposeInt('inputTokens'),
    outputTokens: t.exposeInt('outputTokens'),
    costUsd: t.exposeFloat('costUsd', { nullable: true, description: 'Where the provider reports it.' }),
  }),
});

export const RunErrorRef = builder.objectRef<ProtocolError>('RunError').implement({
  description: 'Why a run failed, classified, with what to do about it.',
  fields: (t) => ({
    class: t.exposeString('class', {
      description: 'e.g. auth_missing, model_invalid, transport_error, timeout.',
    }),
    message: t.exposeString('message'),
    suggestion: t.exposeString('suggestion'),
  }),
});
