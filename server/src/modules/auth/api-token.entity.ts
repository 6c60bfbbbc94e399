import { defineEntity, type InferEntity } from '@mikro-orm/core';
import { randomUUID } from 'node:crypto';
import { UserSchema } from '../users/user.entity.js';

export const TOKEN_KINDS = ['LOGIN', 'API'] as const;
export type TokenKind = (typeof TOKEN_KINDS)[number];

export const ApiTokenSchema = defineEntity({
  name: 'ApiToken',
  tableName: 'api_token',
  properties: (p) => ({
    id: p
      .uuid()
      .primary()
      .onCreate(() => randomUUID()),
    user: p.manyToOne(UserSchema).deleteRule('cascade'),
    /** SHA-256 of the token: a leaked table does not hand out working tokens. */
    tokenHash: p.string().unique().hidden(),
    name: p.string(),
    kind: p.enum(TOKEN_KINDS),
    expiresAt: p.datetime().nullable(),
    lastUsedAt: p.datetime().nullable(),
    revokedAt: p.datetime().nullable(),
    createdAt: p.datetime().onCreate(() => new Date()),
  }),
});

export type ApiToken = InferEntity<typeof ApiTokenSchema>;
