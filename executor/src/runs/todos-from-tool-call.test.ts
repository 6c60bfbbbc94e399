import { describe, expect, it } from 'vitest';
import { todosFromToolCall } from './todos-from-tool-call.js';

describe('todosFromToolCall', () => {
  it("reads Claude Code's TodoWrite, keeping given ids and numbering the rest by position", () => {
    const todos = todosFromToolCall('TodoWrite', {
      todos: [
        { content: 'Plan', status: 'completed', activeForm: 'Planning' },
        { id: 'b', content: 'Build', status: 'in_progress' },
        { text: 'Ship', status: 'pending' },
      ],
    });
    expect(todos).toEqual([
      { id: '1', text: 'Plan', status: 'completed' },
      { id: 'b', text: 'Build', status: 'in_progress' },
      { id: '3', text: 'Ship', status: 'pending' },
    ]);
  });

  it("reads OpenCode's todowrite, mapping cancelled items to completed", () => {
    expect(
      todosFromToolCall('todowrite', {
        todos: [{ id: 't1', content: 'A', status: 'cancelled', priority: 'high' }],
      }),
    ).toEqual([{ id: 't1', text: 'A', status: 'completed' }]);
  });

  it("reads Codex's update_plan", () => {
    expect(
      todosFromToolCall('update_plan', {
        plan: [
          { step: 'Look', status: 'in_progress' },
          { step: 'Fix', status: 'pending' },
        ],
      }),
    ).toEqual([
      { id: '1', text: 'Look', status: 'in_progress' },
      { id: '2', text: 'Fix', status: 'pending' },
    ]);
  });

  it('ignores other tools and inputs of the wrong shape', () => {
    expect(todosFromToolCall('Bash', { todos: [] })).toBeNull();
    expect(todosFromToolCall('TodoWrite', 'not an object')).toBeNull();
    expect(todosFromToolCall('update_plan', { plan: 'x' })).toBeNull();
  });
});

describe('codex plan statuses', () => {
  it('reads the app server camelCase statuses', () => {
    expect(
      todosFromToolCall('update_plan', {
        plan: [
          { step: 'a', status: 'inProgress' },
          { step: 'b', status: 'completed' },
        ],
      }),
    ).toEqual([
      { id: '1', text: 'a', status: 'in_progress' },
      { id: '2', text: 'b', status: 'completed' },
    ]);
  });
});
