import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { Orm } from '../../db/orm.js';
import { UserSchema, type Role, type User } from './user.entity.js';

export class UserRepository {
  constructor(private readonly orm: Orm) {}

  findById(id: string): Promise<User | null> {
    return this.orm.em.fork().findOne(UserSchema, { id });
  }

  findByEmail(email: string): Promise<User | null> {
    return this.orm.em.fork().findOne(UserSchema, { email: email.toLowerCase() });
  }

  findByIds(ids: readonly string[]): Promise<User[]> {
    return this.orm.em.fork().find(UserSchema, { id: { $in: [...ids] } });
  }

  /** Inserts the user unless one with that email exists; returns whichever is stored. */
  async createIfMissing(input: {
    email: string;
    name: string;
    role: Role;
    passwordHash: string;
  }): Promise<User> {
    const existing = await this.findByEmail(input.email);
    if (existing) return existing;
    const em = this.orm.em.fork();
    try {
      const user = em.create(UserSchema, input);
      await em.flush();
      return user;
    } catch (error) {
      // Two processes seeding at once: the other one won, which is just as good.
      if (error instanceof UniqueConstraintViolationException)
        return em.fork().findOneOrFail(UserSchema, { email: input.email });
      throw error;
    }
  }
}
