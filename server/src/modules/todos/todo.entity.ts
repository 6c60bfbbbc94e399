import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { SessionSchema } from '../sessions/session.entity.js';

export const TODO_STATUSES = ['PENDING', 'IN_PROGRESS', 'COMPLETED'] as const;
export type TodoStatus = (typeof TODO_STATUSES)[number];

/** The agent's latest todo list per session; its history is the TodoListUpdated events. */
export const TodoSchema = defineEntity({
  name: 'Todo',
  tableName: 'todo',
  properties: (p) => ({
    session: p.manyToOne(SessionSchema).primary().deleteRule('cascade'),
    itemId: p.string().primary(),
    runId: p.uuid(),
    text: p.text(),
    status: p.enum(TODO_STATUSES),
    order: p.integer(),
  }),
});

export type Todo = InferEntity<typeof TodoSchema>;
