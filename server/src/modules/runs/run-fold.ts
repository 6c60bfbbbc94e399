import type { ExecutorEvent, ProtocolError } from '../../../../executor/src/protocol.js';
import type { HumanLoopKind } from '../human-loop/human-loop-request.entity.js';
import type { TodoStatus } from '../todos/todo.entity.js';
import { eventTime } from './event-time.js';
import { isFinalRunStatus, type RunStatus } from './run.entity.js';
import type { RunEventRecord, RunTodo, RunUsage } from './run-event.types.js';

/** What a batch starts from: the run's row, locked. */
export interface RunFoldState {
  status: RunStatus;
  executorSeq: number;
}

/** Something to append: an executor event, or a record the platform itself produces. */
export type AppendItem = { executor: ExecutorEvent } | { record: RunEventRecord };

export interface NewHumanLoopRequest {
  id: string;
  kind: HumanLoopKind;
  prompt: string;
  options: string[];
  deadlineAt: Date;
  createdAt: Date;
}

/** The outcome of folding a batch: records to append and the state changes they imply. */
export interface RunFold {
  records: { record: RunEventRecord; at: Date }[];
  status: RunStatus;
  executorSeq: number;
  startedAt: Date | null;
  finishedAt: Date | null;
  error: ProtocolError | null;
  usage: RunUsage | null;
  todos: RunTodo[] | null;
  humanLoopRequested: NewHumanLoopRequest[];
  humanLoopResolved: { id: string; answer: string; at: Date }[];
  agentSessionId: string | null;
}

const TODO_STATUS: Record<string, TodoStatus> = {
  pending: 'PENDING',
  in_progress: 'IN_PROGRESS',
  completed: 'COMPLETED',
};

/**
 * Folds a batch into records and state, in order. Executor events at or below the persisted
 * executor seq are duplicates (a reattaching worker) and are dropped; nothing follows a final status.
 */
export function foldBatch(
  state: RunFoldState,
  items: readonly AppendItem[],
  now: Date = new Date(),
): RunFold {
  const fold: RunFold = {
    records: [],
    status: state.status,
    executorSeq: state.executorSeq,
    startedAt: null,
    finishedAt: null,
    error: null,
    usage: null,
    todos: null,
    humanLoopRequested: [],
    humanLoopResolved: [],
    agentSessionId: null,
  };
  const push = (record: RunEventRecord, at: Date) => fold.records.push({ record, at });
  const setStatus = (status: RunStatus, at: Date) => {
    if (fold.status === status) return;
    fold.status = status;
    if (status === 'RUNNING' && !fold.startedAt) fold.startedAt = at;
    if (!isFinalRunStatus(status)) push({ type: 'RunStatusChanged', payload: { status } }, at);
  };

  for (const item of items) {
    if (isFinalRunStatus(fold.status)) break;
    if ('record' in item) {
      const { record } = item;
      if (record.type === 'RunStatusChanged') {
        setStatus(record.payload.status, now);
        continue;
      }
      if (record.type === 'RunFinished') finish(fold, record.payload.status, record.payload.error, now, push);
      else push(record, now);
      continue;
    }

    const event = item.executor;
    if (event.seq <= fold.executorSeq) continue;
    fold.executorSeq = event.seq;
    const at = eventTime(event.at);
    switch (event.type) {
      case 'run.started':
        setStatus('RUNNING', at);
        break;
      case 'text.delta':
        push({ type: 'AssistantTextDelta', payload: { text: event.text } }, at);
        break;
      case 'reasoning.delta':
        push({ type: 'ReasoningDelta', payload: { text: event.text } }, at);
        break;
      case 'tool.started':
        push(
          {
            type: 'ToolCallStarted',
            payload: { toolCallId: event.toolCallId, name: event.name, input: event.input },
          },
          at,
        );
        break;
      case 'tool.finished':
        push(
          {
            type: 'ToolCallFinished',
            payload: { toolCallId: event.toolCallId, output: event.output, isError: event.isError },
          },
          at,
        );
        break;
      case 'todos.updated': {
        // Ids key the latest list, so a repeated id from the agent gets a position suffix.
        const seen = new Set<string>();
        const todos = event.todos.map((todo, order) => ({
          id: seen.has(todo.id) ? `${todo.id}#${order}` : (seen.add(todo.id), todo.id),
          text: todo.text,
          status: TODO_STATUS[todo.status] ?? 'PENDING',
          order,
        }));
        fold.todos = todos;
        push({ type: 'TodoListUpdated', payload: { todos } }, at);
        break;
      }
      case 'human_loop.requested':
        fold.humanLoopRequested.push({
          id: event.requestId,
          kind: event.kind === 'permission' ? 'PERMISSION' : 'QUESTION',
          prompt: event.prompt,
          options: event.options,
          deadlineAt: new Date(event.deadlineAt),
          createdAt: at,
        });
        push({ type: 'HumanLoopRequested', payload: { requestId: event.requestId } }, at);
        setStatus('WAITING_FOR_HUMAN', at);
        break;
      case 'human_loop.resolved': {
        fold.humanLoopResolved.push({ id: event.requestId, answer: event.answer, at });
        push({ type: 'HumanLoopResolved', payload: { requestId: event.requestId } }, at);
        // The agent blocks on one request at a time, so an answer means it is working again.
        setStatus('RUNNING', at);
        break;
      }
      case 'warning':
        push({ type: 'RunWarning', payload: { message: event.message } }, at);
        break;
      case 'usage': {
        const usage = {
          inputTokens: event.usage.inputTokens,
          outputTokens: event.usage.outputTokens,
          costUsd: event.usage.costUsd ?? null,
        };
        fold.usage = usage;
        push({ type: 'RunUsageReported', payload: { usage } }, at);
        break;
      }
      case 'agent.session':
        fold.agentSessionId = event.agentSessionId;
        break;
      case 'run.finished': {
        const status: RunStatus =
          event.status === 'succeeded' ? 'SUCCEEDED' : event.status === 'canceled' ? 'CANCELED' : 'FAILED';
        finish(fold, status, event.error ?? null, at, push);
        break;
      }
    }
  }
  return fold;
}

function finish(
  fold: RunFold,
  status: RunStatus,
  error: ProtocolError | null,
  at: Date,
  push: (record: RunEventRecord, at: Date) => void,
): void {
  fold.status = status;
  fold.finishedAt = at;
  fold.error = error;
  push({ type: 'RunFinished', payload: { status, error } }, at);
}
