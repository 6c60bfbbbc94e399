import type { Orm } from '../../db/orm.js';
import type { User } from '../users/user.entity.js';
import { ApiTokenSchema, type ApiToken, type TokenKind } from './api-token.entity.js';

export class ApiTokenRepository {
  constructor(private readonly orm: Orm) {}

  async create(input: {
    user: User;
    tokenHash: string;
    name: string;
    kind: TokenKind;
    expiresAt: Date | null;
  }): Promise<ApiToken> {
    const em = this.orm.em.fork();
    const token = em.create(ApiTokenSchema, { ...input, user: input.user.id });
    await em.flush();
    return token;
  }

  findByHash(tokenHash: string): Promise<ApiToken | null> {
    return this.orm.em.fork().findOne(ApiTokenSchema, { tokenHash }, { populate: ['user'] });
  }

  async touch(id: string, at: Date): Promise<void> {
    await this.orm.em.fork().nativeUpdate(ApiTokenSchema, { id }, { lastUsedAt: at });
  }

  /** Revokes the token if it is still live; true when this call revoked it. */
  async revoke(id: string, userId: string, at: Date): Promise<boolean> {
    const count = await this.orm.em
      .fork()
      .nativeUpdate(ApiTokenSchema, { id, user: userId, revokedAt: null }, { revokedAt: at });
    return count > 0;
  }

  /** Deletes tokens that can never authenticate again. */
  async deleteDead(now: Date): Promise<number> {
    return this.orm.em.fork().nativeDelete(ApiTokenSchema, {
      $or: [{ expiresAt: { $lt: now } }, { revokedAt: { $ne: null } }],
    });
  }
}
