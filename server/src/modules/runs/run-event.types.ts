import type { ProtocolError } from '../../../../executor/src/protocol.js';
import type { TodoStatus } from '../todos/todo.entity.js';
import type { RunStatus } from './run.entity.js';

export interface RunUsage {
  inputTokens: number;
  outputTokens: number;
  costUsd: number | null;
}

export interface RunTodo {
  id: string;
  text: string;
  status: TodoStatus;
  order: number;
}

/** A run event as stored (`run_event.type` + `payload`); `type` is the GraphQL type name. */
export type RunEventRecord =
  | { type: 'RunStatusChanged'; payload: { status: RunStatus } }
  | { type: 'AssistantTextDelta'; payload: { text: string } }
  | { type: 'ReasoningDelta'; payload: { text: string } }
  | { type: 'ToolCallStarted'; payload: { toolCallId: string; name: string; input: unknown } }
  | { type: 'ToolCallFinished'; payload: { toolCallId: string; output: unknown; isError: boolean } }
  | { type: 'TodoListUpdated'; payload: { todos: RunTodo[] } }
  | { type: 'HumanLoopRequested'; payload: { requestId: string } }
  | { type: 'HumanLoopResolved'; payload: { requestId: string } }
  | { type: 'RunWarning'; payload: { message: string } }
  | { type: 'RunUsageReported'; payload: { usage: RunUsage } }
  | { type: 'RunFinished'; payload: { status: RunStatus; error: ProtocolError | null } };

export type RunEventType = RunEventRecord['type'];

/** A persisted event: what subscribers receive, from the database or from Redis. */
export type StoredRunEvent = RunEventRecord & { runId: string; seq: number; at: string };

export const runTopic = (runId: string) => `run:${runId}`;
