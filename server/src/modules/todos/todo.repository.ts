import type { Orm } from '../../db/orm.js';
import { TodoSchema, type Todo } from './todo.entity.js';

export class TodoRepository {
  constructor(private readonly orm: Orm) {}

  /** The session's latest todo list, in the agent's order. */
  latest(sessionId: string): Promise<Todo[]> {
    return this.orm.em.fork().find(TodoSchema, { session: sessionId }, { orderBy: { order: 'asc' } });
  }
}
