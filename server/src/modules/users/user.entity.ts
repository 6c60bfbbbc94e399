import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';

export const ROLES = ['ADMIN', 'MEMBER'] as const;
export type Role = (typeof ROLES)[number];

export const UserSchema = defineEntity({
  name: 'User',
  tableName: 'user',
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    email: p.string().unique(),
    name: p.string(),
    role: p.enum(ROLES),
    /** scrypt hash with its parameters and salt; never the password. */
    passwordHash: p.string().hidden(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});

export type User = InferEntity<typeof UserSchema>;
