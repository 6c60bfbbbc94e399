import type { ProtocolTodo, TodoStatus } from '../protocol.js';

/**
 * Todo lists arrive as tool calls, each agent with its own tool: Claude Code's `TodoWrite` and
 * OpenCode's `todowrite` ({todos: [{content | text, status, id?}]}), Codex's `update_plan`
 * ({plan: [{step, status}]}). Returns the normalised list, or null when the call is no todo tool.
 */
export function todosFromToolCall(toolName: string, input: unknown): ProtocolTodo[] | null {
  if (!isRecord(input)) return null;
  if (toolName === 'TodoWrite' || toolName === 'todowrite') {
    return Array.isArray(input.todos) ? normalise(input.todos, (item) => item.content ?? item.text) : null;
  }
  if (toolName === 'update_plan') {
    return Array.isArray(input.plan) ? normalise(input.plan, (item) => item.step) : null;
  }
  return null;
}

function normalise(items: unknown[], textOf: (item: Record<string, unknown>) => unknown): ProtocolTodo[] {
  const todos: ProtocolTodo[] = [];
  for (const [index, item] of items.entries()) {
    if (!isRecord(item)) continue;
    const text = textOf(item);
    if (typeof text !== 'string' || text === '') continue;
    // Position-based ids stay stable while an agent rewrites the same list with new statuses.
    const id =
      typeof item.id === 'string' && item.id !== ''
        ? item.id
        : typeof item.id === 'number'
          ? String(item.id)
          : String(index + 1);
    todos.push({ id, text, status: normaliseStatus(item.status) });
  }
  return todos;
}

function normaliseStatus(status: unknown): TodoStatus {
  // Codex's app server says `inProgress`; the tools say `in_progress` or `in-progress`.
  switch (typeof status === 'string' ? status.toLowerCase().replace(/[-_ ]/g, '') : '') {
    case 'inprogress':
    case 'active':
      return 'in_progress';
    // Nothing is left to do for a dropped item; the protocol has no separate state for it.
    case 'completed':
    case 'done':
    case 'cancelled':
    case 'canceled':
      return 'completed';
    default:
      return 'pending';
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
