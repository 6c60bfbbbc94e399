import type { ProviderMetadata, TextStreamPart, ToolSet } from 'ai';
import type { ExecutorEventBody } from '../protocol.js';
import { todosFromToolCall } from './todos-from-tool-call.js';

/** What one `streamText` part means for the run: events to emit, a failure, or the end of a canceled run. */
export type PartOutcome =
  { kind: 'events'; events: ExecutorEventBody[] } | { kind: 'error'; error: unknown } | { kind: 'abort' };

/** What the mapping remembers across the parts of one run. */
export interface StreamMappingState {
  /** Summed over steps: `finish` carries the total usage but no provider metadata. */
  costUsd: number | null;
  agentSessionId: string | null;
}

export function createStreamMappingState(): StreamMappingState {
  return { costUsd: null, agentSessionId: null };
}

const none: PartOutcome = { kind: 'events', events: [] };
const emit = (...events: ExecutorEventBody[]): PartOutcome => ({ kind: 'events', events });

/** Maps an AI SDK `fullStream` part to protocol events; no I/O, so every provider's shape is unit-testable. */
export function mapStreamPart(part: TextStreamPart<ToolSet>, state: StreamMappingState): PartOutcome {
  switch (part.type) {
    case 'text-delta':
      return part.text === '' ? none : emit({ type: 'text.delta', text: part.text });
    case 'reasoning-delta':
      return part.text === '' ? none : emit({ type: 'reasoning.delta', text: part.text });
    case 'tool-call': {
      const started: ExecutorEventBody = {
        type: 'tool.started',
        toolCallId: part.toolCallId,
        name: part.toolName,
        input: part.input,
      };
      const todos = todosFromToolCall(part.toolName, part.input);
      return todos === null ? emit(started) : emit(started, { type: 'todos.updated', todos });
    }
    case 'tool-result':
      // Preliminary results (previews) are replaced by the final one; only that one ends the call.
      if (part.preliminary === true) return none;
      return emit({
        type: 'tool.finished',
        toolCallId: part.toolCallId,
        output: part.output ?? null,
        isError: false,
      });
    case 'tool-error':
      return emit({
        type: 'tool.finished',
        toolCallId: part.toolCallId,
        output: errorOutput(part.error),
        isError: true,
      });
    case 'tool-output-denied':
      return emit({ type: 'tool.finished', toolCallId: part.toolCallId, output: 'denied', isError: true });
    case 'start-step':
      return emit(
        ...part.warnings.map((warning): ExecutorEventBody => ({
          type: 'warning',
          message: warningText(warning),
        })),
      );
    case 'finish-step':
      return mapFinishStep(part.providerMetadata, state);
    case 'finish':
      return emit({
        type: 'usage',
        usage: {
          inputTokens: part.totalUsage.inputTokens ?? 0,
          outputTokens: part.totalUsage.outputTokens ?? 0,
          ...(state.costUsd === null ? {} : { costUsd: state.costUsd }),
        },
      });
    case 'error':
      return { kind: 'error', error: part.error };
    case 'abort':
      return { kind: 'abort' };
    // Framing and inputs in flight: the complete call arrives as `tool-call`, whose input we report.
    // Approvals are answered inside the provider through the human-loop hook, not from the stream.
    case 'start':
    case 'text-start':
    case 'text-end':
    case 'reasoning-start':
    case 'reasoning-end':
    case 'tool-input-start':
    case 'tool-input-delta':
    case 'tool-input-end':
    case 'tool-approval-request':
    case 'source':
    case 'file':
    case 'raw':
      return none;
  }
}

function mapFinishStep(metadata: ProviderMetadata | undefined, state: StreamMappingState): PartOutcome {
  if (metadata === undefined) return none;
  const events: ExecutorEventBody[] = [];
  for (const fields of Object.values(metadata)) {
    // Claude Code reports `costUsd` and `sessionId` under its own provider key, Codex's app server
    // its `threadId`, OpenCode
    // `sessionId` and `cost`.
    const cost = fields.costUsd ?? fields.cost;
    if (typeof cost === 'number' && Number.isFinite(cost)) state.costUsd = (state.costUsd ?? 0) + cost;
    const sessionId = fields.sessionId ?? fields.threadId;
    if (typeof sessionId === 'string' && sessionId !== '' && sessionId !== state.agentSessionId) {
      state.agentSessionId = sessionId;
      events.push({ type: 'agent.session', agentSessionId: sessionId });
    }
  }
  return emit(...events);
}

function errorOutput(error: unknown): unknown {
  if (error instanceof Error) return error.message;
  return error ?? 'tool failed';
}

function warningText(
  warning: Extract<TextStreamPart<ToolSet>, { type: 'start-step' }>['warnings'][number],
): string {
  switch (warning.type) {
    case 'unsupported':
      return `unsupported: ${warning.feature}${warning.details ? ` (${warning.details})` : ''}`;
    case 'compatibility':
      return `compatibility mode: ${warning.feature}${warning.details ? ` (${warning.details})` : ''}`;
    case 'other':
      return warning.message;
  }
}
