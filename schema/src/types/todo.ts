import type { RunTodo } from '../../../server/src/modules/runs/run-event.types.js';
import { TODO_STATUSES } from '../../../server/src/modules/todos/todo.entity.js';
import { builder } from '../builder.js';
import { describedValues } from '../described-values.js';

export const TodoStatusEnum = builder.enumType('TodoStatus', {
  description: 'Where the agent is with a todo item.',
  values: describedValues(TODO_STATUSES, {
    PENDING: 'Not started.',
    IN_PROGRESS: 'Being worked on.',
    COMPLETED: 'Done.',
  }),
});

/** A todo item as the agent keeps it: the latest list on a session, or a list inside an event. */
export const TodoRef = builder.objectRef<RunTodo>('Todo').implement({
  description: "One item of the agent's todo list.",
  fields: (t) => ({
    id: t.exposeString('id', {
      description: "The item's id within the list, stable while the agent keeps it.",
    }),
    text: t.exposeString('text', { description: "What is to be done, in the agent's words." }),
    status: t.field({
      type: TodoStatusEnum,
      description: 'Where the agent is with it.',
      resolve: (todo) => todo.status,
    }),
    order: t.exposeInt('order', { description: 'Position in the list, from 0.' }),
  }),
});
