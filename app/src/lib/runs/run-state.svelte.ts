import type { FragmentType } from '#lib/gql';
import type { RunEvent_EventFragment, RunStatus, RunSummary_RunFragment } from '#lib/gql/graphql.ts';
import type { HumanLoopCardFragment } from '#lib/human-loop/human-loop.documents.ts';
import type { TodosPanelFragment } from '#lib/todos/todos-panel.documents.ts';
import { isTerminal } from './run-status';

export type RunError = NonNullable<RunSummary_RunFragment['error']>;
export type RunUsage = RunSummary_RunFragment['usage'];

/** A tool call as its card shows it. */
export interface ToolCallPart {
  kind: 'tool';
  key: string;
  toolCallId: string;
  name: string;
  input: unknown;
  output: unknown;
  isError: boolean;
  finished: boolean;
}

/** One piece of the assistant's answer, in the order the agent produced it. */
export type RunPart =
  | { kind: 'text'; key: string; text: string }
  | { kind: 'reasoning'; key: string; text: string }
  | ToolCallPart
  | { kind: 'warning'; key: string; message: string }
  | { kind: 'question'; key: string; requestId: string };

/** One status change, for the run's timeline. */
export interface TimelineEntry {
  status: RunStatus;
  at: string;
}

/** What a run event may carry beyond the run itself. */
export interface RunEventEffects {
  todos?: Array<{ id: string } & FragmentType<typeof TodosPanelFragment>>;
  request?: { id: string } & FragmentType<typeof HumanLoopCardFragment>;
  /** True for a new question or permission request (not for its resolution). */
  requested?: boolean;
  finished?: boolean;
}

export type ApplyOutcome =
  | { kind: 'applied'; effects: RunEventEffects }
  | { kind: 'duplicate' }
  /** An event arrived past a hole in the sequence: the stream must resume from `lastSeq`. */
  | { kind: 'gap' };

/**
 * One run rebuilt from its event log. Events are applied strictly in seq order and each seq at
 * most once, so a replay after a reconnect never doubles text.
 */
export class RunState {
  readonly id: string;
  readonly prompt: string;
  readonly createdAt: string;
  status = $state<RunStatus>('QUEUED');
  attempts = $state(1);
  error = $state<RunError | null>(null);
  usage = $state<RunUsage | null>(null);
  durationMs = $state<number | null>(null);
  parts = $state<RunPart[]>([]);
  timeline = $state<TimelineEntry[]>([]);
  lastSeq = $state(0);

  constructor(summary: RunSummary_RunFragment) {
    this.id = summary.id;
    this.prompt = summary.prompt;
    this.createdAt = summary.createdAt;
    this.timeline = [{ status: 'QUEUED', at: summary.createdAt }];
    this.updateSummary(summary);
  }

  get finished(): boolean {
    return isTerminal(this.status);
  }

  /** The assistant's text so far, all text parts joined. */
  get text(): string {
    return this.parts
      .filter((part) => part.kind === 'text')
      .map((part) => part.text)
      .join('');
  }

  /** Takes the server's view of the run; a status never goes back from finished to live. */
  updateSummary(summary: RunSummary_RunFragment): void {
    if (!(this.finished && !isTerminal(summary.status))) this.status = summary.status;
    this.attempts = summary.attempts;
    this.error = summary.error ?? this.error;
    this.usage = summary.usage;
    this.durationMs = summary.durationMs ?? null;
  }

  apply(event: RunEvent_EventFragment): ApplyOutcome {
    if (event.seq <= this.lastSeq) return { kind: 'duplicate' };
    if (event.seq !== this.lastSeq + 1) return { kind: 'gap' };
    this.lastSeq = event.seq;
    const key = `${this.id}:${event.seq}`;
    switch (event.__typename) {
      case 'RunStatusChanged':
        if (!this.finished) this.status = event.status;
        this.timeline.push({ status: event.status, at: event.at });
        return { kind: 'applied', effects: {} };
      case 'AssistantTextDelta':
      case 'ReasoningDelta': {
        const kind = event.__typename === 'AssistantTextDelta' ? 'text' : 'reasoning';
        const last = this.parts.at(-1);
        if (last && last.kind === kind) last.text += event.text;
        else this.parts.push({ kind, key, text: event.text });
        return { kind: 'applied', effects: {} };
      }
      case 'ToolCallStarted':
        this.parts.push({
          kind: 'tool',
          key,
          toolCallId: event.toolCallId,
          name: event.name,
          input: event.input,
          output: undefined,
          isError: false,
          finished: false,
        });
        return { kind: 'applied', effects: {} };
      case 'ToolCallFinished': {
        const call = this.parts.find(
          (part): part is ToolCallPart => part.kind === 'tool' && part.toolCallId === event.toolCallId,
        );
        if (call) {
          call.output = event.output;
          call.isError = event.isError;
          call.finished = true;
        }
        return { kind: 'applied', effects: {} };
      }
      case 'TodoListUpdated':
        return { kind: 'applied', effects: { todos: event.todos } };
      case 'HumanLoopRequested':
        this.parts.push({ kind: 'question', key, requestId: event.request.id });
        return { kind: 'applied', effects: { request: event.request, requested: true } };
      case 'HumanLoopResolved':
        return { kind: 'applied', effects: { request: event.request } };
      case 'RunWarning':
        this.parts.push({ kind: 'warning', key, message: event.message });
        return { kind: 'applied', effects: {} };
      case 'RunUsageReported':
        this.usage = event.usage;
        return { kind: 'applied', effects: {} };
      case 'RunFinished':
        this.status = event.status;
        this.error = event.error ?? null;
        if (this.timeline.at(-1)?.status !== event.status) {
          this.timeline.push({ status: event.status, at: event.at });
        }
        // Tool calls still open when the run ended will not finish any more.
        return { kind: 'applied', effects: { finished: true } };
      default:
        return unknownEvent(event);
    }
  }
}

// Compile-time proof that every RunEvent kind is handled; at run time, newer kinds are skipped.
function unknownEvent(_event: never): ApplyOutcome {
  return { kind: 'applied', effects: {} };
}
